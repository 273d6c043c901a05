"""activity_add_lead / activity_remove_lead: leads are LLMEs of the activity's hub."""

from __future__ import annotations

import pytest

from mathshubs.activities.services import activities as svc
from mathshubs.activities.services import activity_add_lead, activity_remove_lead
from mathshubs.directory.models import Role
from tests import factories as f
from tests.activities.helpers import refused

pytestmark = pytest.mark.django_db


def llme(hub, year, role=Role.MASTERY_SPECIALIST):
    person = f.PersonFactory(first_name="Mia", last_name="Specialist")
    f.RoleAssignmentFactory(person=person, role=role, hub=hub, academic_year=year)
    return person


def test_an_llme_of_the_hub_in_the_activitys_year_can_lead_it(cast):
    mia = llme(cast.north, 2023)
    activity_add_lead(activity=cast.activity, person=mia, by=cast.harriet)
    assert set(cast.activity.leads.all()) == {cast.leo.person, mia}


def test_an_ongoing_llme_role_or_one_of_a_later_year_counts(cast):
    ongoing, later = llme(cast.north, None), llme(cast.north, 2024, Role.WORK_GROUP_LEAD)
    activity_add_lead(activity=cast.activity, person=ongoing, by=cast.harriet)
    activity_add_lead(activity=cast.activity, person=later, by=cast.harriet)
    assert cast.activity.leads.count() == 3


def _not_llme(person, cast) -> str:
    return svc.LEAD_NOT_LLME.format(
        name=person.full_name, hub="North Test Maths Hub", year="2023/24"
    )


def test_a_role_that_ended_before_the_year_does_not_count(cast):
    former = llme(cast.north, 2022)
    refused(
        activity_add_lead,
        _not_llme(former, cast),
        "person",
        activity=cast.activity,
        person=former,
        by=cast.harriet,
    )


def test_an_llme_of_another_hub_cannot_lead_it(cast):
    southern = llme(cast.south, 2023)
    refused(
        activity_add_lead,
        _not_llme(southern, cast),
        "person",
        activity=cast.activity,
        person=southern,
        by=cast.harriet,
    )


def test_a_participant_role_is_not_an_llme_role(cast):
    pat = cast.pat.person
    refused(
        activity_add_lead,
        _not_llme(pat, cast),
        "person",
        activity=cast.activity,
        person=pat,
        by=cast.harriet,
    )


def test_someone_already_leading_is_refused(cast):
    leo = cast.leo.person
    refused(
        activity_add_lead,
        svc.LEAD_ALREADY.format(name=leo.full_name),
        "person",
        activity=cast.activity,
        person=leo,
        by=cast.harriet,
    )


def test_a_current_participant_cannot_also_lead(cast):
    pat = cast.pat.person
    f.RoleAssignmentFactory(
        person=pat, role=Role.WORK_GROUP_LEAD, hub=cast.north, academic_year=2023
    )
    refused(
        activity_add_lead,
        svc.LEAD_IS_PARTICIPANT.format(name=pat.full_name),
        "person",
        activity=cast.activity,
        person=pat,
        by=cast.harriet,
    )


def test_a_lead_can_be_removed_and_removing_a_non_lead_is_refused(cast):
    leo = cast.leo.person
    activity_remove_lead(activity=cast.activity, person=leo, by=cast.harriet)
    assert not cast.activity.leads.exists()
    refused(
        activity_remove_lead,
        svc.LEAD_NOT_A_LEAD.format(name=leo.full_name),
        "person",
        activity=cast.activity,
        person=leo,
        by=cast.harriet,
    )
