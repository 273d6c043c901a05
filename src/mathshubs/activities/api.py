"""The activities API at /api/v1/ (ISSUE 4, "Hub activities"): the same rules as the pages.

An activity you may not see answers 404, exactly like a missing one. One you may see but
not change (a lead, a participant) answers 403 to a change. Data the rules refuse
answers 422 with the service's message, and `errors` by field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router
from ninja.errors import HttpError

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.activities import selectors, services
from mathshubs.activities.models import Activity, ActivitySchool, Participation
from mathshubs.activities.rules import can_manage_activity, can_plan_for_hub
from mathshubs.activities.schemas import (
    ActivityDetailOut,
    ActivityIn,
    ActivityPage,
    CompleteIn,
    EnrolmentOut,
    LeadIn,
    ParticipantsIn,
    ParticipantsOut,
    ParticipationOut,
    ProblemOut,
    WithdrawIn,
)
from mathshubs.api_problems import validation_problem
from mathshubs.bounds import Offset, PathId
from mathshubs.catalogue.selectors import access_ncp
from mathshubs.dates import academic_year_label, parse_year_text
from mathshubs.directory.schemas import Message
from mathshubs.directory.selectors import find_hub_by_ref

router = Router(tags=["activities"], auth=personal_auth)

HUB_NOT_FOUND = "There is no Maths Hub with that id or slug."
YEAR_NOT_VALID = "Enter the academic year like 2023/24 or 2023."
PLAN_HUB_FORBIDDEN = "Only staff of this Maths Hub or the national team can plan its activities."
ONE_OF_SCHOOL_OR_PERSON = "Send either a school to enrol or a person to add, not both or neither."
MAX_LIMIT = 200

ERRORS = {401: Message, 403: Message, 404: Message, 422: ProblemOut}


def _year(text: str) -> int | None:
    if not (text or "").strip():
        return None
    year = parse_year_text(text)
    if year is None:
        raise HttpError(422, YEAR_NOT_VALID)
    return year


def _hub_ref(hub: Any) -> dict[str, Any] | None:
    return {"id": hub.pk, "slug": hub.slug, "name": hub.name} if hub else None


def _activity(activity: Activity, *, counts: bool) -> dict[str, Any]:
    return {
        "id": activity.pk,
        "title": activity.title,
        "hub": _hub_ref(activity.hub),
        "academic_year": academic_year_label(activity.academic_year),
        "ncp_code": activity.ncp_code or None,
        "activity_type": activity.activity_type,
        "activity_type_label": activity.get_activity_type_display(),
        "phase": activity.phase,
        "is_riwg": activity.is_riwg,
        "school_count": getattr(activity, "school_count", None) if counts else None,
        "participant_count": getattr(activity, "participant_count", None) if counts else None,
    }


def _enrolment(row: selectors.SchoolRow, *, people: bool) -> dict[str, Any]:
    e: ActivitySchool = row.enrolment
    return {
        "urn": e.institution.urn,
        "name": e.institution.name,
        "status": e.status,
        "enrolled_on": e.enrolled_on,
        "withdrawn_on": e.withdrawn_on,
        "withdrawal_reason": row.withdrawal_reason,
        "completed_on": e.completed_on,
        "criteria_met": row.criteria_met,
        "served_by_other_hub": _hub_ref(row.served_by_other_hub),
        "lead_participants": row.lead_participants if people else None,
        "lead_participant_warning": row.lead_participant_warning if people else "",
    }


def _participation(p: Participation) -> dict[str, Any]:
    return {
        "person": {"id": p.person_id, "name": p.person.full_name, "email": p.person.email},
        "institution_urn": p.institution.urn if p.institution else None,
        "institution_name": p.institution.name if p.institution else None,
        "is_lead_participant": p.is_lead_participant,
        "status": p.status,
        "withdrawn_on": p.withdrawn_on,
        "withdrawal_reason": p.withdrawal_reason,
    }


def _detail(request: HttpRequest, activity: Activity) -> dict[str, Any]:
    detail = selectors.activity_detail(user=request.user, activity=activity)
    people = detail.sees_all_people
    return {
        **_activity(activity, counts=False),
        "school_count": detail.school_count if detail.may_manage else None,
        "participant_count": (
            sum(1 for p in detail.participants if p.status != "withdrawn")
            if detail.may_manage
            else None
        ),
        "ncp_title": activity.ncp.title if activity.ncp else None,
        "research_question": activity.research_question,
        "grant_role": activity.grant_role,
        "leads": [{"id": lead.pk, "name": lead.full_name} for lead in detail.leads],
        "schools": [_enrolment(row, people=people) for row in detail.schools],
        "model_size_warning": detail.model_size_warning,
        "enrolment_closes_on": detail.closes_on,
        "participants": [_participation(p) for p in detail.participants] if people else None,
    }


def _managed(request: HttpRequest, activity_id: PathId) -> Activity:
    return selectors.access_activity(user=request.user, activity_id=activity_id, manage=True)


def _on(day: dt.date | None) -> dt.date:
    return day or timezone.localdate()


@router.get("/activities", response={200: ActivityPage, **ERRORS}, summary="Activities you see")
def activity_list(
    request: HttpRequest,
    year: str = "",
    hub: str = "",
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: Offset = 0,
) -> dict[str, Any]:
    """The activities you may see (all years unless `year`, like 2023/24), narrowed by hub
    (id or slug). Counts of schools and participants for those you manage."""
    hub_obj = find_hub_by_ref(hub) if hub else None
    if hub and hub_obj is None:
        raise Http404(HUB_NOT_FOUND)
    qs = selectors.activities_for(user=request.user, year=_year(year), hub=hub_obj)
    items = [
        _activity(a, counts=bool(can_manage_activity(request.user, a)))
        for a in qs[offset : offset + limit]
    ]
    return {"total": qs.count(), "limit": limit, "offset": offset, "items": items}


@router.post(
    "/activities",
    response={201: ActivityDetailOut, **ERRORS},
    summary="Run a catalogue project, or create a local activity",
)
def activity_create(request: HttpRequest, payload: ActivityIn) -> Any:
    """With `ncp`, runs that project in the hub (its year unless `year` says otherwise);
    without, creates a local activity (`title` and `activity_type` needed; an RIWG needs
    `research_question`)."""
    hub = find_hub_by_ref(payload.hub)
    if hub is None:
        raise Http404(HUB_NOT_FOUND)
    if not can_plan_for_hub(request.user, hub):
        raise PermissionDenied(PLAN_HUB_FORBIDDEN)
    ncp = access_ncp(user=request.user, code_text=payload.ncp) if payload.ncp.strip() else None
    year = _year(payload.year) or (ncp.year.start_year if ncp else None)
    if year is None:
        return 422, {"message": YEAR_NOT_VALID, "errors": {"year": [YEAR_NOT_VALID]}}
    try:
        activity = services.activity_create(
            hub=hub,
            year=year,
            by=request.user,
            ncp=ncp,
            title=payload.title,
            activity_type=payload.activity_type or None,
            phase=payload.phase,
            is_riwg=payload.is_riwg,
            research_question=payload.research_question,
            grant_role=payload.grant_role,
        )
    except ValidationError as exc:
        return validation_problem(exc)
    activity = selectors.access_activity(user=request.user, activity_id=activity.pk)
    return 201, _detail(request, activity)


@router.get(
    "/activities/{activity_id}",
    response={200: ActivityDetailOut, **ERRORS},
    summary="One activity: leads, schools, the model-size warning; people if you may",
)
def activity_detail(request: HttpRequest, activity_id: PathId) -> dict[str, Any]:
    activity = selectors.access_activity(user=request.user, activity_id=activity_id)
    return _detail(request, activity)


@router.get(
    "/activities/{activity_id}/participants",
    response={200: ParticipantsOut, **ERRORS},
    summary="The schools and people of an activity, as far as you may see them",
)
def activity_participants(request: HttpRequest, activity_id: PathId) -> dict[str, Any]:
    activity = selectors.access_activity(user=request.user, activity_id=activity_id)
    detail = selectors.activity_detail(user=request.user, activity=activity)
    people = detail.sees_all_people
    return {
        "activity_id": activity.pk,
        "schools": [_enrolment(row, people=people) for row in detail.schools],
        "people": [_participation(p) for p in detail.participants],
    }


@router.post(
    "/activities/{activity_id}/participants",
    response={201: EnrolmentOut | ParticipationOut, **ERRORS},
    summary="Enrol a school (by URN, with the criteria it meets) or add a person (by email)",
)
def activity_participant_add(
    request: HttpRequest, activity_id: PathId, payload: ParticipantsIn
) -> Any:
    activity = _managed(request, activity_id)
    if (payload.school is None) == (payload.person is None):
        return 422, {"message": ONE_OF_SCHOOL_OR_PERSON, "errors": {}}
    try:
        if payload.school is not None:
            school = selectors.institution_by_ref(str(payload.school.urn))
            services.school_enrol(
                activity=activity,
                institution=school,
                by=request.user,
                on=payload.school.enrolled_on,
                criteria_met=payload.school.criteria_met,
            )
            row = _row_of(request, activity, school.urn)
            return 201, _enrolment(row, people=True)
        assert payload.person is not None
        person = selectors.person_by_email(payload.person.email)
        school = selectors.institution_by_ref(str(payload.person.urn))
        participation = services.participant_add(
            activity=activity,
            person=person,
            institution=school,
            is_lead_participant=payload.person.is_lead_participant,
            by=request.user,
        )
    except ValidationError as exc:
        return validation_problem(exc)
    participation.person, participation.institution = person, school
    return 201, _participation(participation)


def _row_of(request: HttpRequest, activity: Activity, urn: PathId) -> selectors.SchoolRow:
    detail = selectors.activity_detail(user=request.user, activity=activity)
    return next(row for row in detail.schools if row.enrolment.institution.urn == urn)


@router.post(
    "/activities/{activity_id}/schools/{urn}/withdraw",
    response={200: EnrolmentOut, **ERRORS},
    summary="Withdraw a school (kept, with the date and reason; its participants too)",
)
def activity_school_withdraw(
    request: HttpRequest, activity_id: PathId, urn: PathId, payload: WithdrawIn
) -> Any:
    activity = _managed(request, activity_id)
    enrolment = selectors.enrolment_in(activity=activity, urn=urn)
    try:
        services.school_withdraw(
            enrolment=enrolment, on=_on(payload.on), reason=payload.reason, by=request.user
        )
    except ValidationError as exc:
        return validation_problem(exc)
    return 200, _enrolment(_row_of(request, activity, urn), people=True)


@router.post(
    "/activities/{activity_id}/schools/{urn}/complete",
    response={200: EnrolmentOut, **ERRORS},
    summary="Record that a school completed the activity",
)
def activity_school_complete(
    request: HttpRequest, activity_id: PathId, urn: PathId, payload: CompleteIn
) -> Any:
    activity = _managed(request, activity_id)
    enrolment = selectors.enrolment_in(activity=activity, urn=urn)
    try:
        services.school_complete(enrolment=enrolment, on=_on(payload.on), by=request.user)
    except ValidationError as exc:
        return validation_problem(exc)
    return 200, _enrolment(_row_of(request, activity, urn), people=True)


@router.post(
    "/activities/{activity_id}/complete",
    response={200: ActivityDetailOut, **ERRORS},
    summary="Complete every enrolled school of the activity",
)
def activity_complete(request: HttpRequest, activity_id: PathId, payload: CompleteIn) -> Any:
    activity = _managed(request, activity_id)
    try:
        services.activity_complete(activity=activity, on=_on(payload.on), by=request.user)
    except ValidationError as exc:
        return validation_problem(exc)
    return 200, _detail(request, activity)


@router.post(
    "/activities/{activity_id}/participants/{person_id}/withdraw",
    response={200: ParticipationOut, **ERRORS},
    summary="Withdraw a person (kept, with the date and reason)",
)
def activity_participant_withdraw(
    request: HttpRequest, activity_id: PathId, person_id: PathId, payload: WithdrawIn
) -> Any:
    activity = _managed(request, activity_id)
    participation = selectors.participation_in(activity=activity, person_id=person_id)
    try:
        row = services.participant_withdraw(
            participation=participation, on=_on(payload.on), reason=payload.reason, by=request.user
        )
    except ValidationError as exc:
        return validation_problem(exc)
    row.institution = participation.institution
    return 200, _participation(row)


@router.post(
    "/activities/{activity_id}/leads",
    response={200: ActivityDetailOut, **ERRORS},
    summary="Add a lead (an LLME of the hub), by email",
)
def activity_lead_add(request: HttpRequest, activity_id: PathId, payload: LeadIn) -> Any:
    activity = _managed(request, activity_id)
    try:
        person = selectors.person_by_email(payload.email)
        services.activity_add_lead(activity=activity, person=person, by=request.user)
    except ValidationError as exc:
        return validation_problem(exc)
    return 200, _detail(request, activity)


@router.delete(
    "/activities/{activity_id}/leads/{person_id}",
    response={200: ActivityDetailOut, **ERRORS},
    summary="Remove a lead",
)
def activity_lead_remove(request: HttpRequest, activity_id: PathId, person_id: PathId) -> Any:
    activity = _managed(request, activity_id)
    person = selectors.lead_of(activity=activity, person_id=person_id)
    services.activity_remove_lead(activity=activity, person=person, by=request.user)
    return 200, _detail(request, activity)
