"""The organisers' writes to events (ISSUE 5, part 1): create, change and cancel them.
Invitations and join links are in `services.invitations`.

Who may create: `events.rules.can_create_activity_event` (an activity's hub staff, its
leads, the national team) and `can_create_national_event` (the national team). Who may
change or cancel an event: its organisers (`events.rules.can_organise_event`). Every
service checks again, so the API and the pages cannot differ.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone

from mathshubs.activities.models import Activity
from mathshubs.catalogue.models import NCP
from mathshubs.directory.models import Person
from mathshubs.directory.rules import person_of
from mathshubs.events import notify
from mathshubs.events.models import Event, EventFormat, EventKind
from mathshubs.events.rules import (
    can_create_activity_event,
    can_create_national_event,
    can_organise_event,
)
from mathshubs.events.services.registrations import _places_taken, offers_make
from mathshubs.events.templatetags.event_tags import event_when

NATIONAL_KINDS = (
    EventKind.NATIONAL_WORKSHOP,
    EventKind.WEBINAR,
    EventKind.RESIDENTIAL,
    EventKind.NETWORK_EVENT,
)

# --- Messages ----------------------------------------------------------------------------------

CREATE_FORBIDDEN = (
    "Only the activity's leads, its hub's staff and the national team can add its events"
)
CREATE_NATIONAL_FORBIDDEN = "Only the national team can create national events"
ORGANISE_FORBIDDEN = "Only the event's organisers can do that"
TITLE_REQUIRED = "Enter a title for the event"
TITLE_TOO_LONG = "Enter a title of 255 characters or fewer"
KIND_UNKNOWN = "Choose the kind of event from the list"
KIND_OF_ACTIVITY = "An activity's event is a session of the activity: choose Activity session"
KIND_NATIONAL = (
    "A national event is a national workshop, a webinar, a residential or a network event"
)
NCP_REQUIRED = "A national workshop belongs to a project: enter the project's code, like NCP23-08"
NCP_ONLY_WORKSHOPS = "Only national workshops belong to a project: leave the project empty"
FORMAT_UNKNOWN = "Choose whether the event is online or face to face"
ENDS_BEFORE_START = "The end time must be after the start time"
TIME_NOT_AWARE = "The start and end must be a date and a time"
VENUE_REQUIRED = "Enter the venue of a face-to-face event"
ADDRESS_REQUIRED = "Enter the address of a face-to-face event"
MEETING_URL_FACE_TO_FACE = (
    "A face-to-face event has no meeting link: remove it, or choose Online as the format"
)
URL_NOT_WEB = "Enter a web address starting with https:// or http://"
CAPACITY_TOO_SMALL = "The number of places must be 1 or more, or left empty for no limit"
# More places than any room or meeting holds: a typing slip (leave it empty for no limit).
MAX_PLACES = 100_000
CAPACITY_TOO_LARGE = "The number of places must be 100,000 or fewer, or left empty for no limit"
CAPACITY_BELOW_TAKEN = (
    "{taken} places are already taken: the number of places cannot be lower than that. "
    "Cancel people's places first if fewer can come"
)
MINIMUM_MINUTES_INVALID = "The minimum minutes must be a whole number from 0 to 1440"
CONTACT_EMAIL_INVALID = "Enter the contact's email address, like name@example.org"
ORGANISER_UNKNOWN = "An organiser must be a person in the directory"
CANCELLED_NO_CHANGE = "This event was cancelled: it can no longer be changed"
ALREADY_CANCELLED = "This event was already cancelled"
ALREADY_HAPPENED = "This event has already started: it can no longer be cancelled"
REASON_REQUIRED = "Enter the reason for cancelling the event"
FIELD_UNKNOWN = "{name} cannot be changed here"


def _invalid(field: str, message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({field: [ValidationError(message, code=code)]})


def _is_email(text: str) -> bool:
    try:
        EmailValidator()(text)
    except ValidationError:
        return False
    return True


def _is_web_url(text: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        return False
    return True


# --- Dates in words ------------------------------------------------------------------------


def when_text(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    """'Thursday 7 March 2024, 4pm to 5:30pm' in Europe/London (the UK style), as the
    event's page shows it; an event over several days gives both dates."""
    return event_when(Event(starts_at=starts_at, ends_at=ends_at))


# --- Creating and changing events ------------------------------------------------------------

