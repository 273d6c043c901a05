from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "mathshubs.catalogue"
    verbose_name = "National project catalogue"
