"""Activities: run a project or create a local activity; leads; completing an activity."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from mathshubs.activities import rules as programme
from mathshubs.activities.models import (
    Activity,
    ActivityType,
    EnrolmentStatus,
)
from mathshubs.activities.services._common import (
    invalid,
    today,
)
from mathshubs.catalogue.models import NCP, CatalogueStatus, NCPPhase
from mathshubs.dates import academic_year_label, academic_year_of
from mathshubs.directory.models import LLME_ROLES, Hub, Person, RoleAssignment
from mathshubs.directory.rules import person_of

# activity_create
CATALOGUE_DRAFT = "The {year} catalogue is a draft: its projects can be run once it is published"
NCP_OTHER_YEAR = "{code} is a project of {ncp_year}: it can only be run in {ncp_year}"
TITLE_REQUIRED = "Enter a title for the activity"
TITLE_TOO_LONG = "Enter a title of 255 characters or fewer"
TYPE_REQUIRED = "Choose the type of activity"
TYPE_UNKNOWN = "Choose the type of activity from the list"
PHASE_UNKNOWN = "Choose a phase from the list"
PHASE_NOT_OF_NCP = "{code} is for {phases}: choose one of those phases"
YEAR_OUT_OF_RANGE = "Enter an academic year from {first} to {last}"
RESEARCH_QUESTION_REQUIRED = "Enter the research question of the Research and Innovation Work Group"
RIWG_IS_LOCAL = (
    "A Research and Innovation Work Group is a local activity: create it without a project "
    "from the catalogue"
)
RIWG_IS_WORK_GROUP = "A Research and Innovation Work Group is a Work Group: choose Work Group"
GRANT_ROLE_REQUIRED = "This project's grant depends on the hub's role: choose one of {roles}"
GRANT_ROLE_UNKNOWN = "Choose the hub's role from the list: {roles}"
GRANT_ROLE_NOT_USED = "This activity's grant does not depend on a role: leave the role empty"
# leads
LEAD_NOT_LLME = (
    "{name} does not hold an LLME role in {hub} for {year} or later. Record their role "
    "(for example Work Group Lead) in the directory first"
)
LEAD_ALREADY = "{name} already leads this activity"
LEAD_IS_PARTICIPANT = (
    "{name} takes part in this activity: withdraw them as a participant before adding them as "
    "a lead"
)
LEAD_NOT_A_LEAD = "{name} does not lead this activity"

FIRST_YEAR = 2015  # the 2015/16 catalogue is the earliest the programme keeps


# --- Activities -------------------------------------------------------------------------------


def _check_year(year: int) -> None:
    last = academic_year_of(today()) + 1
    if not FIRST_YEAR <= year <= last:
        first_label, last_label = academic_year_label(FIRST_YEAR), academic_year_label(last)
        raise invalid("year", YEAR_OUT_OF_RANGE.format(first=first_label, last=last_label), "year")


def _check_ncp(ncp: NCP, year: int) -> None:
    if ncp.year.status != CatalogueStatus.PUBLISHED:
        raise invalid("ncp", CATALOGUE_DRAFT.format(year=ncp.year.label), "draft")
    if ncp.year.start_year != year:
        raise invalid("year", NCP_OTHER_YEAR.format(code=ncp.code, ncp_year=ncp.year.label), "year")


def _check_grant_role(ncp: NCP | None, grant_role: str) -> None:
    roles = [role.get("key") for role in (ncp.finances.get("roles") or [])] if ncp else []
    listed = ", ".join(roles)
    if not roles:
        if grant_role:
            raise invalid("grant_role", GRANT_ROLE_NOT_USED, "grant_role")
        return
    if not grant_role:
        raise invalid("grant_role", GRANT_ROLE_REQUIRED.format(roles=listed), "required")
    if grant_role not in roles:
        raise invalid("grant_role", GRANT_ROLE_UNKNOWN.format(roles=listed), "grant_role")


def _unique_title(hub: Hub, year: int, title: str) -> str:
    """A hub running a project twice gets "... Work Group 2" for its second run."""
    taken = set(
        Activity.objects.filter(hub=hub, academic_year=year, title__startswith=title).values_list(
            "title", flat=True
        )
    )
    if title not in taken:
        return title
    number = 2
    while f"{title} {number}" in taken:
        number += 1
    return f"{title} {number}"


def activity_create(
    *,
    hub: Hub,
    year: int,
    by: Any,
    ncp: NCP | None = None,
    title: str = "",
    activity_type: str | None = None,
    phase: str = "",
    is_riwg: bool = False,
    research_question: str = "",
    grant_role: str = "",
) -> Activity:
    """Create a hub activity: "Run this project" from the catalogue, or a local activity.

    From a project, the type comes from the project and the title defaults to the hub's
    short name and the project's title in the singular ("North Mastery Readiness Work
    Group"); the project's catalogue must be published and of the same year. A local
    activity needs a title and a type; a Research and Innovation Work Group (always
    local, always a Work Group) needs its research question.
    """
    title, research_question = title.strip(), research_question.strip()
    _check_year(year)
    if ncp is not None:
        _check_ncp(ncp, year)
        if is_riwg:
            raise invalid("is_riwg", RIWG_IS_LOCAL, "riwg")
        activity_type = ncp.ncp_type
        if phase and phase not in ncp.phases:
            phases = " and ".join(ncp.phase_labels) or "no phase"
            raise invalid("phase", PHASE_NOT_OF_NCP.format(code=ncp.code, phases=phases), "phase")
        phase = phase or (ncp.phases[0] if len(ncp.phases) == 1 else "")
    else:
        if is_riwg and not activity_type:
            activity_type = ActivityType.WORK_GROUP
        if not title:
            raise invalid("title", TITLE_REQUIRED, "required")
        if not activity_type:
            raise invalid("activity_type", TYPE_REQUIRED, "required")
        if activity_type not in ActivityType.values:
            raise invalid("activity_type", TYPE_UNKNOWN, "invalid")
        if phase and phase not in NCPPhase.values:
            raise invalid("phase", PHASE_UNKNOWN, "invalid")
        if is_riwg and activity_type != ActivityType.WORK_GROUP:
            raise invalid("activity_type", RIWG_IS_WORK_GROUP, "riwg")
        if is_riwg and not research_question:
            raise invalid("research_question", RESEARCH_QUESTION_REQUIRED, "required")
    if len(title) > 255:
        raise invalid("title", TITLE_TOO_LONG, "max_length")
    _check_grant_role(ncp, grant_role)
    with transaction.atomic():
        # Serialise the hub's planning so that two default titles never collide.
        Hub.objects.select_for_update().filter(pk=hub.pk).first()
        if not title and ncp is not None:
            title = _unique_title(hub, year, programme.default_activity_title(hub, ncp))
        return Activity.objects.create(
            hub=hub,
            academic_year=year,
            ncp=ncp,
            ncp_code=ncp.code if ncp else "",
            title=title,
            activity_type=activity_type,
            phase=phase,
            is_riwg=is_riwg,
            research_question=research_question if is_riwg or ncp is None else "",
            grant_role=grant_role,
            created_by=person_of(by),
        )


# --- Leads ------------------------------------------------------------------------------------


def lead_is_eligible(*, activity: Activity, person: Person) -> bool:
    """An LLME role in the activity's hub, ongoing or for the activity's year or later."""
    return (
        RoleAssignment.objects.filter(person=person, hub_id=activity.hub_id, role__in=LLME_ROLES)
        .filter(Q(academic_year__isnull=True) | Q(academic_year__gte=activity.academic_year))
        .exists()
    )


def activity_add_lead(*, activity: Activity, person: Person, by: Any) -> None:
    """Add an LLME as a lead of the activity (DOMAIN.md, "LLMEs": Work Group Leads,
    Cohort Leads, Community Leads and Mastery Specialists lead hub activity)."""
    name = person.full_name
    if not lead_is_eligible(activity=activity, person=person):
        message = LEAD_NOT_LLME.format(
            name=name, hub=activity.hub.name, year=academic_year_label(activity.academic_year)
        )
        raise invalid("person", message, "not_llme")
    with transaction.atomic():
        Activity.objects.select_for_update().filter(pk=activity.pk).first()
        if activity.leads.filter(pk=person.pk).exists():
            raise invalid("person", LEAD_ALREADY.format(name=name), "duplicate")
        taking_part = activity.participations.filter(person=person, status=EnrolmentStatus.ENROLLED)
        if taking_part.exists():
            raise invalid("person", LEAD_IS_PARTICIPANT.format(name=name), "participant")
        activity.leads.add(person)


def activity_remove_lead(*, activity: Activity, person: Person, by: Any) -> None:
    with transaction.atomic():
        if not activity.leads.filter(pk=person.pk).exists():
            raise invalid("person", LEAD_NOT_A_LEAD.format(name=person.full_name), "not_lead")
        activity.leads.remove(person)
