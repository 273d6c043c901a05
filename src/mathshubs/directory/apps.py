from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "mathshubs.directory"
    verbose_name = "Directory: hubs, institutions and people"
