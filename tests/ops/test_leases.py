"""A worker killed mid-task loses nothing: its task goes back in the queue, and a task run
again sends only the emails that had not gone (mathshubs.ops.leases)."""

import datetime as dt
import uuid

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mathshubs.mail import send_all
from mathshubs.ops import leases
from mathshubs.ops.management.commands.worker import LeasedWorker
from mathshubs.ops.models import TaskMark, WorkerLease

pytestmark = pytest.mark.django_db

LEASE = dt.timedelta(seconds=30)
LONG_AGO = dt.timedelta(minutes=5)


def _running(*worker_ids: str, started: dt.timedelta = LONG_AGO) -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="mathshubs.ops.tasks.sessions_clear",
        backend_name="default",
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - started,
        worker_ids=list(worker_ids),
    )


def _beat(worker_id: str, ago: dt.timedelta = dt.timedelta(0)) -> None:
    leases.lease_beat(worker_id)
    WorkerLease.objects.filter(worker_id=worker_id).update(beat_at=timezone.now() - ago)


def _status(task: DBTaskResult) -> str:
    task.refresh_from_db()
    return task.status


def test_a_task_whose_worker_stopped_beating_goes_back_in_the_queue():
    task = _running("dead")
    _beat("dead", ago=LONG_AGO)
    assert leases.tasks_reclaim(lease=LEASE) == leases.Reclaimed(requeued=1, failed=0)
    assert _status(task) == TaskResultStatus.READY


def test_a_task_whose_worker_never_beat_goes_back_in_the_queue():
    task = _running("no-lease-at-all")
    leases.tasks_reclaim(lease=LEASE)
    assert _status(task) == TaskResultStatus.READY


def test_a_task_of_a_beating_worker_is_left_running_however_long_it_takes():
    task = _running("alive", started=dt.timedelta(hours=3))
    _beat("alive")
    assert leases.tasks_reclaim(lease=LEASE) == leases.Reclaimed(0, 0)
    assert _status(task) == TaskResultStatus.RUNNING


def test_a_task_taken_moments_ago_is_left_running_even_before_its_worker_beats():
    task = _running("just-started", started=dt.timedelta(seconds=1))
    leases.tasks_reclaim(lease=LEASE)
    assert _status(task) == TaskResultStatus.RUNNING


def test_a_restarted_worker_puts_back_at_once_what_its_id_held():
    task = _running("w1", started=dt.timedelta(seconds=1))
    _beat("w1")
    leases.tasks_reclaim(lease=LEASE, dead=frozenset({"w1"}))
    assert _status(task) == TaskResultStatus.READY


def test_a_task_that_kept_killing_its_workers_is_failed_with_the_reason():
    task = _running("a", "b", "c")
    assert leases.tasks_reclaim(lease=LEASE, max_attempts=3) == leases.Reclaimed(0, 1)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.FAILED
    assert task.traceback == leases.WORKER_LOST.format(attempts=3)
    assert task.exception_class_path == "mathshubs.ops.leases.WorkerLost"


def test_a_worker_that_stops_cleanly_leaves_no_lease():
    _beat("leaving")
    leases.lease_end("leaving")
    assert not WorkerLease.objects.exists()


def _messages(n: int) -> list[EmailMessage]:
    return [EmailMessage(subject="Hello", body="x", to=[f"p{i}@example.org"]) for i in range(n)]


def test_a_task_run_again_sends_only_the_emails_that_had_not_gone():
    task_id = str(uuid.uuid4())

    def stops_after_two():
        for number, message in enumerate(_messages(5)):
            if number == 2:
                raise SystemExit("killed")  # the worker dies after two messages
            yield message

    with leases.running(task_id), pytest.raises(SystemExit):
        send_all(stops_after_two())
    assert len(mail.outbox) == 2
    with leases.running(task_id):
        assert send_all(_messages(5)) == 3
    assert sorted(m.to[0] for m in mail.outbox) == [f"p{i}@example.org" for i in range(5)]


def test_the_same_message_twice_in_one_task_goes_twice():
    with leases.running(str(uuid.uuid4())):
        assert send_all(_messages(1) + _messages(1)) == 2


def test_outside_a_queued_task_nothing_is_marked():
    assert send_all(_messages(3)) == 3
    assert not TaskMark.objects.exists()


# The worker closes old connections as it loops, as in production: no test transaction.
@pytest.mark.django_db(transaction=True)
def test_the_worker_runs_a_queued_task_and_leaves_no_lease_and_no_marks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from mathshubs.ops.tasks import sessions_clear

    result = sessions_clear.enqueue()
    worker = LeasedWorker(
        lease=30,
        heartbeat=10,
        max_attempts=3,
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    worker.run()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL
    assert not WorkerLease.objects.exists()
    assert not TaskMark.objects.exists()


def test_a_message_sent_again_by_the_same_task_has_the_same_message_id():
    task_id = str(uuid.uuid4())
    with leases.running(task_id):
        send_all(_messages(2))
    TaskMark.objects.all().delete()  # killed after handing them over, before marking
    with leases.running(task_id):
        send_all(_messages(2))
    first, second = mail.outbox[:2], mail.outbox[2:]
    assert [m.extra_headers["Message-ID"] for m in first] == [
        m.extra_headers["Message-ID"] for m in second
    ]
    assert len({m.extra_headers["Message-ID"] for m in first}) == 2
    assert first[0].message()["Message-ID"].endswith("@mathshubs.localhost>")


@pytest.mark.django_db(transaction=True)
def test_a_heartbeat_renews_the_lease_and_puts_back_the_tasks_of_dead_workers():
    task = _running("gone")
    _beat("gone", ago=LONG_AGO)
    beat = leases.Heartbeat(worker_id="alive", every=10, lease=LEASE, max_attempts=3)
    beat.beat()
    assert WorkerLease.objects.filter(worker_id="alive").exists()
    assert _status(task) == TaskResultStatus.READY
