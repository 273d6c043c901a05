"""`mathshubs import-hubs FILE.yaml`: the hubs and the areas they serve (docs/hubs-and-areas.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mathshubs.directory.hubdata import HUBS_YAML, HubDataError, hubs_import

REFUSED = "The file was refused and nothing was changed:"


class Command(BaseCommand):
    help = "Import the hubs YAML: all or nothing, upserting hubs by slug and replacing their areas."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(HUBS_YAML))

    def handle(self, *args, file: str, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            result = hubs_import(path=path)
        except HubDataError as exc:
            raise CommandError("\n".join([REFUSED, *exc.errors])) from exc
        self.stdout.write(
            f"Hubs: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged; {result.areas} areas "
            f"({'changed' if result.areas_changed else 'unchanged'}); "
            f"{result.institutions_reassigned} institutions changed hub."
        )
        for old, new in result.renamed:
            self.stdout.write(f"Renamed: {old} -> {new} (the old name is kept as a former name)")
