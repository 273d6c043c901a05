"""`mathshubs import-institutions FILE.csv`: load a GIAS "all establishment data" CSV."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mathshubs.directory.importers import ImportRefused, institutions_import


class Command(BaseCommand):
    help = (
        "Import schools and colleges from a GIAS 'all establishment data' CSV, upserting by URN. "
        "All or nothing: a file with a bad row is refused and nothing changes. "
        "See docs/directory-import.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="the GIAS CSV (UTF-8 or Windows-1252)")
        parser.add_argument(
            "--quiet", action="store_true", help="no progress bar (it is also off when not a TTY)"
        )

    def handle(self, *args: object, **options: object) -> None:
        path = options["file"]
        assert isinstance(path, Path)
        show_progress = not options["quiet"] and sys.stderr.isatty()
        try:
            summary = institutions_import(path=path, show_progress=show_progress, stream=sys.stderr)
        except ImportRefused as refused:
            raise CommandError(refused.report()) from None
        self.stdout.write(summary.report())
