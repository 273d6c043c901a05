"""A survey's emailed links sent by a task whose worker died half-way: the task, put back
in the queue (mathshubs.ops.leases), sends the rest, and no one twice."""

from __future__ import annotations

import pytest
from django.core import mail

from mathshubs.evaluation.surveys import emails
from tests import factories as f
from tests.evaluation.surveys import factories as sf
from tests.rerun import killed_then_run_again, times_each_was_emailed

pytestmark = pytest.mark.django_db


@pytest.fixture
def five_people(cast):
    for _ in range(4):
        f.ParticipationFactory(activity=cast.activity)  # and Pat


def test_the_hourly_job_sends_the_rest_when_it_runs_again(cast, autumn, five_people):
    killed_then_run_again(lambda: emails.invitations_send_due(now=sf.DURING))
    assert len(mail.outbox) == 5
    assert times_each_was_emailed() == {1}


def test_a_surveys_task_sends_the_rest_when_it_runs_again(cast, autumn, five_people):
    killed_then_run_again(lambda: emails.invitations_send(survey_id=autumn.pk, now=sf.DURING))
    assert len(mail.outbox) == 5
    assert times_each_was_emailed() == {1}
