"""activity_create: "Run this project" from the catalogue, and local activities."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from mathshubs.activities.models import ActivityType
from mathshubs.activities.services import activities as svc
from mathshubs.activities.services import activity_create
from mathshubs.catalogue.models import CatalogueStatus, NCPType
from tests import factories as f
from tests.activities.helpers import refused

pytestmark = pytest.mark.django_db

IN_2023 = time_machine.travel(dt.datetime(2023, 10, 10, 12, tzinfo=dt.UTC), tick=False)


@IN_2023
def test_running_a_project_takes_its_type_and_phase_and_names_it_after_the_hub(cast):
    activity = activity_create(
        hub=cast.north, year=2023, by=cast.harriet, ncp=cast.mastery_readiness
    )
    assert activity.title == "North Test Mastery Readiness Work Group"
    assert activity.ncp == cast.mastery_readiness
    assert activity.ncp_code == "NCP23-08"
    assert activity.activity_type == NCPType.WORK_GROUP
    assert activity.phase == "primary"
    assert activity.created_by == cast.harriet.person


@IN_2023
def test_a_second_run_of_the_same_project_gets_a_number(cast):
    first = activity_create(hub=cast.north, year=2023, by=cast.harriet, ncp=cast.mastery_readiness)
    second = activity_create(hub=cast.north, year=2023, by=cast.harriet, ncp=cast.mastery_readiness)
    assert first.title == "North Test Mastery Readiness Work Group"
    assert second.title == "North Test Mastery Readiness Work Group 2"


@IN_2023
def test_a_typed_title_is_kept(cast):
    activity = activity_create(
        hub=cast.north, year=2023, by=cast.harriet, ncp=cast.mastery_readiness, title=" Wigan MR "
    )
    assert activity.title == "Wigan MR"


@IN_2023
def test_a_project_runs_only_in_its_own_year(cast):
    message = svc.NCP_OTHER_YEAR.format(code="NCP23-08", ncp_year="2023/24")
    refused(
        activity_create,
        message,
        "year",
        hub=cast.north,
        year=2022,
        by=cast.harriet,
        ncp=cast.mastery_readiness,
    )


@IN_2023
def test_a_project_of_a_draft_catalogue_cannot_be_run(cast):
    draft = f.NCPFactory(year=f.AcademicYearFactory(start_year=2024, status=CatalogueStatus.DRAFT))
    refused(
        activity_create,
        svc.CATALOGUE_DRAFT.format(year="2024/25"),
        "ncp",
        hub=cast.north,
        year=2024,
        by=cast.harriet,
        ncp=draft,
    )


@IN_2023
def test_a_phase_must_be_one_of_the_projects(cast):
    refused(
        activity_create,
        svc.PHASE_NOT_OF_NCP.format(code="NCP23-08", phases="Primary"),
        "phase",
        hub=cast.north,
        year=2023,
        by=cast.harriet,
        ncp=cast.mastery_readiness,
        phase="secondary",
    )


@IN_2023
def test_a_cross_phase_project_leaves_the_phase_open_unless_one_is_chosen(cast):
    continuity = f.NCPFactory(
        number=19, title="Years 5-8 Continuity", phases=["primary", "secondary"]
    )
    open_phase = activity_create(hub=cast.north, year=2023, by=cast.harriet, ncp=continuity)
    secondary = activity_create(
        hub=cast.north, year=2023, by=cast.harriet, ncp=continuity, phase="secondary"
    )
    assert open_phase.phase == "" and secondary.phase == "secondary"
    assert open_phase.title == "North Test Years 5-8 Continuity"


@IN_2023
def test_a_local_activity_needs_a_title_and_a_type(cast):
    refused(
        activity_create, svc.TITLE_REQUIRED, "title", hub=cast.north, year=2023, by=cast.harriet
    )
    refused(
        activity_create,
        svc.TYPE_REQUIRED,
        "activity_type",
        hub=cast.north,
        year=2023,
        by=cast.harriet,
        title="Maths club",
    )
    activity = activity_create(
        hub=cast.north,
        year=2023,
        by=cast.harriet,
        title="Maths club",
        activity_type=ActivityType.COMMUNITY,
    )
    assert activity.ncp is None and activity.ncp_code == ""


@IN_2023
def test_a_research_and_innovation_work_group_needs_its_research_question(cast):
    refused(
        activity_create,
        svc.RESEARCH_QUESTION_REQUIRED,
        "research_question",
        hub=cast.north,
        year=2023,
        by=cast.harriet,
        title="Fluency RIWG",
        is_riwg=True,
    )
    riwg = activity_create(
        hub=cast.north,
        year=2023,
        by=cast.harriet,
        title="Fluency RIWG",
        is_riwg=True,
        research_question="Does daily retrieval practice improve fluency in Year 4?",
    )
    assert riwg.is_riwg and riwg.activity_type == ActivityType.WORK_GROUP
    assert riwg.research_question.startswith("Does daily")


@IN_2023
def test_a_research_and_innovation_work_group_is_local_and_a_work_group(cast):
    refused(
        activity_create,
        svc.RIWG_IS_LOCAL,
        "is_riwg",
        hub=cast.north,
        year=2023,
        by=cast.harriet,
        ncp=cast.mastery_readiness,
        is_riwg=True,
    )
    refused(
        activity_create,
        svc.RIWG_IS_WORK_GROUP,
        "activity_type",
        hub=cast.north,
        year=2023,
        by=cast.harriet,
        title="RIWG",
        activity_type=ActivityType.COMMUNITY,
        is_riwg=True,
        research_question="Why?",
    )


@IN_2023
def test_the_year_must_be_a_sensible_one(cast):
    message = svc.YEAR_OUT_OF_RANGE.format(first="2015/16", last="2024/25")
    for year in (2014, 2025):
        refused(
            activity_create,
            message,
            "year",
            hub=cast.north,
            year=year,
            by=cast.harriet,
            title="X",
            activity_type="programme",
        )


@IN_2023
def test_a_project_with_a_role_based_grant_needs_the_hubs_role(cast):
    exchange = f.NCPFactory(
        title="Teacher Exchange",
        finances={
            "roles": [
                {"key": "hosting", "label": "Hosting"},
                {"key": "non_hosting", "label": "Non-hosting"},
            ],
            "rules": [],
            "notes": [],
        },
    )
    kwargs = {"hub": cast.north, "year": 2023, "by": cast.harriet, "ncp": exchange}
    roles = "hosting, non_hosting"
    refused(activity_create, svc.GRANT_ROLE_REQUIRED.format(roles=roles), "grant_role", **kwargs)
    refused(
        activity_create,
        svc.GRANT_ROLE_UNKNOWN.format(roles=roles),
        "grant_role",
        grant_role="visiting",
        **kwargs,
    )
    assert activity_create(grant_role="hosting", **kwargs).grant_role == "hosting"
    refused(
        activity_create,
        svc.GRANT_ROLE_NOT_USED,
        "grant_role",
        hub=cast.north,
        year=2023,
        by=cast.harriet,
        ncp=cast.mastery_readiness,
        grant_role="hosting",
    )
