from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "mathshubs.ops"
    verbose_name = "Operations: task worker and scheduler"
