"""`mathshubs import-catalogue FILE [FILE ...]`: load yearly catalogues from their YAML files."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mathshubs.catalogue.importers import catalogue_import
from mathshubs.directory.importers.base import ImportRefused


class Command(BaseCommand):
    help = (
        "Load yearly NCP catalogues from YAML files (catalogues/2023-24.yaml), upserting NCPs "
        "by code. All or nothing per file: a file with any problem is refused and nothing "
        "changes. See docs/catalogue.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, help="catalogue YAML files")

    def handle(self, *args: object, **options: object) -> None:
        files = options["files"]
        assert isinstance(files, list)
        refused: list[str] = []
        for path in files:
            try:
                summary = catalogue_import(path)
            except ImportRefused as refusal:
                refused.append(refusal.report())
                continue
            self.stdout.write(summary.report())
        if refused:
            raise CommandError("\n".join(refused))
