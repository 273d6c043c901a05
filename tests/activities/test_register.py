"""The LLME register: a hub's community, who is active, the counts against the targets, and the
services that record expertise and development programmes."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from mathshubs.activities import register
from mathshubs.activities.models import (
    DevelopmentProgramme,
    DevelopmentProgrammeKind,
    Expertise,
    LLMEExpertise,
)
from mathshubs.directory.models import Role
from tests import factories as f
from tests.activities.helpers import refused
from tests.activities.test_journey_builders import lead, llme

MS = DevelopmentProgrammeKind.MASTERY_SPECIALIST
PD = DevelopmentProgrammeKind.PD_LEAD

pytestmark = pytest.mark.usefixtures("_frozen")


@pytest.fixture
def _frozen():
    with time_machine.travel(dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


def _record(cast, **changes):
    values = {
        "person": cast.leo.person,
        "programme": MS,
        "phase": "primary",
        "cohort": "Primary cohort 9",
        "started_year": 2023,
        "by": cast.harriet,
    }
    return register.development_programme_record(**{**values, **changes})


# --- The community ---------------------------------------------------------------------------


def test_the_community_is_everyone_with_an_llme_role_in_the_hub_for_the_year_or_ongoing(cast):
    ongoing = llme(cast.north, role=Role.MASTERY_SPECIALIST, year=None, last_name="Ongoing")
    llme(cast.north, year=2022, last_name="Lastyear")
    llme(cast.south, last_name="Southern")
    f.RoleAssignmentFactory(person=f.PersonFactory(), role=Role.PARTICIPANT, hub=cast.north)
    people = list(register.community(hub=cast.north, year=2023))
    assert {p.full_name for p in people} == {
        "Harriet Hub",  # a Maths Hub Lead is an LLME as well as hub staff
        "Leo Lead",
        ongoing.full_name,
    }


def test_an_llme_is_active_when_leading_an_activity_of_the_year_in_any_hub(cast):
    south_leader = llme(cast.north, last_name="Crosser")
    lead(south_leader, cast.south, 2023)
    last_year = llme(cast.north, last_name="Earlier")
    lead(last_year, cast.north, 2022)
    rows = {p.last_name: p for p in register.community(hub=cast.north, year=2023)}
    assert rows["Lead"].is_active and rows["Lead"].activities_led == 1
    assert rows["Crosser"].is_active
    assert not rows["Earlier"].is_active and rows["Earlier"].activities_led == 0
    assert not rows["Hub"].is_active
    actives = register.community(hub=cast.north, year=2023, active=True)
    assert {p.last_name for p in actives} == {"Lead", "Crosser"}
    inactive = register.community(hub=cast.north, year=2023, active=False)
    assert {p.last_name for p in inactive} == {"Hub", "Earlier"}


def test_a_register_row_shows_roles_expertise_and_programmes(cast):
    leo = cast.leo.person
    f.RoleAssignmentFactory(person=leo, role=Role.PD_LEAD, hub=cast.north, academic_year=None)
    f.RoleAssignmentFactory(person=leo, role=Role.COHORT_LEAD, hub=cast.south, academic_year=2023)
    register.llme_set_expertise(person=leo, elements=["pedagogy"], by=cast.harriet)
    _record(cast)
    person = register.community(hub=cast.north, year=2023).get(pk=leo.pk)
    row = register.RegisterRow(person)
    assert row.roles == ["PD Lead", "Work Group Lead"]  # not South's role
    assert row.expertise == ["Leading maths pedagogy"]
    assert [p.cohort for p in row.programmes] == ["Primary cohort 9"]


def test_the_register_is_four_queries_however_many_llmes(cast, django_assert_num_queries):
    for i in range(25):
        person = llme(cast.north)
        lead(person, cast.north)
        LLMEExpertise.objects.create(person=person, element=Expertise.PEDAGOGY)
        DevelopmentProgramme.objects.create(person=person, programme=PD, started_year=2020 + i % 4)
    with django_assert_num_queries(4):
        rows = [register.RegisterRow(p) for p in register.community(hub=cast.north, year=2023)]
        assert sum(1 for r in rows if r.is_active) == 26
        assert all(r.roles for r in rows) and len([r.expertise for r in rows]) == 27
        assert len([r.programmes for r in rows]) == 27


# --- Counts ------------------------------------------------------------------------------------


def test_a_hubs_counts_are_its_active_members_against_the_target_of_50(cast):
    for _ in range(3):
        lead(llme(cast.north), cast.north)
    llme(cast.north)  # inactive
    outsider = f.PersonFactory()  # leads North's activity without a North LLME role
    lead(outsider, cast.north)
    _record(cast, hub=cast.north)
    counts = register.hub_counts(hub=cast.north, year=2023)
    assert (counts.members, counts.active, counts.starting) == (6, 4, 1)
    assert counts.target == 50 and not counts.reaches_target


def test_national_counts_count_people_once_and_every_hub(cast, django_assert_num_queries):
    both = llme(cast.north)
    f.RoleAssignmentFactory(person=both, role=Role.COHORT_LEAD, hub=cast.south, academic_year=2023)
    lead(both, cast.south)
    lead(llme(cast.south), cast.south)
    _record(cast, hub=cast.north)
    _record(cast, programme=PD, phase="", hub=cast.north)  # the same person: counts once
    with django_assert_num_queries(5):
        counts = register.national_counts(year=2023)
    assert counts.active == 3  # Leo, both, the South leader
    assert counts.starting == 1
    assert counts.target == 2000
    by_hub = {h.hub.slug: h for h in counts.hubs}
    assert (by_hub["north"].active, by_hub["south"].active) == (2, 2)
    assert by_hub["north"].starting == 1 and by_hub["south"].starting == 0


# --- Expertise ---------------------------------------------------------------------------------


def test_hub_staff_record_an_llmes_elements_of_expertise(cast):
    leo = cast.leo.person
    saved = register.llme_set_expertise(
        person=leo, elements=["school_development", "pedagogy"], by=cast.harriet
    )
    assert saved == ["pedagogy", "school_development"]
    register.llme_set_expertise(person=leo, elements=["professional_development"], by=cast.nadia)
    assert list(leo.expertise.values_list("element", flat=True)) == ["professional_development"]
    register.llme_set_expertise(person=leo, elements=[], by=cast.nadia)
    assert not leo.expertise.exists()


def test_an_unknown_element_of_expertise_is_refused(cast):
    message = register.EXPERTISE_UNKNOWN.format(elements="'juggling'", verb="is")
    refused(
        register.llme_set_expertise,
        message,
        "elements",
        person=cast.leo.person,
        elements=["pedagogy", "juggling"],
        by=cast.harriet,
    )


@pytest.mark.parametrize("who", ["leo", "pat", "sam", "simon"])
def test_only_the_llmes_hub_staff_and_the_national_team_change_expertise(cast, who):
    with pytest.raises(PermissionDenied, match="Only staff of the LLME's Maths Hub"):
        register.llme_set_expertise(
            person=cast.leo.person, elements=["pedagogy"], by=getattr(cast, who)
        )
    assert not cast.leo.person.expertise.exists()


# --- Development programmes --------------------------------------------------------------------


def test_hub_staff_record_a_development_programme(cast):
    made = _record(
        cast,
        started_year=2021,
        completed_on=dt.date(2022, 7, 1),
        accredited_on=dt.date(2022, 11, 1),
    )
    assert (made.programme, made.phase, made.cohort, made.started_year) == (
        MS,
        "primary",
        "Primary cohort 9",
        2021,
    )
    assert made.accredited_on == dt.date(2022, 11, 1)


def test_a_programme_completed_before_the_year_it_started_is_refused(cast):
    message = register.COMPLETED_BEFORE_START.format(date="1 September 2023")
    refused(_record, message, "completed_on", cast=cast, completed_on=dt.date(2023, 8, 31))


def test_a_programme_cannot_be_accredited_before_it_is_completed(cast):
    refused(
        _record,
        register.ACCREDITED_WITHOUT_COMPLETED,
        "accredited_on",
        cast=cast,
        accredited_on=dt.date(2024, 1, 1),
    )
    refused(
        _record,
        register.ACCREDITED_BEFORE_COMPLETED,
        "accredited_on",
        cast=cast,
        started_year=2021,
        completed_on=dt.date(2022, 7, 1),
        accredited_on=dt.date(2022, 6, 1),
    )


def test_dates_in_the_future_are_refused(cast):
    refused(
        _record,
        register.COMPLETED_IN_FUTURE,
        "completed_on",
        cast=cast,
        completed_on=dt.date(2024, 3, 2),
    )


def test_a_mastery_specialist_programme_needs_its_phase(cast):
    refused(_record, register.PHASE_REQUIRED, "phase", cast=cast, phase="")
    refused(_record, register.PHASE_UNKNOWN, "phase", cast=cast, phase="nursery")


def test_the_start_year_must_be_within_the_programmes_years(cast):
    message = register.STARTED_YEAR_OUT_OF_RANGE.format(first=2014, last=2024)
    refused(_record, message, "started_year", cast=cast, started_year=1999)
    refused(_record, message, "started_year", cast=cast, started_year=2025)


def test_the_same_programme_started_the_same_year_is_recorded_once(cast):
    _record(cast)
    message = register.ALREADY_RECORDED.format(
        person="Leo Lead", programme="Mastery Specialist Programme", year="2023/24"
    )
    refused(_record, message, "programme", cast=cast)


def test_an_unknown_programme_is_refused(cast):
    refused(_record, register.PROGRAMME_UNKNOWN, "programme", cast=cast, programme="juggling")


def test_hub_staff_update_a_development_programme(cast):
    made = _record(cast, started_year=2022)
    register.development_programme_update(
        record=made,
        programme=MS,
        phase="primary",
        cohort="Primary cohort 8",
        started_year=2022,
        completed_on=dt.date(2023, 7, 1),
        accredited_on=None,
        by=cast.nadia,
    )
    made.refresh_from_db()
    assert (made.cohort, made.completed_on) == ("Primary cohort 8", dt.date(2023, 7, 1))


def test_an_update_is_checked_like_a_new_record(cast):
    made = _record(cast)
    refused(
        register.development_programme_update,
        register.ACCREDITED_WITHOUT_COMPLETED,
        "accredited_on",
        record=made,
        programme=MS,
        phase="primary",
        cohort="",
        started_year=2023,
        accredited_on=dt.date(2024, 1, 1),
        by=cast.harriet,
    )
    other = _record(cast, started_year=2021)
    message = register.ALREADY_RECORDED.format(
        person="Leo Lead", programme="Mastery Specialist Programme", year="2023/24"
    )
    refused(
        register.development_programme_update,
        message,
        "programme",
        record=other,
        programme=MS,
        phase="primary",
        cohort="",
        started_year=2023,
        by=cast.harriet,
    )


@pytest.mark.parametrize("who", ["leo", "pat", "sam", "simon"])
def test_only_the_llmes_hub_staff_and_the_national_team_record_programmes(cast, who):
    with pytest.raises(PermissionDenied):
        _record(cast, by=getattr(cast, who))
    made = _record(cast)
    with pytest.raises(PermissionDenied):
        register.development_programme_update(
            record=made,
            programme=PD,
            phase="",
            cohort="",
            started_year=2023,
            by=getattr(cast, who),
        )
    made.refresh_from_db()
    assert made.programme == MS
