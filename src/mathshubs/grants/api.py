"""The grants API at /api/v1/ (ISSUE 4, item 3): an activity's grant and a hub's grants for
hub staff and the national team; what a project would pay an activity of a given size, for
anyone."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.activities.models import Activity
from mathshubs.bounds import PathId
from mathshubs.catalogue.selectors import access_ncp
from mathshubs.dates import academic_year_label
from mathshubs.directory.models import Hub
from mathshubs.directory.rules import programme_year_for
from mathshubs.directory.schemas import Message
from mathshubs.grants import selectors
from mathshubs.grants.rules import (
    FunderTotal,
    GrantBreakdown,
    GrantInputError,
    GrantLine,
    as_finances,
    format_amount,
)
from mathshubs.grants.schemas import ActivityGrantOut, HubGrantsOut, NCPGrantOut

router = Router(tags=["grants"])

MAX_SCHOOLS = 1000
MAX_PARTICIPANTS = 10000


def _line(line: GrantLine) -> dict[str, Any]:
    return {
        "label": line.label,
        "kind": line.kind,
        "funder": line.funder,
        "funder_label": line.funder_label,
        "amount": format_amount(line.amount),
        "working": line.working,
        "text": line.text,
    }


def _totals(totals: list[FunderTotal]) -> list[dict[str, str]]:
    return [
        {"funder": t.funder, "funder_label": t.funder_label, "amount": format_amount(t.amount)}
        for t in totals
    ]


def _grant(grant: GrantBreakdown) -> dict[str, Any]:
    return {
        "schools": grant.schools,
        "participants": grant.participants,
        "role": grant.role,
        "role_label": grant.role_label,
        "lines": [_line(line) for line in grant.lines],
        "per_hub_lines": [_line(line) for line in grant.per_hub_lines],
        "totals_by_funder": _totals(grant.totals_by_funder),
        "total": format_amount(grant.total),
        "notes": grant.notes,
        "warnings": grant.warnings,
    }


def _hub(hub: Hub) -> dict[str, Any]:
    return {"id": hub.pk, "slug": hub.slug, "name": hub.name}


def _activity(activity: Activity) -> dict[str, Any]:
    return {
        "id": activity.pk,
        "title": activity.title,
        "ncp_code": activity.ncp.code if activity.ncp else activity.ncp_code,
        "hub": _hub(activity.hub),
        "academic_year": academic_year_label(activity.academic_year),
    }


@router.get(
    "/activities/{activity_id}/grant",
    response={200: ActivityGrantOut, 401: Message, 404: Message},
    auth=personal_auth,
    url_name="activity_grant",
    summary="An activity's grant, itemised (hub staff and the national team)",
)
def activity_grant(request: HttpRequest, activity_id: PathId) -> dict[str, Any]:
    activity = selectors.access_activity_grant(user=request.user, activity_id=activity_id)
    return {"activity": _activity(activity), "grant": _grant(selectors.activity_grant(activity))}


@router.get(
    "/ncps/{code}/grant",
    response={200: NCPGrantOut, 404: Message, 422: Message},
    url_name="ncp_grant",
    summary="What an activity of a project would get, for planning",
)
def ncp_grant(
    request: HttpRequest,
    code: str,
    schools: int | None = Query(None, ge=0, le=MAX_SCHOOLS),
    role: str = "",
    participants: int | None = Query(None, ge=0, le=MAX_PARTICIPANTS),
) -> dict[str, Any]:
    """`code` like NCP19-11 (any case, with or without a space); `schools` defaults to the
    project's model size; `role` is needed where the grant depends on the hub's role."""
    ncp = access_ncp(user=request.user, code_text=code)
    try:
        grant = selectors.ncp_grant(
            ncp, schools=schools, role=role.strip(), participants=participants
        )
    except GrantInputError as error:
        raise HttpError(422, str(error)) from error
    roles = [{"key": r.key, "label": r.label} for r in as_finances(ncp.finances).roles]
    return {
        "ncp": {
            "code": ncp.code,
            "title": ncp.title,
            "model_size": ncp.model_size,
            "model_min_schools": ncp.model_min_schools,
            "model_max_schools": ncp.model_max_schools,
            "roles": roles,
        },
        "grant": _grant(grant),
    }


@router.get(
    "/hubs/{hub_ref}/grants",
    response={200: HubGrantsOut, 401: Message, 404: Message, 422: Message},
    auth=personal_auth,
    url_name="hub_grants",
    summary="A hub's grants for a year (hub staff and the national team)",
)
def hub_grants(request: HttpRequest, hub_ref: str, year: str = "") -> dict[str, Any]:
    """`hub_ref` is the hub's id or slug; `year` like 2023-24, by default the programme year."""
    hub = selectors.access_hub_grants(user=request.user, hub_ref=hub_ref)
    try:
        start = selectors.parse_year_slug(year) if year else programme_year_for(request.user)
    except GrantInputError as error:
        raise HttpError(422, str(error)) from error
    summary = selectors.hub_grant_summary(hub=hub, year=start)
    return {
        "hub": _hub(hub),
        "academic_year": summary.year_label,
        "activities": [
            {
                "id": row.activity.pk,
                "title": row.activity.title,
                "ncp_code": row.activity.ncp.code if row.activity.ncp else row.activity.ncp_code,
                "schools": row.schools,
                "total": format_amount(row.grant.total),
                "totals_by_funder": _totals(row.grant.totals_by_funder),
                "notes": row.grant.notes,
                "warnings": row.grant.warnings,
            }
            for row in summary.rows
        ],
        "per_hub": [
            {"ncp_code": grant.ncp.code, "line": _line(grant.line)} for grant in summary.per_hub
        ],
        "activities_total": format_amount(summary.activities_total),
        "per_hub_total": format_amount(summary.per_hub_total),
        "totals_by_funder": _totals(summary.totals_by_funder),
        "total": format_amount(summary.total),
    }
