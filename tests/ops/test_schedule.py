import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from mathshubs.ops.schedule import JOBS, Job, job_claim, schedule_tick

pytestmark = pytest.mark.django_db

HOURLY = Job("mathshubs.ops.tasks.sessions_clear", dt.timedelta(hours=1))


def test_a_job_is_enqueued_the_first_time_it_is_seen():
    assert schedule_tick(jobs=[HOURLY]) == [HOURLY.task]


def test_a_second_scheduler_in_the_same_interval_does_not_enqueue_it_again():
    now = timezone.now()
    assert job_claim(job=HOURLY, now=now)
    assert not job_claim(job=HOURLY, now=now + dt.timedelta(minutes=59))


def test_it_is_enqueued_again_once_the_interval_has_passed():
    now = timezone.now()
    job_claim(job=HOURLY, now=now)
    assert job_claim(job=HOURLY, now=now + dt.timedelta(hours=1))


def test_the_session_job_deletes_expired_sessions():
    Session.objects.create(
        session_key="x" * 32, session_data="", expire_date=timezone.now() - dt.timedelta(days=1)
    )
    schedule_tick(jobs=[HOURLY])
    assert not Session.objects.filter(session_key="x" * 32).exists()


def test_every_scheduled_job_names_a_real_task():
    from importlib import import_module

    for job in JOBS:
        module, _, name = job.task.rpartition(".")
        assert hasattr(getattr(import_module(module), name), "enqueue"), job.task


def test_the_scheduler_command_runs_once_and_reports(capsys):
    call_command("scheduler", "--once")
    assert "Enqueued mathshubs.ops.tasks.sessions_clear" in capsys.readouterr().out


def test_a_claim_whose_task_could_not_be_queued_is_undone_so_the_next_tick_queues_it(
    monkeypatch,
):
    from mathshubs.ops import schedule
    from mathshubs.ops.models import ScheduledRun

    class Unqueueable:
        def enqueue(self):
            raise ConnectionError("the queue is away")  # the scheduler dies here

    monkeypatch.setattr(schedule, "_load", lambda path: Unqueueable())
    with pytest.raises(ConnectionError):
        schedule_tick(jobs=[HOURLY])
    assert not ScheduledRun.objects.exists()
    monkeypatch.undo()
    assert schedule_tick(jobs=[HOURLY]) == [HOURLY.task]
