"""Events API: organising endpoints (ISSUE 5, part 10): create an activity's event or a
national event, change or cancel an event, invite people by email.

Times with an offset are taken as sent; without one, as London time. Permissions as on
the pages: an event you may not see answers 404, one you see but do not
organise 403; a refused change answers 422 with the reason and, per field, what is wrong.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.activities.selectors import access_activity
from mathshubs.api_problems import Problem
from mathshubs.bounds import Id, PathId
from mathshubs.catalogue.selectors import find_ncp
from mathshubs.dates import LONDON
from mathshubs.events import api as participant_api
from mathshubs.events.models import Event, EventKind
from mathshubs.events.selectors import access_organised_event
from mathshubs.events.services import invitations, organising
from mathshubs.events.services.invitations import UnknownEmails

router = Router(tags=["events"], auth=personal_auth)

NCP_UNKNOWN = "There is no project with the code {code}: send a code like NCP23-08"


class OrganisingProblem(Problem):
    unknown_emails: list[str] = []


ERRORS = dict.fromkeys([401, 403, 404, 422], OrganisingProblem)


class EventIn(Schema):
    title: str
    description: str = ""
    starts_at: dt.datetime
    ends_at: dt.datetime
    format: str
    venue: str = ""
    address: str = ""
    meeting_url: str = ""
    capacity: int | None = None
    contact_name: str = ""
    contact_email: str = ""
    minimum_minutes: int = 0
    organiser_ids: list[Id] = []


class NationalEventIn(EventIn):
    kind: str
    ncp_code: str | None = None


class EventPatch(Schema):
    title: str | None = None
    description: str | None = None
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    format: str | None = None
    venue: str | None = None
    address: str | None = None
    meeting_url: str | None = None
    capacity: int | None = None
    contact_name: str | None = None
    contact_email: str | None = None
    minimum_minutes: int | None = None
    organiser_ids: list[Id] | None = None


class CancelIn(Schema):
    reason: str


class InviteIn(Schema):
    emails: list[str]


class OrganisedEventOut(participant_api.EventBase):
    address: str
    meeting_url: str
    contact_name: str
    contact_email: str
    minimum_minutes: int
    organiser_ids: list[Id]


class UpdatedOut(OrganisedEventOut):
    changes: list[str]


class InvitedOut(Schema):
    added: int
    already_invited: int
    message: str


def _event(event: Event) -> dict[str, Any]:
    return {
        **participant_api.event_fields(event),
        "address": event.address,
        "meeting_url": event.meeting_url,
        "contact_name": event.contact_name,
        "contact_email": event.contact_email,
        "minimum_minutes": event.minimum_minutes,
        "organiser_ids": sorted(event.organisers.values_list("pk", flat=True)),
    }


def _times(values: dict[str, Any]) -> dict[str, Any]:
    """A time sent without an offset is London time, as people in the programme read it."""
    for name in ("starts_at", "ends_at"):
        moment = values.get(name)
        if isinstance(moment, dt.datetime) and moment.tzinfo is None:
            values[name] = moment.replace(tzinfo=LONDON)
    return values


def _refused(error: ValidationError) -> tuple[int, dict[str, Any]]:
    errors = (
        {key: ValidationError(items).messages for key, items in error.error_dict.items()}
        if hasattr(error, "error_dict")
        else {}
    )
    body: dict[str, Any] = {"message": " ".join(error.messages), "errors": errors}
    if isinstance(error, UnknownEmails):
        body["unknown_emails"] = error.emails
    return 422, body


@router.post(
    "/activities/{activity_id}/events",
    response={201: OrganisedEventOut, **ERRORS},
    url_name="event_create",
)
def event_create(request: HttpRequest, activity_id: PathId, payload: EventIn) -> Any:
    """Add a session to an activity (its leads, its hub's staff, the national team). The
    people who take part in or lead the activity are invited by email."""
    activity = access_activity(user=request.user, activity_id=activity_id)
    try:
        event = organising.event_create(
            by=request.user, activity=activity, kind=EventKind.SESSION, **_times(payload.dict())
        )
    except ValidationError as error:
        return _refused(error)
    return 201, _event(event)


# POST /events and PATCH /events/{id} share their paths with the participant API's GET
# endpoints. Django stops at the first URL pattern that matches a path, so a second router
# holding the same path would answer 405 to these methods: they join the participant
# router's paths instead (same auth, same /api/v1/ prefix).
@participant_api.router.post(
    "/events", response={201: OrganisedEventOut, **ERRORS}, url_name="event_create_national"
)
def event_create_national(request: HttpRequest, payload: NationalEventIn) -> Any:
    """Create a national event (the national team): a national workshop of a project
    (`ncp_code`), a webinar, a residential or a network event."""
    values = _times(payload.dict())
    code = values.pop("ncp_code", None)
    ncp = None
    if code:
        ncp = find_ncp(code)
        if ncp is None:
            message = NCP_UNKNOWN.format(code=code[:30])
            return 422, {"message": message, "errors": {"ncp_code": [message]}}
    try:
        event = organising.event_create(by=request.user, ncp=ncp, **values)
    except ValidationError as error:
        return _refused(error)
    return 201, _event(event)


@participant_api.router.patch(
    "/events/{event_id}", response={200: UpdatedOut, **ERRORS}, url_name="event_update"
)
def event_update(request: HttpRequest, event_id: PathId, payload: EventPatch) -> Any:
    """Change an event (its organisers): send only the fields to change. `changes` says
    what changed, in words; people who confirmed are told of a new time, place, format or
    meeting link."""
    event = access_organised_event(user=request.user, event_id=event_id, action="change this event")
    try:
        changes = organising.event_update(
            event=event, by=request.user, **_times(payload.dict(exclude_unset=True))
        )
    except ValidationError as error:
        return _refused(error)
    return 200, {**_event(event), "changes": changes}


@router.post(
    "/events/{event_id}/cancel-event",
    response={200: OrganisedEventOut, **ERRORS},
    url_name="event_cancel_event",
)
def event_cancel_event(request: HttpRequest, event_id: PathId, payload: CancelIn) -> Any:
    """Cancel an event that has not started (its organisers), with the reason."""
    event = access_organised_event(user=request.user, event_id=event_id, action="change this event")
    try:
        organising.event_cancel(event=event, by=request.user, reason=payload.reason)
    except ValidationError as error:
        return _refused(error)
    return 200, _event(event)


@router.post(
    "/events/{event_id}/invitations",
    response={200: InvitedOut, **ERRORS},
    url_name="event_invite",
)
def event_invite(request: HttpRequest, event_id: PathId, payload: InviteIn) -> Any:
    """Invite people by their main contact emails. If any is unknown, no one is invited and
    `unknown_emails` lists them."""
    event = access_organised_event(user=request.user, event_id=event_id, action="change this event")
    try:
        invited = invitations.invitations_add(event=event, by=request.user, emails=payload.emails)
    except ValidationError as error:
        return _refused(error)
    return 200, {
        "added": invited.added,
        "already_invited": invited.already,
        "message": invited.message,
    }
