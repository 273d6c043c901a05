"""No task lost when a worker dies: heartbeats, the reclaim of tasks left RUNNING, and
marks that let a task run again without doing twice what it already did.

django-tasks-db marks a task RUNNING when a worker takes it and never looks at it again
(django-tasks-db issue 5): a worker killed mid-task (SIGKILL, out of memory, a machine
lost) leaves it RUNNING for ever. So each `mathshubs worker` beats in `WorkerLease`
every few seconds, and every worker, on each beat, puts back in the queue the tasks whose
worker has not beaten for the lease (a worker restarted with the same id puts back its
own at once). A task put back too often (it kills its worker each time) is marked failed.

A task may therefore run more than once. A run records what must happen once in
`TaskMark` under its task id (`task_mark`): `mathshubs.mail.send_all` marks each message
after sending it and skips those already marked, so a task put back resends only what had
not gone; and a task that claims work before doing it ("this event's invitations are
mine") claims with `claim_once`, so its next run carries on with what it claimed instead
of finding it taken and dropping the rest. The one window left is a message handed to
the mail server in the instant before its mark is written. Times are the database's
clock, so machines whose clocks disagree still agree on who is late.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
import os
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import close_old_connections, connection, transaction
from django.db.models import QuerySet
from django.db.models.functions import Now
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mathshubs.ops.models import TaskMark, WorkerLease

logger = logging.getLogger(__name__)

WORKER_LOST = (
    "The worker running this task stopped {attempts} times while running it, so it is not "
    "run again. Look at the workers' logs (out of memory?), then enqueue it again"
)
MARKS_KEPT = dt.timedelta(days=7)

_current_task: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "mathshubs_current_task", default=None
)


class WorkerLost(Exception):
    """Recorded as a task's error when its workers kept dying while running it."""


# -- the task being run ------------------------------------------------------------------


def current_task_id() -> str | None:
    """The id of the queued task this code runs in (under `mathshubs worker`), else None."""
    return _current_task.get()


@contextmanager
def running(task_id: str) -> Iterator[None]:
    token = _current_task.set(str(task_id))
    try:
        yield
    finally:
        _current_task.reset(token)


def task_marks(prefix: str = "") -> set[str]:
    """The keys the current task's earlier runs (and this one) have marked done."""
    task_id = current_task_id()
    if task_id is None:
        return set()
    return set(
        TaskMark.objects.filter(task_id=task_id, key__startswith=prefix).values_list(
            "key", flat=True
        )
    )


def task_mark(key: str) -> None:
    """Record that the current task has done `key` (nothing outside a queued task)."""
    task_id = current_task_id()
    if task_id is not None:
        TaskMark.objects.bulk_create([TaskMark(task_id=task_id, key=key)], ignore_conflicts=True)


def task_marked(key: str) -> bool:
    task_id = current_task_id()
    return task_id is not None and TaskMark.objects.filter(task_id=task_id, key=key).exists()


def claim_once(claimed: Callable[[], bool], *, key: str) -> bool:
    """Run a claim (a conditional UPDATE or INSERT that succeeds once, for whoever comes
    first: `claimed` returns whether this caller won) and, in a queued task, record the win
    in the same transaction. True if this caller won it now, or if the same task won it in
    an earlier run that its worker did not finish: that run's work is to be carried on,
    not abandoned as someone else's."""
    if current_task_id() is None:
        return claimed()
    with transaction.atomic():
        if claimed():
            task_mark(f"claim:{key}")
            return True
    return task_marked(f"claim:{key}")


def claim_update(unclaimed: QuerySet[Any], *, key: str, **changes: Any) -> bool:
    """`claim_once` for the usual claim: the conditional UPDATE of `unclaimed` (a filter
    matching the one row while no one has claimed it) changes that row."""
    return claim_once(lambda: unclaimed.update(**changes) == 1, key=key)


def claimed_earlier(prefix: str) -> set[int]:
    """The ids in the claims `claim:<prefix><id>` that this task won in an earlier run."""
    start = len(f"claim:{prefix}")
    return {int(key[start:]) for key in task_marks(f"claim:{prefix}")}


