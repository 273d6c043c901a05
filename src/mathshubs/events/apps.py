from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "mathshubs.events"
    verbose_name = "Events"
