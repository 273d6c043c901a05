"""The events emails sent by a task whose worker died half-way: the task, put back in the
queue (mathshubs.ops.leases), sends the rest, and no one twice."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from mathshubs.dates import LONDON
from mathshubs.events import emails
from mathshubs.ops import leases
from tests import factories as f

pytestmark = pytest.mark.django_db
BEFORE = dt.datetime(2024, 3, 1, 9, 0, tzinfo=LONDON)
REMINDER_DUE = dt.datetime(2024, 2, 29, 8, 0, tzinfo=LONDON)


class WorkerKilled(BaseException):
    pass


@pytest.fixture
def dies_after(monkeypatch):
    """The worker dies once `n` messages have gone."""

    def arm(n: int) -> None:
        class Dying(EmailBackend):
            def send_messages(self, messages):
                if len(mail.outbox) >= n:
                    raise WorkerKilled
                return super().send_messages(messages)

        monkeypatch.setattr("mathshubs.mail.get_connection", lambda: Dying())

    return arm


@pytest.fixture
def crowd(cast):
    session = f.EventFactory(activity=cast.activity)
    for _ in range(5):
        f.ParticipationFactory(activity=cast.activity)
    return session  # Leo, Pat and five others: 7 people


def _twice(run, dies_after, monkeypatch) -> None:
    task_id = str(uuid.uuid4())
    dies_after(3)
    with leases.running(task_id), pytest.raises(WorkerKilled):
        run()
    monkeypatch.undo()
    with leases.running(task_id):
        run()


def _each_once() -> list[int]:
    recipients = [m.to[0] for m in mail.outbox]
    return sorted({recipients.count(r) for r in recipients})


def test_invitations_to_everyone_go_to_the_rest_when_the_task_runs_again(
    crowd, dies_after, monkeypatch
):
    _twice(lambda: emails.invitations_send(event_id=crowd.pk, now=BEFORE), dies_after, monkeypatch)
    assert len(mail.outbox) == 7
    assert _each_once() == [1]


def test_another_invitations_task_still_sends_nothing(crowd):
    with leases.running(str(uuid.uuid4())):
        emails.invitations_send(event_id=crowd.pk, now=BEFORE)
    with leases.running(str(uuid.uuid4())):
        assert emails.invitations_send(event_id=crowd.pk, now=BEFORE) == 0
    assert len(mail.outbox) == 7


def test_reminders_go_to_the_rest_when_the_task_runs_again(crowd, dies_after, monkeypatch):
    _twice(lambda: emails.reminders_send(now=REMINDER_DUE), dies_after, monkeypatch)
    assert len(mail.outbox) == 7
    assert _each_once() == [1]
    crowd.refresh_from_db()
    assert crowd.reminder_sent_at == REMINDER_DUE
