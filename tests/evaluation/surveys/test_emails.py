"""The emailed link to a survey: once, when it opens, to everyone it is for."""

from __future__ import annotations

import pytest
import time_machine
from django.core import mail

from mathshubs.evaluation.surveys import emails, services
from mathshubs.evaluation.surveys.models import Audience, SeriesGroup, Survey
from tests import factories as f
from tests.evaluation.surveys import factories as sf

pytestmark = pytest.mark.django_db


def test_everyone_in_the_survey_gets_one_email_with_a_link_for_each_activity(cast, autumn):
    second = f.ActivityFactory(hub=cast.north, title="North community")
    f.ParticipationFactory(activity=second, person=cast.pat.person)
    assert emails.invitations_send(survey_id=autumn.pk, now=sf.DURING) == 1
    message = mail.outbox[0]
    assert message.to == ["pat@north.example"]
    assert (
        message.subject == "Please complete the Autumn participant survey by Friday 20 October 2023"
    )
    assert f"/surveys/{autumn.pk}/activities/{cast.activity.pk}/" in message.body
    assert f"/surveys/{autumn.pk}/activities/{second.pk}/" in message.body
    assert "pseudonymous" in message.body


def test_a_survey_is_emailed_once_and_only_while_open(cast, autumn):
    assert emails.invitations_send(survey_id=autumn.pk, now=sf.BEFORE) == 0
    assert emails.invitations_send_due(now=sf.DURING) == 1
    assert emails.invitations_send_due(now=sf.DURING) == 0
    assert emails.invitations_send(survey_id=autumn.pk, now=sf.DURING) == 0
    assert len(mail.outbox) == 1


def test_the_llme_survey_goes_to_the_activitys_leads(cast, q):
    llme = sf.SurveyFactory(
        version=q.version,
        audience=Audience.LLME,
        series=sf.SurveySeriesFactory(group=SeriesGroup.LLMES),
    )
    emails.invitations_send(survey_id=llme.pk, now=sf.DURING)
    assert [m.to for m in mail.outbox] == [["leo@north.example"]]


def test_a_survey_created_while_open_is_emailed_as_a_background_task_once_committed(
    cast, q, django_capture_on_commit_callbacks
):
    with (
        time_machine.travel(sf.DURING, tick=False),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        services.survey_create(
            by=cast.nadia,
            version=q.version,
            audience=Audience.AUTUMN,
            academic_year=2023,
            ncp=None,
            opens_on=sf.OPENS,
            closes_on=sf.CLOSES,
            pseudonymous=True,
        )
    assert len(callbacks) == 1  # the tests' task backend runs it at once
    assert [m.to for m in mail.outbox] == [["pat@north.example"]]
    assert Survey.objects.get().invitations_sent_at == sf.DURING


def test_a_survey_created_before_it_opens_waits_for_the_hourly_job(
    cast, q, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.survey_create(
            by=cast.nadia,
            version=q.version,
            audience=Audience.AUTUMN,
            academic_year=2023,
            ncp=None,
            opens_on=sf.OPENS,
            closes_on=sf.CLOSES,
            pseudonymous=True,
            now=sf.BEFORE,
        )
    assert callbacks == [] and mail.outbox == []