def marks_clear(task_id: str) -> None:
    """The task has finished: it will not run again, so its marks are done with."""
    TaskMark.objects.filter(task_id=task_id).delete()


# -- leases --------------------------------------------------------------------------------


def lease_beat(worker_id: str) -> None:
    """This worker is alive (the database's clock)."""
    updated = WorkerLease.objects.filter(worker_id=worker_id).update(beat_at=Now())
    if not updated:
        WorkerLease.objects.update_or_create(
            worker_id=worker_id,
            defaults={"beat_at": Now(), "hostname": socket.gethostname()[:255], "pid": os.getpid()},
        )


def lease_end(worker_id: str) -> None:
    """The worker stops cleanly (it finished its task first)."""
    WorkerLease.objects.filter(worker_id=worker_id).delete()


@dataclass(frozen=True)
class Reclaimed:
    requeued: int
    failed: int


def tasks_reclaim(
    *, lease: dt.timedelta, max_attempts: int = 3, dead: frozenset[str] = frozenset()
) -> Reclaimed:
    """Put back in the queue each task RUNNING for longer than `lease` whose worker has not
    beaten within `lease` (or is in `dead`, the ids of workers known to have stopped); fail
    it instead once `max_attempts` workers have taken it. Each change is a conditional
    UPDATE on the run's start time, so several workers reclaiming at once, or the task's
    own worker finishing meanwhile, change it once or not at all."""
    late = Now() - lease
    running = list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).values_list(
            "id", "worker_ids", "started_at"
        )
    )
    if not running:
        return Reclaimed(0, 0)
    last = {pk: (ids[-1] if ids else "") for pk, ids, _ in running}
    alive = set(
        WorkerLease.objects.filter(worker_id__in=set(last.values()), beat_at__gte=late)
        .exclude(worker_id__in=dead)
        .values_list("worker_id", flat=True)
    )
    requeued = failed = 0
    for pk, worker_ids, started_at in running:
        if last[pk] in alive:
            continue
        same_run = DBTaskResult.objects.filter(
            pk=pk, status=TaskResultStatus.RUNNING, started_at=started_at
        )
        if last[pk] not in dead:
            same_run = same_run.filter(started_at__lt=late)
        if len(worker_ids) >= max_attempts:
            failed += same_run.update(
                status=TaskResultStatus.FAILED,
                finished_at=Now(),
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=WORKER_LOST.format(attempts=len(worker_ids)),
            )
        else:
            requeued += same_run.update(status=TaskResultStatus.READY)
    if requeued or failed:
        logger.warning(
            "Reclaimed tasks of stopped workers: %d requeued, %d failed", requeued, failed
        )
    return Reclaimed(requeued, failed)


def marks_prune() -> int:
    """Marks of tasks that never finished cleanly, after a week."""
    deleted, _ = TaskMark.objects.filter(done_at__lt=Now() - MARKS_KEPT).delete()
    return deleted


class Heartbeat(threading.Thread):
    """Beats for a worker every `every` seconds and reclaims the tasks of dead workers, in
    its own thread (and database connection), so a long task never stops the beat."""

    def __init__(
        self, *, worker_id: str, every: float, lease: dt.timedelta, max_attempts: int
    ) -> None:
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id, self.every, self.lease = worker_id, every, lease
        self.max_attempts = max_attempts
        self._stop_event = threading.Event()

    def beat(self) -> None:
        try:
            close_old_connections()
            lease_beat(self.worker_id)
            tasks_reclaim(lease=self.lease, max_attempts=self.max_attempts)
            marks_prune()
        except Exception:  # the database away for a moment: beat again next time
            logger.exception("Worker %s could not beat", self.worker_id)

    def run(self) -> None:
        try:
            while not self._stop_event.wait(self.every):
                self.beat()
        finally:
            connection.close()

    def stop(self) -> None:
        self._stop_event.set()
