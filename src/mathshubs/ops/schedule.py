"""Periodic jobs: what `mathshubs scheduler` enqueues, and how often.

Each entry names a django-tasks task by dotted path and an interval in seconds.
The scheduler claims a due job with a conditional UPDATE, so several schedulers
on several machines never enqueue the same run twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import import_module

from django.db import IntegrityError, transaction
from django.utils import timezone

from mathshubs.ops.models import ScheduledRun


@dataclass(frozen=True)
class Job:
    task: str  # dotted path of a django-tasks Task
    every: dt.timedelta


JOBS: list[Job] = [
    Job("mathshubs.ops.tasks.sessions_clear", dt.timedelta(hours=1)),
    Job("mathshubs.events.tasks.requirements_erase", dt.timedelta(hours=1)),
    Job("mathshubs.events.tasks.reminders_send", dt.timedelta(hours=1)),
    # A survey's emailed link goes when it opens (once per survey).
    Job("mathshubs.evaluation.surveys.tasks.invitations_send_due", dt.timedelta(hours=1)),
    # Reports' exports (a drill-down names people) are kept a few days only.
    Job("mathshubs.reporting.tasks.exports_erase", dt.timedelta(hours=1)),
    # Spaces: a post scheduled for 08:00 goes within minutes of it; the digest from
    # 07:00 London (the task does nothing before, and sends each day's once).
    Job("mathshubs.collaboration.tasks.scheduled_send", dt.timedelta(minutes=5)),
    Job("mathshubs.collaboration.tasks.digest_send", dt.timedelta(minutes=5)),
    # The retention schedule (docs/privacy.md): every kind not enforced by a task above
    # (sessions, requirements and reports' exports are).
    Job("mathshubs.privacy.tasks.retention_enforce", dt.timedelta(days=1)),
]


def _load(path: str):
    module, _, name = path.rpartition(".")
    return getattr(import_module(module), name)


def job_claim(*, job: Job, now: dt.datetime) -> bool:
    """True if this caller won the right to enqueue the job's next run."""
    due_before = now - job.every
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=job.task, last_enqueued_at=now)
        return True
    except IntegrityError:
        pass
    claimed = ScheduledRun.objects.filter(job=job.task, last_enqueued_at__lte=due_before).update(
        last_enqueued_at=now
    )
    return claimed == 1


def schedule_tick(*, now: dt.datetime | None = None, jobs: list[Job] | None = None) -> list[str]:
    """Enqueue every due job once; returns the tasks enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in jobs if jobs is not None else JOBS:
        # The claim and the queued task commit together: a scheduler stopped between the
        # two would otherwise skip the run it claimed.
        with transaction.atomic():
            if job_claim(job=job, now=now):
                _load(job.task).enqueue()
                enqueued.append(job.task)
    return enqueued
