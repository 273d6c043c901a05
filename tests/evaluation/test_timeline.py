"""The evaluation timeline (ISSUE 10, part 5): the handbook's checklist, due dates from the
activity's sessions and its project's national workshops, items that tick themselves from
real platform records, the rest ticked by the lead."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from mathshubs.dates import LONDON
from mathshubs.evaluation import services
from mathshubs.evaluation.timeline import ITEMS, timelines_for
from mathshubs.events.models import EventKind, Registration, RegistrationStatus
from tests import factories as f
from tests.conftest import client_for
from tests.evaluation.test_happi_services import submitted_plan

pytestmark = pytest.mark.django_db


def at(y, m, d):
    return dt.datetime(y, m, d, 10, tzinfo=LONDON)


@pytest.fixture
def planned(cast):
    """Leo's Work Group: sessions from 5 October 2023 to 7 March 2024; its project's three
    national workshops; Leo attended the first."""
    for day in (at(2023, 10, 5), at(2023, 12, 7), at(2024, 3, 7)):
        f.EventFactory(activity=cast.activity, starts_at=day, ends_at=day + dt.timedelta(hours=1))
    workshops = [
        f.EventFactory(
            activity=None,
            hub=None,
            ncp=cast.mastery_readiness,
            kind=EventKind.NATIONAL_WORKSHOP,
            title=f"National workshop {n}",
            starts_at=day,
            ends_at=day + dt.timedelta(hours=5),
        )
        for n, day in enumerate((at(2023, 9, 20), at(2024, 1, 17), at(2024, 6, 12)), 1)
    ]
    Registration.objects.create(
        event=workshops[0],
        person=cast.leo.person,
        status=RegistrationStatus.CONFIRMED,
        attended=True,
    )
    Registration.objects.create(
        event=workshops[1],
        person=cast.leo.person,
        status=RegistrationStatus.CONFIRMED,
        attended=False,
    )
    return cast


def entries(cast):
    return {e.item.key: e for e in timelines_for([cast.activity])[cast.activity.pk].entries}


def test_the_timeline_has_the_handbooks_items_in_its_four_stages(planned):
    timeline = timelines_for([planned.activity])[planned.activity.pk]
    assert [(label, len(rows)) for label, rows in timeline.stages()] == [
        ("Before the start of the Maths Hub activity", 3),
        ("At the start of the Maths Hub activity", 3),
        ("During the Maths Hub activity", 4),
        ("At the end of the Maths Hub activity", 5),
    ]
    assert ITEMS[4].text == "Complete and submit the planning section of the HAPPI form."


def test_due_dates_come_from_the_sessions_and_the_national_workshops(planned):
    found = entries(planned)
    assert found["first_workshop"].due == dt.date(2023, 9, 20)
    assert found["outcomes"].due == dt.date(2023, 10, 5)  # the first session
    assert found["plan"].due == dt.date(2023, 11, 2)  # four weeks after it
    assert found["second_workshop"].due == dt.date(2024, 1, 17)
    assert found["local_field_work"].due == dt.date(2023, 12, 21)  # half way
    assert found["final_workshop"].due == dt.date(2024, 6, 12)
    assert found["submit_happi"].due == dt.date(2024, 4, 4)  # four weeks after the last


def test_workshops_attended_and_happi_sections_submitted_tick_themselves(planned):
    before = entries(planned)
    assert before["first_workshop"].done and not before["first_workshop"].by_hand
    assert not before["second_workshop"].done  # registered, but did not attend
    assert not before["plan"].done and not before["methods"].done
    submitted_plan(planned)
    after = entries(planned)
    assert after["plan"].done and after["methods"].done
    assert not after["update_happi"].done and not after["submit_happi"].done


def test_the_lead_ticks_what_the_platform_cannot_see_and_nothing_else(planned):
    services.timeline_tick(
        activity=planned.activity, item="local_field_work", by=planned.leo, ticked=True
    )
    assert entries(planned)["local_field_work"].done
    with pytest.raises(ValidationError, match=services.TICK_BY_PLATFORM):
        services.timeline_tick(activity=planned.activity, item="plan", by=planned.leo, ticked=True)
    with pytest.raises(PermissionDenied):
        services.timeline_tick(
            activity=planned.activity, item="collate", by=planned.harriet, ticked=True
        )
    services.timeline_tick(
        activity=planned.activity, item="local_field_work", by=planned.leo, ticked=False
    )
    assert not entries(planned)["local_field_work"].done


def test_overdue_and_due_this_week_from_the_day(planned):
    today = dt.date(2023, 10, 30)
    found = entries(planned)
    assert found["outcomes"].state(today) == "overdue"
    assert found["plan"].state(today) == "due_this_week"
    assert found["first_workshop"].state(today) == "done"
    assert found["final_workshop"].state(today) == "open"


def test_the_leads_home_page_shows_what_is_due(planned):
    with time_machine.travel(at(2023, 10, 30), tick=False):
        page = " ".join(client_for(planned.leo).get("/").content.decode().split())
    row = page.split('id="evaluation-due"', 1)[1].split("</table>", 1)[0]
    assert "North Mastery Readiness Work Group" in row
    # Overdue: understand the outcomes and the expectations (due at the first session).
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">2</td>' in row
    assert (
        "Complete and submit the planning section of the HAPPI form. (Thursday 2 November)" in row
    )


def test_the_page_ticks_by_hand_items_for_the_lead_only(planned):
    url = reverse("evaluation:timeline", args=[planned.activity.pk])
    response = client_for(planned.leo).post(url, {"done": ["collate", "plan"]})
    assert response.status_code == 302
    found = entries(planned)
    assert found["collate"].done and not found["plan"].done
    assert client_for(planned.harriet).get(url).status_code == 200
    assert client_for(planned.harriet).post(url, {"done": ["outcomes"]}).status_code == 403
    assert client_for(planned.pat).get(url).status_code == 404
    assert client_for(planned.simon).get(url).status_code == 404


def test_hub_staff_see_their_llmes_timelines_in_a_fixed_number_of_queries(
    planned, django_assert_max_num_queries
):
    for n in range(20):
        activity = f.ActivityFactory(
            hub=planned.north, title=f"Work Group {n}", ncp=planned.mastery_readiness
        )
        activity.leads.add(planned.leo.person)
    client = client_for(planned.harriet)
    client.get(reverse("evaluation:timeline_list"))
    with django_assert_max_num_queries(20):
        page = client.get(reverse("evaluation:timeline_list"))
    assert "Work Group 19" in page.content.decode()
    assert client_for(planned.pat).get(reverse("evaluation:timeline_list")).status_code == 403


def test_runs_of_one_workshop_count_as_one_and_a_later_years_session_is_left_out(planned):
    cast = planned
    # A second run of the first workshop a week later, in another area, that Leo attended
    # instead; and a follow-up session in the next academic year.
    south = f.EventFactory(
        activity=None,
        hub=None,
        ncp=cast.mastery_readiness,
        kind=EventKind.NATIONAL_WORKSHOP,
        title="National workshop 1 (South)",
        starts_at=at(2023, 9, 27),
        ends_at=at(2023, 9, 27) + dt.timedelta(hours=5),
    )
    Registration.objects.filter(person=cast.leo.person).delete()
    Registration.objects.create(
        event=south, person=cast.leo.person, status=RegistrationStatus.CONFIRMED, attended=True
    )
    later = at(2024, 11, 5)
    f.EventFactory(activity=cast.activity, starts_at=later, ends_at=later + dt.timedelta(hours=1))
    found = entries(cast)
    assert found["first_workshop"].done
    assert found["first_workshop"].how == "National workshop 1 (South), 27 September 2023"
    assert found["second_workshop"].due == dt.date(2024, 1, 17)  # not the South run
    assert found["submit_happi"].due == dt.date(2024, 4, 4)  # the 2024/25 session ignored


def test_a_survey_ticks_itself_when_every_current_participant_completed_it_for_this_activity(
    planned,
):
    from mathshubs.activities.models import EnrolmentStatus
    from mathshubs.evaluation.models import SurveyCompletion
    from tests.evaluation.surveys import factories as sf

    cast = planned
    survey = sf.SurveyFactory()  # the autumn survey of every 2023/24 activity
    other = f.ActivityFactory(hub=cast.north, title="Another Work Group")
    f.ParticipationFactory(activity=other, person=cast.pat.person)
    gone = f.ParticipationFactory(activity=cast.activity, status=EnrolmentStatus.WITHDRAWN)
    # Pat completed it for another activity, and a withdrawn person for this one: neither
    # counts here.
    SurveyCompletion.objects.create(
        survey=survey, activity=other, person=cast.pat.person, submitted_on=dt.date(2023, 10, 20)
    )
    SurveyCompletion.objects.create(
        survey=survey,
        activity=cast.activity,
        person=gone.person,
        submitted_on=dt.date(2023, 10, 20),
    )
    before = entries(cast)["autumn_survey"]
    assert not before.done and before.how == "0 of 1 current participant completed it"
    assert before.due == survey.closes_on and not before.by_hand
    SurveyCompletion.objects.create(
        survey=survey,
        activity=cast.activity,
        person=cast.pat.person,
        submitted_on=dt.date(2023, 10, 21),
    )
    assert entries(cast)["autumn_survey"].done
