"""`mathshubs load-local-authorities [FILE.csv]`: every English local authority, by 3-digit code."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mathshubs.directory.hubdata import LOCAL_AUTHORITIES_CSV, HubDataError, local_authorities_load


class Command(BaseCommand):
    help = "Load the local authorities (current and retired) from the DfE/ONS lookup CSV."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(LOCAL_AUTHORITIES_CSV))

    def handle(self, *args, file: str, **options):
        try:
            result = local_authorities_load(path=Path(file))
        except HubDataError as exc:
            raise CommandError("\n".join(exc.errors)) from exc
        self.stdout.write(
            f"Local authorities: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
