"""National reporting (ISSUE 11): the annual report's figures counted live from the
platform's data, for England, each region and each hub, with their pages.

Read-only: no models of its own, aggregates over the catalogue, activities, events and
directory tables.
"""
