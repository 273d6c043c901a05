from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "mathshubs.demo"
    verbose_name = "National demo"
