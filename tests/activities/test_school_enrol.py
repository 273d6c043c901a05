"""school_enrol: the criteria checklist, the enrolment window, Targeted Support at any time,
closed schools, schools of other hubs, and enrolling again after a withdrawal."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from mathshubs.activities.models import Activity, ActivityType, EnrolmentStatus
from mathshubs.activities.selectors import activity_detail
from mathshubs.activities.services import _common as common
from mathshubs.activities.services import school_complete, school_enrol, school_withdraw
from mathshubs.activities.services import schools as svc
from mathshubs.activities.services.schools import _check_window
from mathshubs.catalogue.models import NCP
from tests import factories as f
from tests.activities.helpers import refused

pytestmark = pytest.mark.django_db

CRITERIA = ["not_in_tfm", "ofsted_ri"]


def at(day: str):
    return time_machine.travel(dt.datetime.fromisoformat(f"{day}T12:00:00+00:00"), tick=False)


def school(cast, **kwargs):
    defaults = {"hub": cast.north, "local_authority": cast.north_school.local_authority}
    return f.InstitutionFactory(**{**defaults, **kwargs})


@at("2023-10-10")
def test_a_school_meeting_the_criteria_is_enrolled_today_with_them_recorded(cast):
    row = school_enrol(
        activity=cast.activity, institution=school(cast), by=cast.harriet, criteria_met=CRITERIA
    )
    assert row.status == EnrolmentStatus.ENROLLED
    assert row.enrolled_on == dt.date(2023, 10, 10)
    assert row.criteria_met == ["not_in_tfm", "ofsted_ri"]


@at("2023-10-10")
def test_the_essential_criterion_must_be_met(cast):
    target = school(cast, name="Hill Primary")
    refused(
        school_enrol,
        svc.CRITERIA_ESSENTIAL.format(
            school="Hill Primary", missing="Not previously in a TfM Work Group"
        ),
        "criteria_met",
        activity=cast.activity,
        institution=target,
        by=cast.harriet,
        criteria_met=["ofsted_ri", "poor_data"],
    )


@at("2023-10-10")
def test_mastery_readiness_needs_at_least_one_other_criterion_beside_the_essential_one(cast):
    target = school(cast, name="Hill Primary")
    refused(
        school_enrol,
        svc.CRITERIA_OTHERS.format(school="Hill Primary", minimum=1, met=0),
        "criteria_met",
        activity=cast.activity,
        institution=target,
        by=cast.harriet,
        criteria_met=["not_in_tfm"],
    )


@at("2023-10-10")
def test_criteria_that_are_not_the_projects_are_refused(cast):
    refused(
        school_enrol,
        svc.CRITERIA_UNKNOWN.format(keys="'likes_maths'", verb="is"),
        "criteria_met",
        activity=cast.activity,
        institution=school(cast),
        by=cast.harriet,
        criteria_met=[*CRITERIA, "likes_maths"],
    )


@at("2023-10-10")
def test_an_activity_without_criteria_takes_any_school_and_no_criteria(cast):
    local = f.ActivityFactory(hub=cast.north, activity_type=ActivityType.COMMUNITY)
    refused(
        school_enrol,
        svc.CRITERIA_NOT_USED,
        "criteria_met",
        activity=local,
        institution=school(cast),
        by=cast.harriet,
        criteria_met=["not_in_tfm"],
    )
    assert (
        school_enrol(activity=local, institution=school(cast), by=cast.harriet).criteria_met == []
    )


@at("2023-10-10")
def test_a_school_is_enrolled_once(cast):
    refused(
        school_enrol,
        svc.SCHOOL_ALREADY_ENROLLED.format(school="North Primary"),
        "institution",
        activity=cast.activity,
        institution=cast.north_school,
        by=cast.harriet,
        criteria_met=CRITERIA,
    )


@at("2023-10-10")
def test_a_closed_school_is_refused(cast):
    closed = school(cast, name="Old Primary", is_open=False)
    refused(
        school_enrol,
        svc.SCHOOL_CLOSED.format(school="Old Primary"),
        "institution",
        activity=cast.activity,
        institution=closed,
        by=cast.harriet,
        criteria_met=CRITERIA,
    )


@at("2023-10-10")
def test_a_school_of_another_hub_may_enrol_and_is_shown_as_served_by_it(cast):
    school_enrol(
        activity=cast.activity,
        institution=cast.south_school,
        by=cast.harriet,
        criteria_met=CRITERIA,
    )
    detail = activity_detail(user=cast.harriet, activity=cast.activity)
    served = {row.enrolment.institution.name: row.served_by_other_hub for row in detail.schools}
    assert served == {"North Primary": None, "South Primary": cast.south}


# --- The enrolment window -----------------------------------------------------------------------


@at("2023-12-31")
def test_enrolment_is_open_until_the_end_of_the_autumn_term(cast):
    assert school_enrol(
        activity=cast.activity, institution=school(cast), by=cast.harriet, criteria_met=CRITERIA
    )


@at("2024-01-08")
def test_after_the_autumn_term_enrolment_is_closed_and_the_message_names_the_date(cast):
    error = refused(
        school_enrol,
        svc.ENROLMENT_CLOSED.format(date="31 December 2023"),
        "on",
        activity=cast.activity,
        institution=school(cast),
        by=cast.harriet,
        criteria_met=CRITERIA,
    )
    assert "Targeted Support" in error.messages[0]


@at("2024-01-08")
def test_a_school_that_joined_in_the_autumn_can_be_recorded_later(cast):
    row = school_enrol(
        activity=cast.activity,
        institution=school(cast),
        by=cast.harriet,
        on=dt.date(2023, 11, 20),
        criteria_met=CRITERIA,
    )
    assert row.enrolled_on == dt.date(2023, 11, 20)


@at("2024-01-08")
def test_the_national_team_may_enrol_after_the_window(cast):
    assert school_enrol(
        activity=cast.activity, institution=school(cast), by=cast.nadia, criteria_met=CRITERIA
    )


@at("2024-06-03")
def test_targeted_support_schools_join_at_any_point_in_the_year(cast):
    targeted = f.NCPFactory(
        number=33,
        title="Targeted Support in Maths",
        ncp_type="intensive_support",
        joins_any_time=True,
        participant_criteria=[],
        criteria_minimum_other=0,
    )
    activity = f.ActivityFactory(
        hub=cast.north, ncp=targeted, activity_type=ActivityType.INTENSIVE_SUPPORT
    )
    assert school_enrol(activity=activity, institution=school(cast), by=cast.harriet)


@at("2024-06-03")
def test_a_local_intensive_support_activity_also_takes_schools_at_any_time(cast):
    activity = f.ActivityFactory(hub=cast.north, activity_type=ActivityType.INTENSIVE_SUPPORT)
    assert school_enrol(activity=activity, institution=school(cast), by=cast.harriet)


@at("2024-09-10")
def test_nobody_joins_after_the_academic_year_ended(cast):
    activity = f.ActivityFactory(hub=cast.north, activity_type=ActivityType.INTENSIVE_SUPPORT)
    refused(
        school_enrol,
        svc.ENROLMENT_AFTER_YEAR.format(year="2023/24", date="31 August 2024"),
        "on",
        activity=activity,
        institution=school(cast),
        by=cast.nadia,
    )


@at("2023-10-10")
def test_an_enrolment_date_in_the_future_is_refused(cast):
    refused(
        school_enrol,
        common.DATE_IN_FUTURE,
        "on",
        activity=cast.activity,
        institution=school(cast),
        by=cast.harriet,
        on=dt.date(2023, 10, 11),
        criteria_met=CRITERIA,
    )


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=dt.date(2023, 6, 1), max_value=dt.date(2024, 8, 31)))
def test_the_window_rule_holds_for_every_day_of_the_year(day):
    """enrolment_closes_on as a property: a Work Group takes schools up to 31 December,
    Targeted Support up to the end of the year, whatever the day."""
    work_group = Activity(academic_year=2023, activity_type=ActivityType.WORK_GROUP)
    targeted = Activity(
        academic_year=2023,
        activity_type=ActivityType.INTENSIVE_SUPPORT,
        ncp=NCP(pk=1, joins_any_time=True),
    )
    for activity, last in ((work_group, dt.date(2023, 12, 31)), (targeted, dt.date(2024, 8, 31))):
        try:
            _check_window(activity, day, None)
            accepted = True
        except ValidationError:
            accepted = False
        assert accepted == (day <= last)


# --- Enrolling again after a withdrawal ---------------------------------------------------------


@at("2023-12-01")
def test_a_withdrawn_school_enrols_again_keeping_its_withdrawal(cast):
    school_withdraw(
        enrolment=cast.enrolment, on=dt.date(2023, 11, 3), reason="Head left", by=cast.harriet
    )
    row = school_enrol(
        activity=cast.activity,
        institution=cast.north_school,
        by=cast.harriet,
        criteria_met=CRITERIA,
    )
    assert row.pk == cast.enrolment.pk
    assert row.status == EnrolmentStatus.ENROLLED
    assert row.enrolled_on == dt.date(2023, 12, 1)
    assert (row.withdrawn_on, row.withdrawal_reason) == (dt.date(2023, 11, 3), "Head left")


@at("2023-12-01")
def test_a_school_that_completed_cannot_enrol_again(cast):
    school_complete(enrolment=cast.enrolment, on=dt.date(2023, 11, 30), by=cast.harriet)
    refused(
        school_enrol,
        svc.SCHOOL_ALREADY_COMPLETED.format(school="North Primary"),
        "institution",
        activity=cast.activity,
        institution=cast.north_school,
        by=cast.harriet,
        criteria_met=CRITERIA,
    )
