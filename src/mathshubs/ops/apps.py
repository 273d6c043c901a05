from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "mathshubs.ops"
    verbose_name = "Operations: task worker, scheduler, shared cache"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_create_cache_table, sender=self)


def _create_cache_table(using: str = "default", **kwargs) -> None:
    """`mathshubs migrate` also creates the database cache table, so no deploy step is missed."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
