"""The journey and LLME register API at /api/v1/ (ISSUE 4, parts 5 and 6): the same rules as the
pages. A school, hub or register you may not see answers 404, exactly like a missing one;
the national LLME summary answers 403 to people who are neither hub staff nor national."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.activities import journey, register
from mathshubs.activities.journey_forms import parse_year
from mathshubs.bounds import Offset
from mathshubs.dates import academic_year_label
from mathshubs.directory.rules import programme_year_for
from mathshubs.directory.schemas import Message

router = Router(tags=["journey and LLMEs"], auth=personal_auth)

MAX_LIMIT = 200
ACTIVE_NOT_VALID = "Send active=yes, active=no or leave it out."
ERRORS = {401: Message, 403: Message, 404: Message, 422: Message}


class StageOut(Schema):
    stage: str
    label: str
    year: str = Field(description="The year of the enrolment it comes from, like 2023/24")
    status: str


class NextStepOut(Schema):
    stage: str = Field(description="The recommended next step (a journey stage key)")
    label: str
    joins: str
    also: list[str] = Field(description="Other steps the school is ready for")
    reasons: list[str]


class RowOut(Schema):
    year: str
    stage: str
    stage_label: str
    status: str
    activity_id: int
    activity_title: str
    ncp_code: str
    hub_slug: str
    hub_name: str


class InstitutionJourneyOut(Schema):
    urn: int
    name: str
    phase: str
    year: str = Field(description="The year the stage is for; the next step is for the year after")
    current_stage: StageOut | None
    mastering_number: StageOut | None
    next_step: NextStepOut | None
    history: list[RowOut]


class HubRef(Schema):
    id: int
    slug: str
    name: str


class StageCountOut(Schema):
    stage: str
    label: str
    in_progress: int
    completed: int
    withdrawn: int
    ready: int = Field(description="Schools whose next steps after the year include this stage")


class ReadySchoolOut(Schema):
    urn: int
    name: str
    phase: str
    current_stage: StageOut | None
    last_activity_title: str | None
    last_activity_year: str | None


class HubJourneyOut(Schema):
    hub: HubRef
    year: str
    next_year: str
    counts: list[StageCountOut]
    next: str | None
    total: int
    limit: int
    offset: int
    schools: list[ReadySchoolOut]


class ProgrammeOut(Schema):
    id: int
    programme: str
    programme_label: str
    phase: str
    cohort: str
    started_year: str
    completed_on: str | None
    accredited_on: str | None


class LlmeOut(Schema):
    id: int
    name: str
    roles: list[str]
    active: bool
    activities_led: int
    expertise: list[str] | None = Field(description="Null unless you manage the register")
    programmes: list[ProgrammeOut] | None = Field(description="Null unless you manage the register")


class HubLlmesOut(Schema):
    hub: HubRef
    year: str
    members: int
    active: int
    target: int
    starting: int
    llmes: list[LlmeOut]


class HubCountsOut(Schema):
    hub: HubRef
    members: int
    active: int
    target: int
    starting: int


class LlmeSummaryOut(Schema):
    year: str
    active: int
    target: int
    starting: int
    hub_target: int
    hubs_at_target: int
    hubs: list[HubCountsOut]


def _year(request: HttpRequest, text: str) -> int:
    try:
        year = parse_year(text)
    except ValueError as exc:
        raise HttpError(422, str(exc)) from exc
    return programme_year_for(request.user) if year is None else year


def _stage(found: journey.CurrentStage | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "stage": found.stage,
        "label": found.label,
        "year": found.year_label,
        "status": found.status,
    }


def _hub(hub: Any) -> dict[str, Any]:
    return {"id": hub.pk, "slug": hub.slug, "name": hub.name}


@router.get(
    "/institutions/{urn}/journey",
    response={200: InstitutionJourneyOut, **ERRORS},
    url_name="institution_journey",
    summary="A school's Teaching for Mastery journey and recommended next step",
)
def institution_journey(request: HttpRequest, urn: str, year: str = "") -> dict[str, Any]:
    """`year` like 2023-24 (default: the programme year): the stage in that year and the
    next step for the year after."""
    if not urn.isdigit() or len(urn) > 9:
        raise Http404(journey.INSTITUTION_NOT_FOUND)
    institution = journey.access_institution(user=request.user, urn=int(urn))
    found = journey.institution_journey(institution=institution, year=_year(request, year))
    step = found.next_step
    return {
        "urn": institution.urn,
        "name": institution.name,
        "phase": institution.phase,
        "year": found.year_label,
        "current_stage": _stage(found.current),
        "mastering_number": _stage(found.stages.get("mastering_number")),
        "next_step": None
        if step is None
        else {
            "stage": step.stage,
            "label": step.label,
            "joins": step.joins,
            "also": list(step.also),
            "reasons": list(step.reasons),
        },
        "history": [
            {
                "year": row.year_label,
                "stage": row.stage,
                "stage_label": row.stage_label,
                "status": row.status,
                "activity_id": row.activity_id,
                "activity_title": row.activity_title,
                "ncp_code": row.ncp_code,
                "hub_slug": row.hub_slug,
                "hub_name": row.hub_name,
            }
            for row in found.history
        ],
    }


@router.get(
    "/hubs/{hub}/journey",
    response={200: HubJourneyOut, **ERRORS},
    url_name="hub_journey",
    summary="A hub's schools by stage, and the schools ready for a next step",
)
def hub_journey(
    request: HttpRequest,
    hub: str,
    next: str = "",  # noqa: A002 - the query parameter the issue names
    year: str = "",
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: Offset = 0,
) -> dict[str, Any]:
    """`hub`: id or slug. `next`: a stage key (mastery_readiness, development, embedding,
    sustaining, secondary_development, embedding_year_support,
    secondary_embedding_sustaining, mastering_number, embedding_the_impact); without it
    only the counts are given. `year` like 2023-24: the year the schools' stages are in."""
    found = journey.access_hub(user=request.user, ref=hub)
    the_year = _year(request, year)
    step = ""
    if next.strip():
        try:
            step = journey.parse_step(next)
        except ValueError as exc:
            raise HttpError(422, str(exc)) from exc
    total, schools = 0, []
    if step:
        queryset = journey.institutions_ready_for(hub=found, next_step=step, year=the_year)
        total = queryset.count()
        page = list(queryset[offset : offset + limit])
        for row in journey.ready_rows(page, year=the_year):
            last = row.last_activity
            schools.append(
                {
                    "urn": row.institution.urn,
                    "name": row.institution.name,
                    "phase": row.institution.phase,
                    "current_stage": _stage(row.current),
                    "last_activity_title": last.activity.title if last else None,
                    "last_activity_year": row.last_activity_year or None,
                }
            )
    counts = journey.hub_stage_counts(hub=found, year=the_year)
    return {
        "hub": _hub(found),
        "year": academic_year_label(the_year),
        "next_year": academic_year_label(the_year + 1),
        "counts": [
            {
                "stage": c.stage,
                "label": c.label,
                "in_progress": c.in_progress,
                "completed": c.completed,
                "withdrawn": c.withdrawn,
                "ready": c.ready,
            }
            for c in counts
        ],
        "next": step or None,
        "total": total,
        "limit": limit,
        "offset": offset,
        "schools": schools,
    }


