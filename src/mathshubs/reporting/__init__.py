"""National reporting: the annual report's figures computed from the platform's data.

A plain package (no models, not an installed app): read-only aggregates over the
catalogue, activities and directory tables.
"""
