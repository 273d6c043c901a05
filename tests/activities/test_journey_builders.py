"""Builders the journey and register tests share: schools with a journey history, LLMEs."""

from __future__ import annotations

import datetime as dt

from mathshubs.activities.models import EnrolmentStatus
from mathshubs.catalogue.models import NCP, JourneyStage
from mathshubs.directory.models import Phase, Role
from tests import factories as f

S = JourneyStage
# The 2023/24 handbook's numbers for the projects at each stage.
STAGE_NCP = {
    S.MASTERY_READINESS: (8, ""),
    S.DEVELOPMENT: (9, ""),
    S.EMBEDDING: (10, ""),
    S.SUSTAINING: (11, ""),
    S.SECONDARY_DEVELOPMENT: (12, ""),
    S.EMBEDDING_YEAR_SUPPORT: (13, ""),
    S.SECONDARY_EMBEDDING_SUSTAINING: (14, ""),
    S.MASTERING_NUMBER: (7, "a"),
    S.EMBEDDING_THE_IMPACT: (7, "b"),
}


def stage_ncp(stage: str, year: int = 2023) -> NCP:
    number, suffix = STAGE_NCP[stage]
    code = f"NCP{year % 100:02d}-{number:02d}{suffix}"
    found = NCP.objects.filter(code=code).first()
    if found is not None:
        return found
    return f.NCPFactory(
        year=f.AcademicYearFactory(start_year=year),
        number=number,
        suffix=suffix,
        code=code,
        title=f"{stage} project",
        journey_stage=stage,
    )


def enrol(school, stage: str, year: int, status: str = EnrolmentStatus.ENROLLED, hub=None):
    """The school in a hub activity of the project at `stage`, in `year`, with `status`."""
    ncp = stage_ncp(stage, year)
    activity = f.ActivityFactory(
        hub=hub or school.hub or f.HubFactory(),
        academic_year=year,
        ncp=ncp,
        ncp_code=ncp.code,
        title=f"{stage.replace('_', ' ').title()} Work Group {year}",
    )
    return f.ActivitySchoolFactory(
        activity=activity,
        institution=school,
        status=status,
        enrolled_on=dt.date(year, 9, 20),
        completed_on=dt.date(year + 1, 7, 10) if status == EnrolmentStatus.COMPLETED else None,
        withdrawn_on=dt.date(year + 1, 2, 1) if status == EnrolmentStatus.WITHDRAWN else None,
        withdrawal_reason="Staff changes" if status == EnrolmentStatus.WITHDRAWN else "",
    )


def school(hub, name: str = "", phase: str = Phase.PRIMARY, **kwargs):
    extra = {"name": name} if name else {}
    return f.InstitutionFactory(hub=hub, phase=phase, **extra, **kwargs)


def llme(hub, *, role: str = Role.WORK_GROUP_LEAD, year: int | None = 2023, **kwargs):
    """A person with an LLME role in the hub for the year (None: ongoing)."""
    person = f.PersonFactory(**kwargs)
    f.RoleAssignmentFactory(person=person, role=role, hub=hub, academic_year=year)
    return person


def lead(person, hub, year: int = 2023):
    """The person leads a (local) activity of the hub in the year."""
    activity = f.ActivityFactory(hub=hub, academic_year=year, title=f"Led by {person}")
    activity.leads.add(person)
    return activity


def test_the_builders_make_one_project_per_stage_and_year(db):
    hub = f.HubFactory()
    first = enrol(school(hub), S.DEVELOPMENT, 2022)
    second = enrol(school(hub), S.DEVELOPMENT, 2022)
    assert first.activity.ncp == second.activity.ncp
    assert first.activity.ncp.code == "NCP22-09"
    assert stage_ncp(S.EMBEDDING_THE_IMPACT).code == "NCP23-07b"
