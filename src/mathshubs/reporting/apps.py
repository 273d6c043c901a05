from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "mathshubs.reporting"
    verbose_name = "National reporting"
