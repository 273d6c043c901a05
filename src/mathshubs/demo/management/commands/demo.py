"""`mathshubs demo [--scale national|small] [--seed N]`: rebuild the demo from scratch."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from mathshubs.dates import academic_year_label
from mathshubs.demo.builder import (
    CURRENT_YEAR,
    DEMO_PASSWORD,
    REFUSE_REAL_DATA,
    SCALES,
    demo_build,
    demo_data_is_replaceable,
)
from mathshubs.reporting.figures import figures_table


class Command(BaseCommand):
    help = (
        "Build the demo: 40 hubs, the schools of England, the catalogues, two years of "
        "invented activity. Deletes the old."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="national")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--force", action="store_true", help="Build even if the database holds real people."
        )

    def handle(self, *args, scale: str, seed: int, force: bool, **options):
        if not force and not demo_data_is_replaceable():
            raise CommandError(REFUSE_REAL_DATA)
        self.stdout.write(f"Building the {scale} demo (seed {seed})")
        report = demo_build(scale=scale, seed=seed, say=self.stdout.write)
        self.stdout.write(f"Built in {report.seconds:.1f} s. Rows per table:")
        for table, count in sorted(report.counts.items()):
            self.stdout.write(f"  {table:40} {count:>8,}")
        year = academic_year_label(CURRENT_YEAR - 1)
        self.stdout.write(f"National figures, demo {year} beside the annual report {year}:")
        for line in figures_table(report.figures, year_label=f"Demo {year}"):
            self.stdout.write(f"  {line}")
        self.stdout.write(f"Demo sign-ins (password: {DEMO_PASSWORD}):")
        for email, who in report.sign_ins:
            self.stdout.write(f"  {email:24} {who}")
