from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "mathshubs.collaboration"
    verbose_name = "Collaboration spaces"
