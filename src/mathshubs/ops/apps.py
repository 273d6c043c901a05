from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "mathshubs.ops"
    verbose_name = "Operations: task worker, scheduler, shared cache"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate
        from django.urls import register_converter

        from mathshubs.bounds import IdConverter
        from mathshubs.dates import AcademicYearConverter

        post_migrate.connect(_create_cache_table, sender=self)
        # The path converters of every URL module, registered before any is imported:
        # `<ayear:year>` (2023-24) and `<id:...>`, a numeric id bounded to what a row
        # can have (beyond it, not found: ISSUE 15).
        register_converter(AcademicYearConverter, "ayear")
        register_converter(IdConverter, "id")


def _create_cache_table(using: str = "default", **kwargs) -> None:
    """`mathshubs migrate` also creates the database cache table, so no deploy step is missed."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
