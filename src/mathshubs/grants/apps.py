from django.apps import AppConfig


class GrantsConfig(AppConfig):
    name = "mathshubs.grants"
    verbose_name = "Grants"