EDITABLE = (
    "title",
    "description",
    "starts_at",
    "ends_at",
    "format",
    "venue",
    "address",
    "meeting_url",
    "capacity",
    "contact_name",
    "contact_email",
    "minimum_minutes",
)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Check an event's fields together; every problem at once, keyed by field."""
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, message: str, code: str = "invalid") -> None:
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    for name in ("title", "description", "venue", "address", "meeting_url", "contact_name"):
        values[name] = (values.get(name) or "").strip()
    values["contact_email"] = (values.get("contact_email") or "").strip()
    if not values["title"]:
        add("title", TITLE_REQUIRED, "required")
    elif len(values["title"]) > 255:
        add("title", TITLE_TOO_LONG, "max_length")
    if values.get("format") not in EventFormat.values:
        add("format", FORMAT_UNKNOWN, "required")
    starts_at, ends_at = values.get("starts_at"), values.get("ends_at")
    if not isinstance(starts_at, dt.datetime) or not isinstance(ends_at, dt.datetime):
        add("starts_at", TIME_NOT_AWARE, "required")
    elif timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        add("starts_at", TIME_NOT_AWARE, "naive")
    elif ends_at <= starts_at:
        add("ends_at", ENDS_BEFORE_START, "order")
    if values.get("format") == EventFormat.FACE_TO_FACE:
        if not values["venue"]:
            add("venue", VENUE_REQUIRED, "required")
        if not values["address"]:
            add("address", ADDRESS_REQUIRED, "required")
        if values["meeting_url"]:
            add("meeting_url", MEETING_URL_FACE_TO_FACE, "face_to_face")
    if values["meeting_url"] and not _is_web_url(values["meeting_url"]):
        add("meeting_url", URL_NOT_WEB, "url")
    capacity = values.get("capacity")
    if capacity is not None and (not isinstance(capacity, int) or capacity < 1):
        add("capacity", CAPACITY_TOO_SMALL, "min_value")
    elif capacity is not None and capacity > MAX_PLACES:
        add("capacity", CAPACITY_TOO_LARGE, "max_value")
    minutes = values.get("minimum_minutes")
    values["minimum_minutes"] = 0 if minutes is None else minutes
    if not isinstance(values["minimum_minutes"], int) or not 0 <= values["minimum_minutes"] <= 1440:
        add("minimum_minutes", MINIMUM_MINUTES_INVALID, "range")
    if values["contact_email"] and not _is_email(values["contact_email"]):
        add("contact_email", CONTACT_EMAIL_INVALID, "email")
    if errors:
        raise ValidationError(errors)
    return values


def _organisers(ids: Iterable[int]) -> list[Person]:
    wanted = set(ids)
    people = list(Person.objects.filter(pk__in=wanted))
    if len(people) != len(wanted):
        raise _invalid("organiser_ids", ORGANISER_UNKNOWN, "unknown")
    return people


def _check_kind(kind: str, activity: Activity | None, ncp: NCP | None) -> None:
    if kind not in EventKind.values:
        raise _invalid("kind", KIND_UNKNOWN, "kind")
    if activity is not None:
        if kind != EventKind.SESSION:
            raise _invalid("kind", KIND_OF_ACTIVITY, "kind")
        if ncp is not None:
            raise _invalid("ncp", NCP_ONLY_WORKSHOPS, "ncp")
        return
    if kind not in NATIONAL_KINDS:
        raise _invalid("kind", KIND_NATIONAL, "kind")
    if kind == EventKind.NATIONAL_WORKSHOP and ncp is None:
        raise _invalid("ncp", NCP_REQUIRED, "required")
    if kind != EventKind.NATIONAL_WORKSHOP and ncp is not None:
        raise _invalid("ncp", NCP_ONLY_WORKSHOPS, "ncp")


def event_create(
    *,
    by: Any,
    activity: Activity | None = None,
    ncp: NCP | None = None,
    kind: str = EventKind.SESSION,
    title: str,
    description: str = "",
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    format: str,  # the model's field name (shadows the builtin here only)
    venue: str = "",
    address: str = "",
    meeting_url: str = "",
    capacity: int | None = None,
    contact_name: str = "",
    contact_email: str = "",
    minimum_minutes: int | None = 0,
    organiser_ids: Iterable[int] = (),
) -> Event:
    """Create an event (ISSUE 5, part 1): a session of `activity` (its hub's staff, its
    leads or the national team) or a national event with no activity (the national team:
    a national workshop of `ncp`, a webinar, a residential or a network event). The
    creator becomes one of its organisers; the people eligible are invited by email once
    the event is saved."""
    if activity is not None:
        if not can_create_activity_event(by, activity):
            raise PermissionDenied(CREATE_FORBIDDEN)
    elif not can_create_national_event(by):
        raise PermissionDenied(CREATE_NATIONAL_FORBIDDEN)
    _check_kind(kind, activity, ncp)
    values = _clean(
        {
            "title": title,
            "description": description,
            "starts_at": starts_at,
            "ends_at": ends_at,
            "format": format,
            "venue": venue,
            "address": address,
            "meeting_url": meeting_url,
            "capacity": capacity,
            "contact_name": contact_name,
            "contact_email": contact_email,
            "minimum_minutes": minimum_minutes,
        }
    )
    organisers = _organisers(organiser_ids)
    creator = person_of(by)
    with transaction.atomic():
        event = Event.objects.create(
            kind=kind,
            activity=activity,
            ncp=ncp,
            hub=activity.hub if activity is not None else None,
            created_by=creator,
            **values,
        )
        event.organisers.add(*organisers, *([creator] if creator is not None else []))
        notify.notify_invited(event=event)
    return event


