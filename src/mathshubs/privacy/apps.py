from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "mathshubs.privacy"
    verbose_name = "People's rights over their data"
