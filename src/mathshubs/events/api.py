"""The events API at /api/v1/ (ISSUE 5, part 10): the Events menu's tabs, an event with its
confirmation deadline, and confirming or cancelling a place. An event you are not invited
to answers 404, like a missing one; a refused reply answers 422 with the reason."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema

from mathshubs.accounts.api_auth import personal_auth
from mathshubs.bounds import PathId
from mathshubs.directory.rules import person_of
from mathshubs.directory.schemas import Message
from mathshubs.events import selectors, services
from mathshubs.events.models import Event, Registration, RegistrationStatus
from mathshubs.events.rules import confirmation_deadline, confirmation_open
from mathshubs.events.services import waiting

router = Router(tags=["events"], auth=personal_auth)
ERRORS = {401: Message, 404: Message, 422: Message}


class EventBase(Schema):
    """What every event answer says (`event_fields`); the participant's and the
    organiser's answers add their own."""

    id: int
    title: str
    kind: str
    format: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue: str
    capacity: int | None
    cancelled: bool
    cancellation_reason: str = ""
    activity_id: int | None
    ncp_code: str | None
    hub: str | None


class EventOut(EventBase):
    confirm_by: dt.datetime
    can_still_reply: bool
    confirmed: bool


class RequirementsIn(Schema):
    dietary: str = ""
    access: str = ""
    other: str = ""


class RequirementsOut(RequirementsIn):
    event_id: int


class RegistrationOut(Schema):
    event_id: int
    status: str
    confirmed_at: dt.datetime | None
    cancelled_at: dt.datetime | None
    waiting_since: dt.datetime | None = None
    offered_at: dt.datetime | None = None


def event_fields(event: Event) -> dict[str, Any]:
    """The fields of `EventBase` (activity, NCP and hub loaded: select_related)."""
    return {
        "id": event.pk,
        "title": event.title,
        "kind": event.kind,
        "format": event.format,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "venue": event.venue,
        "capacity": event.capacity,
        "cancelled": event.cancelled_at is not None,
        "cancellation_reason": event.cancellation_reason,
        "activity_id": event.activity_id,
        "ncp_code": event.ncp.code if event.ncp_id else None,
        "hub": event.hub.slug if event.hub_id else None,
    }


def _event(event: Event, *, confirmed: bool, now: dt.datetime) -> dict[str, Any]:
    return {
        **event_fields(event),
        "confirm_by": confirmation_deadline(event),
        "can_still_reply": confirmation_open(event, now),
        "confirmed": confirmed,
    }


def _registration(registration: Registration) -> dict[str, Any]:
    return {
        "event_id": registration.event_id,
        "status": registration.status,
        "confirmed_at": registration.confirmed_at,
        "cancelled_at": registration.cancelled_at,
        "waiting_since": registration.waiting_since,
        "offered_at": registration.offered_at,
    }


@router.get("/events", response={200: list[EventOut], 401: Message}, url_name="event_list")
def event_list(
    request: HttpRequest, tab: Query[Literal["eligible", "upcoming", "past"]] = "eligible"
) -> Any:
    """Your events, as the Events menu's tabs: eligible (not yet confirmed, to come),
    upcoming (confirmed, to come) or past."""
    person = person_of(request.user)
    if person is None:
        return []
    now = timezone.now()
    events = selectors.events_tab(person=person, tab=tab, now=now)
    return [_event(event, confirmed=event.confirmed, now=now) for event in events]


@router.get("/events/{event_id}", response={200: EventOut, **ERRORS}, url_name="event_detail")
def event_detail(request: HttpRequest, event_id: PathId) -> Any:
    person = person_of(request.user)
    event = selectors.access_event(user=request.user, event_id=event_id)
    confirmed = event.registrations.filter(
        person=person, status=RegistrationStatus.CONFIRMED
    ).exists()
    return _event(event, confirmed=confirmed, now=timezone.now())


def _reply(request: HttpRequest, event_id: PathId, service: Any) -> Any:
    person = person_of(request.user)
    event = selectors.access_event(user=request.user, event_id=event_id)
    try:
        registration = service(event=event, person=person)
    except ValidationError as error:
        return 422, {"message": error.messages[0]}
    return 200, _registration(registration)


@router.post(
    "/events/{event_id}/confirm",
    response={200: RegistrationOut, **ERRORS},
    url_name="event_confirm",
)
def event_confirm(request: HttpRequest, event_id: PathId) -> Any:
    """Confirm your place, until the deadline (`confirm_by`) and while places remain."""
    return _reply(request, event_id, services.registration_confirm)


@router.post(
    "/events/{event_id}/cancel",
    response={200: RegistrationOut, **ERRORS},
    url_name="event_cancel",
)
def event_cancel(request: HttpRequest, event_id: PathId) -> Any:
    """Cancel your place, until the same deadline."""
    return _reply(request, event_id, services.registration_cancel)


@router.post(
    "/events/{event_id}/waiting-list",
    response={200: RegistrationOut, **ERRORS},
    url_name="event_waiting_join",
)
def event_waiting_join(request: HttpRequest, event_id: PathId) -> Any:
    """Join the waiting list of a full event, until the deadline. When a place frees, the
    first waiting is offered it (`status` "offered") and must confirm by `confirm_by`."""
    return _reply(request, event_id, waiting.waiting_list_join)


@router.delete(
    "/events/{event_id}/waiting-list",
    response={200: RegistrationOut, **ERRORS},
    url_name="event_waiting_leave",
)
def event_waiting_leave(request: HttpRequest, event_id: PathId) -> Any:
    """Leave the waiting list, or turn down a place offered from it."""
    return _reply(request, event_id, waiting.waiting_list_leave)


def _requirements(registration: Registration) -> dict[str, Any]:
    return {
        "event_id": registration.event_id,
        "dietary": registration.dietary_requirements,
        "access": registration.access_requirements,
        "other": registration.other_requirements,
    }


@router.get(
    "/events/{event_id}/requirements",
    response={200: RequirementsOut, **ERRORS},
    url_name="event_requirements",
)
def event_requirements(request: HttpRequest, event_id: PathId) -> Any:
    """Your own requirements for the event (nobody else's: they are sensitive)."""
    person = person_of(request.user)
    event = selectors.access_event(user=request.user, event_id=event_id)
    registration = event.registrations.filter(person=person).first()
    if registration is None:
        return 200, {"event_id": event.pk, "dietary": "", "access": "", "other": ""}
    return 200, _requirements(registration)


@router.put(
    "/events/{event_id}/requirements",
    response={200: RequirementsOut, **ERRORS},
    url_name="event_requirements_save",
)
def event_requirements_save(request: HttpRequest, event_id: PathId, payload: RequirementsIn) -> Any:
    """Give your dietary, access and other requirements for a face-to-face event you
    confirmed. They are erased automatically some days after the event."""
    person = person_of(request.user)
    event = selectors.access_event(user=request.user, event_id=event_id)
    try:
        registration = services.requirements_save(
            event=event,
            person=person,
            dietary=payload.dietary,
            access=payload.access,
            other=payload.other,
        )
    except ValidationError as error:
        return 422, {"message": error.messages[0]}
    return 200, _requirements(registration)