def _programme(p: Any) -> dict[str, Any]:
    return {
        "id": p.pk,
        "programme": p.programme,
        "programme_label": p.get_programme_display(),
        "phase": p.phase,
        "cohort": p.cohort,
        "started_year": academic_year_label(p.started_year),
        "completed_on": p.completed_on.isoformat() if p.completed_on else None,
        "accredited_on": p.accredited_on.isoformat() if p.accredited_on else None,
    }


@router.get(
    "/hubs/{hub}/llmes",
    response={200: HubLlmesOut, **ERRORS},
    url_name="hub_llmes",
    summary="A hub's LLME community in a year",
)
def hub_llmes(request: HttpRequest, hub: str, year: str = "", active: str = "") -> dict[str, Any]:
    """`hub`: id or slug; `year` like 2023-24; `active`: yes or no to filter. The hub's LLMEs
    see names, roles and who is active; its staff and the national team see everything."""
    found = register.access_register(user=request.user, ref=hub)
    the_year = _year(request, year)
    flags = {"": None, "yes": True, "no": False}
    if active.strip().lower() not in flags:
        raise HttpError(422, ACTIVE_NOT_VALID)
    full = register.can_manage_register(request.user, found)
    people = register.community(hub=found, year=the_year, active=flags[active.strip().lower()])
    rows = [register.RegisterRow(p) for p in people]
    counts = register.hub_counts(hub=found, year=the_year)
    return {
        "hub": _hub(found),
        "year": academic_year_label(the_year),
        "members": counts.members,
        "active": counts.active,
        "target": counts.target,
        "starting": counts.starting,
        "llmes": [
            {
                "id": row.person.pk,
                "name": row.person.full_name,
                "roles": row.roles,
                "active": row.is_active,
                "activities_led": getattr(row.person, "activities_led", 0),
                "expertise": row.expertise_keys if full else None,
                "programmes": [_programme(p) for p in row.programmes] if full else None,
            }
            for row in rows
        ],
    }


@router.get(
    "/llmes/summary",
    response={200: LlmeSummaryOut, **ERRORS},
    url_name="llme_summary",
    summary="Active LLMEs nationally and by hub, against the targets",
)
def llme_summary(request: HttpRequest, year: str = "") -> dict[str, Any]:
    if not register.can_view_national_llmes(request.user):
        raise PermissionDenied(register.NATIONAL_FORBIDDEN)
    counts = register.national_counts(year=_year(request, year))
    return {
        "year": counts.year_label,
        "active": counts.active,
        "target": counts.target,
        "starting": counts.starting,
        "hub_target": counts.hub_target,
        "hubs_at_target": counts.hubs_at_target,
        "hubs": [
            {
                "hub": _hub(h.hub),
                "members": h.members,
                "active": h.active,
                "target": h.target,
                "starting": h.starting,
            }
            for h in counts.hubs
        ],
    }
