"""`mathshubs scheduler`: enqueue periodic jobs when they are due (mathshubs.ops.schedule)."""

import time

from django.core.management.base import BaseCommand

from mathshubs.ops.schedule import schedule_tick


class Command(BaseCommand):
    help = "Enqueue periodic jobs when due. Runs forever unless --once."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Check once and exit.")
        parser.add_argument("--interval", type=int, default=60, help="Seconds between checks.")

    def handle(self, *args, once: bool, interval: int, **options):
        while True:
            for name in schedule_tick():
                self.stdout.write(f"Enqueued {name}")
            if once:
                return
            time.sleep(interval)
