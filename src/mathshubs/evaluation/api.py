"""The HAPPI form API at /api/v1/ (ISSUE 10, part 6): read a form, create it, save a
section's draft, submit it, return or accept it, its versions and what changed between
two. The same rules as the pages: the activity's leads write, its hub's staff review,
the national team and the NCP's Project Leads read; anyone else gets 404."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.api_problems import Problem, validation_problem
from mathshubs.bounds import MAX_INT, PathId
from mathshubs.dates import parse_year_text
from mathshubs.directory.models import Hub
from mathshubs.directory.rules import programme_year_for
from mathshubs.evaluation import content as shapes
from mathshubs.evaluation import selectors, services
from mathshubs.evaluation.lists import LIST_FORBIDDEN
from mathshubs.evaluation.models import SECTION_ORDER, HappiVersion, SectionStatus
from mathshubs.evaluation.rules import can_list_happi

router = Router(tags=["evaluation"], auth=personal_auth)
Kind = Literal["plan", "progress", "impact"]


ERRORS = {401: Problem, 403: Problem, 404: Problem, 422: Problem}


class HappiVersionOut(Schema):
    number: int
    submitted_at: dt.datetime
    submitted_by: str | None
    review: str = Field(description="returned, accepted, or empty while waiting")
    review_comment: str
    reviewed_at: dt.datetime | None


class VersionDetailOut(HappiVersionOut):
    content: dict[str, Any]


class HappiSectionOut(Schema):
    kind: Kind
    status: str
    status_label: str
    draft: dict[str, Any] | None = Field(description="The leads' working copy: leads only")
    review_comment: str
    versions: list[HappiVersionOut]


class HappiOut(Schema):
    activity_id: int
    activity_title: str
    created: bool
    may_write: bool
    may_review: bool
    national_outcomes: list[dict[str, str]]
    sections: list[HappiSectionOut]


class DraftIn(Schema):
    content: dict[str, Any] = Field(
        description="The section's content in the shape docs/evaluation.md describes"
    )


class ReviewIn(Schema):
    comment: str = ""


class CompareOut(Schema):
    older: int
    newer: int
    changes: list[str]


class FormRowOut(Schema):
    activity_id: int
    activity_title: str
    hub: str
    ncp_code: str
    plan_status: str
    progress_status: str
    impact_status: str


def _version(version: HappiVersion, *, content: bool = False) -> dict[str, Any]:
    row = {
        "number": version.number,
        "submitted_at": version.submitted_at,
        "submitted_by": version.submitted_by.full_name if version.submitted_by else None,
        "review": version.review,
        "review_comment": version.review_comment,
        "reviewed_at": version.reviewed_at,
    }
    return {**row, "content": version.content} if content else row


def _happi(request: HttpRequest, activity_id: int) -> dict[str, Any]:
    from mathshubs.evaluation.forms import national_outcomes

    activity = selectors.access_happi_activity(user=request.user, activity_id=activity_id)
    page = selectors.happi_page(user=request.user, activity=activity)
    return {
        "activity_id": activity.pk,
        "activity_title": activity.title,
        "created": page.form is not None,
        "may_write": page.may_write,
        "may_review": page.may_review,
        "national_outcomes": [
            {"key": o.key, "category": o.category, "text": o.national}
            for o in national_outcomes(activity.ncp)
        ],
        "sections": [
            {
                "kind": view.section.kind,
                "status": view.section.status,
                "status_label": view.section.get_status_display(),
                "draft": view.section.draft if page.may_write else None,
                "review_comment": view.section.review_comment,
                "versions": [_version(v) for v in view.versions],
            }
            for view in page.sections
        ],
    }


def _section(request: HttpRequest, activity_id: int, kind: str) -> Any:
    activity = selectors.access_happi_activity(user=request.user, activity_id=activity_id)
    return selectors.section_of(form=selectors.form_of(activity), kind=kind)


@router.get("/activities/{activity_id}/happi", response={200: HappiOut, **ERRORS}, url_name="happi")
def happi_detail(request: HttpRequest, activity_id: PathId) -> Any:
    """The activity's Plan, Progress, and Impact form: each section's status, the leads'
    draft (for the leads), the submitted versions and their reviews."""
    return _happi(request, activity_id)


@router.post(
    "/activities/{activity_id}/happi",
    response={201: HappiOut, **ERRORS},
    url_name="happi_create",
)
def happi_create(request: HttpRequest, activity_id: PathId) -> Any:
    """Create the form (the activity's leads); a second call finds it already there."""
    activity = selectors.access_happi_activity(user=request.user, activity_id=activity_id)
    services.happi_create(activity=activity, by=request.user)
    return 201, _happi(request, activity_id)


@router.put(
    "/activities/{activity_id}/happi/{kind}",
    response={200: HappiSectionOut, **ERRORS},
    url_name="happi_section_save",
)
def happi_section_save(
    request: HttpRequest, activity_id: PathId, kind: Kind, payload: DraftIn
) -> Any:
    """Save the section's draft, complete or not (the leads)."""
    section = _section(request, activity_id, kind)
    try:
        services.section_save(section=section, raw=payload.content, by=request.user)
    except ValidationError as exc:
        return validation_problem(exc)
    return next(s for s in _happi(request, activity_id)["sections"] if s["kind"] == kind)


@router.post(
    "/activities/{activity_id}/happi/{kind}/submit",
    response={200: VersionDetailOut, **ERRORS},
    url_name="happi_section_submit",
)
def happi_section_submit(request: HttpRequest, activity_id: PathId, kind: Kind) -> Any:
    """Submit the draft as a new version for the hub's review; 422 names what is missing."""
    section = _section(request, activity_id, kind)
    try:
        version = services.section_submit(section=section, by=request.user)
    except ValidationError as exc:
        return validation_problem(exc)
    return _version(version, content=True)


def _review(request: HttpRequest, activity_id: int, kind: str, service: Any, comment: str) -> Any:
    section = _section(request, activity_id, kind)
    try:
        service(section=section, by=request.user, comment=comment)
    except ValidationError as exc:
        return validation_problem(exc)
    return next(s for s in _happi(request, activity_id)["sections"] if s["kind"] == kind)


@router.post(
    "/activities/{activity_id}/happi/{kind}/return",
    response={200: HappiSectionOut, **ERRORS},
    url_name="happi_section_return",
)
def happi_section_return(
    request: HttpRequest, activity_id: PathId, kind: Kind, payload: ReviewIn
) -> Any:
    """Return a submitted section with what needs changing (the hub's staff)."""
    return _review(request, activity_id, kind, services.section_return, payload.comment)


@router.post(
    "/activities/{activity_id}/happi/{kind}/accept",
    response={200: HappiSectionOut, **ERRORS},
    url_name="happi_section_accept",
)
def happi_section_accept(
    request: HttpRequest, activity_id: PathId, kind: Kind, payload: ReviewIn
) -> Any:
    """Accept a submitted section (the hub's staff)."""
    return _review(request, activity_id, kind, services.section_accept, payload.comment)


@router.get(
    "/activities/{activity_id}/happi/{kind}/versions/{number}",
    response={200: VersionDetailOut, **ERRORS},
    url_name="happi_version",
)
def happi_version(request: HttpRequest, activity_id: PathId, kind: Kind, number: PathId) -> Any:
    """One submitted version as it was submitted."""
    section = _section(request, activity_id, kind)
    return _version(selectors.version_of(section=section, number=number), content=True)


@router.get(
    "/activities/{activity_id}/happi/{kind}/compare",
    response={200: CompareOut, **ERRORS},
    url_name="happi_compare",
)
def happi_compare(
    request: HttpRequest,
    activity_id: PathId,
    kind: Kind,
    older: int = Query(..., alias="from", ge=1, le=MAX_INT),
    newer: int = Query(..., alias="to", ge=1, le=MAX_INT),
) -> Any:
    """What changed from one submitted version to another, a sentence a change."""
    section = _section(request, activity_id, kind)
    a = selectors.version_of(section=section, number=min(older, newer))
    b = selectors.version_of(section=section, number=max(older, newer))
    plan = section.draft if kind == "plan" else section.form.sections.get(kind="plan").draft
    return {
        "older": a.number,
        "newer": b.number,
        "changes": shapes.compare(kind, a.content, b.content, plan),
    }


@router.get("/happi", response={200: list[FormRowOut], **ERRORS}, url_name="happi_list")
def happi_list(
    request: HttpRequest,
    year: str = "",
    hub: str = "",
    ncp: str = "",
    status: Literal["", "not_started", "in_progress", "submitted", "returned", "accepted"] = "",
) -> Any:
    """The forms of a year you may list (your hub's for hub staff, every hub's for the
    national team), with each section's status; an activity with no form is not started."""
    if not can_list_happi(request.user):
        raise PermissionDenied(LIST_FORBIDDEN)
    chosen = parse_year_text(year) if year else programme_year_for(request.user)
    if chosen is None:
        return 422, {"message": "Give the year as 2023/24 or 2023"}
    hub_id = None
    if hub:
        found = Hub.objects.filter(slug=hub).first()
        if found is None:
            raise Http404("There is no Maths Hub with that slug")
        hub_id = found.pk
    rows = selectors.happi_list(
        user=request.user, year=chosen, hub_id=hub_id, ncp_code=ncp, status=status
    )
    return [
        {
            "activity_id": a.pk,
            "activity_title": a.title,
            "hub": a.hub.slug,
            "ncp_code": a.ncp_code,
            **{
                f"{kind}_status": getattr(a, f"{kind}_status") or SectionStatus.NOT_STARTED
                for kind in SECTION_ORDER
            },
        }
        for a in rows
    ]