def _check_organiser(event: Event, by: Any) -> None:
    if not can_organise_event(by, event):
        raise PermissionDenied(ORGANISE_FORBIDDEN)


# What a change is called in words, and whether people who confirmed rely on it (a change
# of time, place, format or meeting link is sent to them).
CHANGE_WORDS: dict[str, tuple[str, bool]] = {
    "title": ("Title", False),
    "description": ("Description", False),
    "starts_at": ("Date and time", True),
    "ends_at": ("Date and time", True),
    "format": ("Format", True),
    "venue": ("Venue", True),
    "address": ("Address", True),
    "meeting_url": ("Meeting link", True),
    "capacity": ("Places", False),
    "contact_name": ("Contact", False),
    "contact_email": ("Contact", False),
    "minimum_minutes": ("Minimum minutes to count as attended", False),
}


def _shown(event: Event, field: str) -> str:
    if field in ("starts_at", "ends_at"):
        return when_text(event.starts_at, event.ends_at)
    if field == "format":
        return event.get_format_display()
    if field == "capacity":
        return "no limit" if event.capacity is None else str(event.capacity)
    if field in ("contact_name", "contact_email"):
        return f"{event.contact_name} {event.contact_email}".strip()
    if field in ("description", "meeting_url", "address"):
        return ""
    return str(getattr(event, field))


def _describe(before: Event, after: Event, changed: list[str]) -> tuple[list[str], list[str]]:
    """Every change in words ('Venue: North Primary (was South Primary)'), and those that
    people who confirmed rely on."""
    every: list[str] = []
    relied: list[str] = []
    for field in changed:
        word, relied_on = CHANGE_WORDS[field]
        old, new = _shown(before, field), _shown(after, field)
        text = f"{word}: {new} (was {old})" if old and new else f"{word}: changed"
        if text in every:
            continue
        every.append(text)
        if relied_on:
            relied.append(text)
    return every, relied


def event_update(
    *, event: Event, by: Any, now: dt.datetime | None = None, **fields: Any
) -> list[str]:
    """Change an event (its organisers). Returns what changed, in words; a change people
    who confirmed rely on (date and time, format, venue, address, meeting link) is sent
    to them. The number of places cannot go below the places already taken: the event
    row is locked while they are counted, so a confirmation cannot slip in between.
    More places (or no limit) go to the waiting list at once, under the same lock
    (`registrations.offers_make`, as `waiting.places_offer` does), each offer emailed.
    `organiser_ids`, when given, replaces the named organisers."""
    _check_organiser(event, by)
    now = now or timezone.now()
    unknown = set(fields) - set(EDITABLE) - {"organiser_ids"}
    if unknown:
        name = sorted(unknown)[0]
        raise _invalid(name, FIELD_UNKNOWN.format(name=name), "field")
    if event.cancelled_at is not None:
        raise ValidationError(CANCELLED_NO_CHANGE, code="cancelled")
    organiser_ids = fields.pop("organiser_ids", None)
    values = _clean({name: fields.get(name, getattr(event, name)) for name in EDITABLE})
    organisers = _organisers(organiser_ids) if organiser_ids is not None else None
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        taken = _places_taken(locked)
        if values["capacity"] is not None and values["capacity"] < taken:
            raise _invalid("capacity", CAPACITY_BELOW_TAKEN.format(taken=taken), "below_taken")
        changed = [name for name in EDITABLE if getattr(locked, name) != values[name]]
        for name in changed:
            setattr(locked, name, values[name])
        if changed:
            locked.save(update_fields=[*changed, "updated_at"])
        if "capacity" in changed:
            offers_make(locked, now)
        every, relied = _describe(event, locked, changed)
        if organisers is not None:
            before = set(locked.organisers.values_list("pk", flat=True))
            if before != {p.pk for p in organisers}:
                locked.organisers.set(organisers)
                every.append("Organisers: changed")
        if relied:
            notify.notify_changed(event=locked, changes=relied)
    for name in changed:
        setattr(event, name, values[name])
    return every


def event_cancel(*, event: Event, by: Any, reason: str, now: dt.datetime | None = None) -> Event:
    """Cancel an event that has not started (its organisers), saying why: the reason is
    kept in `Event.cancellation_reason`, shown on the event's page and sent to the people
    who confirmed, were offered a place or wait for one. The event and its registrations
    are kept."""
    _check_organiser(event, by)
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise _invalid("reason", REASON_REQUIRED, "required")
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled_at is not None:
            raise ValidationError(ALREADY_CANCELLED, code="cancelled")
        if locked.starts_at <= now:
            raise ValidationError(ALREADY_HAPPENED, code="started")
        locked.cancelled_at, locked.cancellation_reason = now, reason
        locked.save(update_fields=["cancelled_at", "cancellation_reason", "updated_at"])
        notify.notify_cancelled(event=locked)
    event.cancelled_at, event.cancellation_reason = now, reason
    return event
