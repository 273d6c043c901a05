"""The events emails sent by a task whose worker died half-way: the task, put back in the
queue (mathshubs.ops.leases), sends the rest, and no one twice."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core import mail

from mathshubs.dates import LONDON
from mathshubs.events import emails
from mathshubs.ops import leases
from tests import factories as f
from tests.rerun import killed_then_run_again, times_each_was_emailed

pytestmark = pytest.mark.django_db
BEFORE = dt.datetime(2024, 3, 1, 9, 0, tzinfo=LONDON)
REMINDER_DUE = dt.datetime(2024, 2, 29, 8, 0, tzinfo=LONDON)


@pytest.fixture
def crowd(cast):
    session = f.EventFactory(activity=cast.activity)
    for _ in range(5):
        f.ParticipationFactory(activity=cast.activity)
    return session  # Leo, Pat and five others: 7 people


def test_invitations_to_everyone_go_to_the_rest_when_the_task_runs_again(crowd):
    killed_then_run_again(lambda: emails.invitations_send(event_id=crowd.pk, now=BEFORE))
    assert len(mail.outbox) == 7
    assert times_each_was_emailed() == {1}


def test_another_invitations_task_still_sends_nothing(crowd):
    with leases.running(str(uuid.uuid4())):
        emails.invitations_send(event_id=crowd.pk, now=BEFORE)
    with leases.running(str(uuid.uuid4())):
        assert emails.invitations_send(event_id=crowd.pk, now=BEFORE) == 0
    assert len(mail.outbox) == 7


def test_reminders_go_to_the_rest_when_the_task_runs_again(crowd):
    killed_then_run_again(lambda: emails.reminders_send(now=REMINDER_DUE))
    assert len(mail.outbox) == 7
    assert times_each_was_emailed() == {1}
    crowd.refresh_from_db()
    assert crowd.reminder_sent_at == REMINDER_DUE
