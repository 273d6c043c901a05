from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "mathshubs.activities"
    verbose_name = "Hub activities"
