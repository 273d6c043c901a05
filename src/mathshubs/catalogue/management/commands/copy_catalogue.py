"""`mathshubs copy-catalogue 2023/24 2024/25 [--output catalogues/2024-25.yaml]`: draft next
year's catalogue from this year's."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from mathshubs.catalogue.selectors import parse_year_text
from mathshubs.catalogue.services import CatalogueError, catalogue_copy, catalogue_export_yaml

YEAR_NOT_VALID = "{text!r} is not an academic year: write it like 2023/24."
OUTPUT_EXISTS = "{path} already exists: choose another --output, or move the file away first."
COPIED = "Copied {count} projects from {source} into {target} as a {status}."
WRITTEN = "Wrote {path}: edit it, then load it with `mathshubs import-catalogue {path}`."


class Command(BaseCommand):
    help = (
        "Copy every NCP of one year into another as a draft (codes renumbered, project years "
        "moved on), and optionally write the draft out as a YAML file to edit. "
        "See docs/catalogue.md, 'Adding next year's catalogue'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="the year to copy, like 2023/24")
        parser.add_argument("target", help="the year to create, like 2024/25")
        parser.add_argument(
            "--output", type=Path, help="also write the new year as a catalogue YAML file"
        )

    def handle(self, *args: object, **options: object) -> None:
        years = []
        for text in (options["source"], options["target"]):
            year = parse_year_text(str(text))
            if year is None:
                raise CommandError(YEAR_NOT_VALID.format(text=text))
            years.append(year)
        output = options.get("output")
        if isinstance(output, Path) and output.exists():
            raise CommandError(OUTPUT_EXISTS.format(path=output))
        try:
            target = catalogue_copy(source_year=years[0], target_year=years[1])
        except CatalogueError as error:
            raise CommandError(str(error)) from None
        assert target.copied_from is not None
        self.stdout.write(
            COPIED.format(
                count=target.ncps.count(),
                source=target.copied_from.label,
                target=target.label,
                status=target.get_status_display().lower(),
            )
        )
        if isinstance(output, Path):
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_text(catalogue_export_yaml(target), encoding="utf-8")
            self.stdout.write(WRITTEN.format(path=output))
