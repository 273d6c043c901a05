"""mathshubs: the platform that runs England's Maths Hubs Programme."""
