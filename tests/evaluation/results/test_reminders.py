"""An LLME's reminder to their activity's non-respondents (services.reminder_send): once
every 3 working days per activity and survey, by email through one connection."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from mathshubs import mail as outgoing
from mathshubs.dates import LONDON
from mathshubs.evaluation.results import services
from mathshubs.evaluation.results.models import SurveyReminder
from mathshubs.evaluation.results.rules import reminder_next_possible, working_days_after
from tests.conftest import client_for
from tests.evaluation.results.conftest import DURING_SUMMER

pytestmark = pytest.mark.django_db


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=LONDON)


def test_the_next_reminder_is_3_working_days_later():
    assert reminder_next_possible(_at("2024-06-10 10:00")) == _at("2024-06-13 00:00")  # Mon->Thu
    assert reminder_next_possible(_at("2024-06-13 18:00")) == _at("2024-06-18 00:00")  # Thu->Tue


def test_bank_holidays_do_not_count_as_working_days():
    # Friday 24 May 2024; Monday 27 May is the spring bank holiday.
    assert working_days_after(dt.date(2024, 5, 24), 3) == dt.date(2024, 5, 30)


def test_no_reminder_yet_means_one_may_go_now():
    assert reminder_next_possible(None) is None


def test_a_lead_reminds_the_non_respondents_in_one_connection(
    cast, hand, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    opened = []
    real = outgoing.get_connection
    monkeypatch.setattr(outgoing, "get_connection", lambda: opened.append(1) or real())
    with django_capture_on_commit_callbacks(execute=True):
        reminder = services.reminder_send(
            survey=hand.summer, activity=cast.activity, by=cast.leo, now=DURING_SUMMER
        )
    assert reminder.recipients == 2  # P6 and P7: current, not the summer survey yet
    assert opened == [1]
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in hand.people[5:7])
    message = mailoutbox[0]
    assert (
        message.subject
        == "Reminder: please complete the Summer participant survey by Friday 21 June 2024"
    )
    assert f"/surveys/{hand.summer.pk}/activities/{cast.activity.pk}/" in message.body
    assert hand.withdrawn.email not in [m.to[0] for m in mailoutbox]


def test_a_second_reminder_within_3_working_days_is_refused_saying_when(cast, hand):
    services.reminder_send(
        survey=hand.summer, activity=cast.activity, by=cast.leo, now=DURING_SUMMER
    )
    with pytest.raises(ValidationError) as refused:
        services.reminder_send(
            survey=hand.summer,
            activity=cast.activity,
            by=cast.leo,
            now=_at("2024-06-12 23:59"),
        )
    assert refused.value.messages == [
        services.TOO_SOON.format(sent="Monday 10 June 2024", next="Thursday 13 June 2024")
    ]
    services.reminder_send(
        survey=hand.summer, activity=cast.activity, by=cast.leo, now=_at("2024-06-13 00:00")
    )
    assert SurveyReminder.objects.count() == 2


def test_the_throttle_is_per_activity_and_survey(cast, hand):
    services.reminder_send(
        survey=hand.summer, activity=cast.activity, by=cast.leo, now=DURING_SUMMER
    )
    from mathshubs.evaluation.surveys.models import Audience

    assert hand.autumn.audience == Audience.AUTUMN
    with pytest.raises(ValidationError) as refused:  # the autumn one is closed
        services.reminder_send(
            survey=hand.autumn, activity=cast.activity, by=cast.leo, now=DURING_SUMMER
        )
    assert refused.value.messages == [services.NOT_OPEN]


def test_only_the_activity_leads_send_reminders(cast, hand):
    for user in (cast.harriet, cast.nadia, cast.pat):
        with pytest.raises(PermissionDenied):
            services.reminder_send(
                survey=hand.summer, activity=cast.activity, by=user, now=DURING_SUMMER
            )


def test_the_page_sends_one_and_then_says_when_the_next_is_possible(cast, hand, mailoutbox):
    leo = client_for(cast.leo)
    with time_machine.travel(DURING_SUMMER, tick=False):
        page = leo.get(f"/activities/{cast.activity.pk}/surveys/").content.decode()
        assert "Send a reminder to 2 participants" in page
        url = f"/activities/{cast.activity.pk}/surveys/{hand.summer.pk}/remind/"
        done = leo.post(url, follow=True).content.decode()
        assert "Reminder sent to 2 participants who have not completed" in done
        assert "You can send the next reminder from Thursday 13 June 2024" in done
        assert "Send a reminder to" not in done
        again = leo.post(url, follow=True).content.decode()
        assert "You can send one every 3 working days: the next from Thursday 13 June 2024" in again
        assert client_for(cast.harriet).post(url).status_code == 403
        assert client_for(cast.pat).post(url).status_code == 404


def test_the_api_sends_and_refuses_with_when(cast, hand):
    leo = client_for(cast.leo)
    url = f"/api/v1/activities/{cast.activity.pk}/surveys/{hand.summer.pk}/reminders"
    with time_machine.travel(DURING_SUMMER, tick=False):
        sent = leo.post(url)
        assert sent.status_code == 201 and sent.json()["recipients"] == 2
        refused = leo.post(url)
        assert refused.status_code == 422
        assert refused.json()["next_possible"].startswith("2024-06-13T00:00:00+01:00")
