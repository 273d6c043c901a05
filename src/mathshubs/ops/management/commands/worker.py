"""`mathshubs worker`: runs queued background tasks (emails, imports, scheduled jobs).

Several workers may run at once, on one machine or many: on PostgreSQL they
share the queue with row locks (django-tasks-db). Each beats in the database while it
runs, and puts back in the queue the tasks of workers that stopped beating, so a worker
killed mid-task loses nothing (mathshubs.ops.leases).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from mathshubs.ops import leases


class LeasedWorker(Worker):
    """django-tasks-db's worker, with a heartbeat and the reclaim of dead workers' tasks."""

    def __init__(self, *, lease: float, heartbeat: float, max_attempts: int, **options: Any):
        super().__init__(**options)
        self.lease = dt.timedelta(seconds=lease)
        self.max_attempts = max_attempts
        self.heartbeat = leases.Heartbeat(
            worker_id=self.worker_id, every=heartbeat, lease=self.lease, max_attempts=max_attempts
        )

    def run(self) -> None:
        # Restarted under the same id, it cannot be running what that id holds.
        leases.tasks_reclaim(
            lease=self.lease, max_attempts=self.max_attempts, dead=frozenset({self.worker_id})
        )
        leases.lease_beat(self.worker_id)
        self.heartbeat.start()
        try:
            super().run()
        finally:
            self.heartbeat.stop()
            leases.lease_end(self.worker_id)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        task_id = str(db_task_result.id)
        with leases.running(task_id):
            super().run_task(db_task_result)
        leases.marks_clear(task_id)


class Command(DbWorkerCommand):
    help = "Run the background task worker (django-tasks-db's db_worker, with leases)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--lease",
            type=float,
            default=60.0,
            help="Seconds without a heartbeat after which a worker's running task is "
            "put back in the queue (default: %(default)s).",
        )
        parser.add_argument(
            "--heartbeat",
            type=float,
            default=10.0,
            help="Seconds between heartbeats (default: %(default)s).",
        )
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=3,
            help="Workers that may take a task before it is failed (default: %(default)s).",
        )

    def handle(self, *args, **options):
        self.configure_logging(options["verbosity"])
        if options["heartbeat"] <= 0 or options["lease"] < 2 * options["heartbeat"]:
            raise CommandError("--lease must be at least twice --heartbeat, which must be > 0")
        if options["max_attempts"] < 1:
            raise CommandError("--max-attempts must be 1 or more")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        queues = options["queue_name"].split(",")
        if excluded and "*" not in queues:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = LeasedWorker(
            lease=options["lease"],
            heartbeat=options["heartbeat"],
            max_attempts=options["max_attempts"],
            queue_names=queues,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        reload = options["reload"] and not options["batch"]
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
