"""The organisers' writes (ISSUE 5, parts 1, 2 and 5): create, change and cancel events,
invite people one by one or by a CSV of emails, and give each confirmed person their own
join link (typed, or imported from Zoom's registrants export).

Who may create: for an activity, its hub's staff, its leads and the national team; national
events (no activity) only the national team. Who may change an event, invite and set links:
its organisers (`events.rules.can_organise_event`). Every service checks again, so the API
and the pages cannot differ.

Imports are all-or-nothing: every row is checked first, every problem is reported with its
line, and nothing is written unless all rows are good.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from mathshubs.activities.models import Activity, EnrolmentStatus, Participation
from mathshubs.catalogue.models import NCP
from mathshubs.dates import LONDON
from mathshubs.directory.models import Person
from mathshubs.directory.rules import person_of
from mathshubs.events import notify
from mathshubs.events.models import (
    Event,
    EventFormat,
    EventKind,
    Invitation,
    Registration,
    RegistrationStatus,
)
from mathshubs.events.rules import (
    can_create_activity_event,
    can_create_national_event,
    can_organise_event,
)
from mathshubs.events.services.registrations import offers_make

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

EMAILS_REQUIRED = "Enter at least one email address"
EMAILS_INVALID = "These are not email addresses: {emails}"
EMAILS_UNKNOWN = (
    "No one in the directory has these emails: {emails}. Check them, or ask the person's "
    "Maths Hub to record them first. No one was invited"
)
CANCELLED_NO_INVITE = "This event was cancelled: no one can be invited to it"

FILE_EMPTY = "The file is empty: it must have a first row naming the columns, then a row a person"
FILE_NOT_TEXT = "The file must be a CSV file saved as UTF-8 text"
FILE_TOO_BIG = "The file must be smaller than 2 MB"
FILE_NO_EMAIL_COLUMN = (
    "The file has no email column: its first row must name the columns, with one called "
    "Email (or Email address)"
)
FILE_NO_JOIN_URL_COLUMN = (
    "The file has no join link column: its first row must name the columns, with one "
    "called Join URL (as in Zoom's registrants export)"
)
FILE_NO_ROWS = "The file has no rows under its first row"
ROW_EMAIL_EMPTY = "Line {line}: the email is empty"
ROW_EMAIL_INVALID = "Line {line}: {email} is not an email address"
ROW_EMAIL_UNKNOWN = "Line {line}: no one in the directory has the email {email}"
ROW_NOT_REGISTERED = "Line {line}: {email} has no place at this event"
ROW_URL_EMPTY = "Line {line}: the join link of {email} is empty"
ROW_URL_INVALID = "Line {line}: the join link of {email} must start with https:// or http://"
ROW_EMAIL_TWICE = "Line {line}: {email} is already on line {first}"
FILE_NOTHING_DONE = "Nothing was imported: correct the file and upload it again"
JOIN_LINKS_ONLY_ONLINE = "Join links are for online events only"
JOIN_URL_NOT_REGISTERED = "{name} has no place at this event"

MAX_FILE_BYTES = 2 * 1024 * 1024


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


def _clock(moment: dt.datetime) -> str:
    if (moment.hour, moment.minute) == (12, 0):
        return "midday"
    if (moment.hour, moment.minute) == (0, 0):
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    if moment.minute:
        return f"{hour}:{moment.minute:02d}{suffix}"
    return f"{hour}{suffix}"


def when_text(starts_at: dt.datetime, ends_at: dt.datetime) -> str:
    """'Thursday 7 March 2024, 4pm to 5:30pm' in Europe/London (the UK style); an event over
    several days gives both dates."""
    start, end = starts_at.astimezone(LONDON), ends_at.astimezone(LONDON)
    day = f"{start:%A} {start.day} {start:%B %Y}"
    if start.date() == end.date():
        return f"{day}, {_clock(start)} to {_clock(end)}"
    return f"{day}, {_clock(start)} to {end:%A} {end.day} {end:%B %Y}, {_clock(end)}"


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


def _places_taken(event: Event) -> int:
    return event.registrations.filter(
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED]
    ).count()


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


# --- Invitations -----------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s,;]+")


def emails_from_text(text: str) -> list[str]:
    """The addresses in what an organiser typed or pasted: one a line, or separated by
    commas, semicolons or spaces; each once (whatever its case), in the order typed."""
    seen: dict[str, str] = {}
    for part in _SEPARATORS.split(text or ""):
        email = part.strip().strip("<>").strip()
        if email and email.lower() not in seen:
            seen[email.lower()] = email
    return list(seen.values())


def _people_by_email(emails: Iterable[str]) -> dict[str, Person]:
    """People by their main contact email, lower-cased (Person.email is unique whatever
    its case), in one query."""
    lowered = {email.lower() for email in emails}
    found = Person.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=lowered)
    return {person.email_lower: person for person in found}


def _already_eligible(event: Event, person_ids: set[int]) -> set[int]:
    """Which of these people may already attend, in one query: invited, taking part in or
    leading the event's activity, or (a national workshop) leading an activity of its NCP.
    The same rule as `selectors.eligible_condition`, seen from the event's side."""
    condition = Q(invitations__event=event)
    if event.activity_id is not None:
        taking_part = Participation.objects.filter(activity_id=event.activity_id).exclude(
            status=EnrolmentStatus.WITHDRAWN
        )
        condition |= Q(pk__in=taking_part.values("person_id"))
        condition |= Q(led_activities=event.activity_id)
    elif event.ncp_id is not None:
        condition |= Q(led_activities__ncp_id=event.ncp_id)
    return set(
        Person.objects.filter(condition, pk__in=person_ids).values_list("pk", flat=True).distinct()
    )


@dataclass(frozen=True)
class Invited:
    added: int
    already: int

    @property
    def message(self) -> str:
        added = f"Invited {self.added} {'person' if self.added == 1 else 'people'}"
        if not self.already:
            return added
        verb = "was" if self.already == 1 else "were"
        return f"{added}. {self.already} {verb} already invited"


def _invite(event: Event, by: Any, people: list[Person]) -> Invited:
    if event.cancelled_at is not None:
        raise ValidationError(CANCELLED_NO_INVITE, code="cancelled")
    ids = {person.pk for person in people}
    with transaction.atomic():
        already = _already_eligible(event, ids)
        new = [person for person in people if person.pk not in already]
        Invitation.objects.bulk_create(
            [Invitation(event=event, person=person, invited_by=person_of(by)) for person in new],
            ignore_conflicts=True,
        )
        new_ids = [person.pk for person in new]
        if new_ids:
            notify.notify_invited(event=event, person_ids=new_ids)
    return Invited(added=len(new), already=len(ids) - len(new))


class UnknownEmails(ValidationError):
    """Addresses no one in the directory has (the API lists them back one by one)."""

    def __init__(self, emails: list[str]) -> None:
        message = EMAILS_UNKNOWN.format(emails=", ".join(emails))
        super().__init__({"emails": [ValidationError(message, code="unknown")]})
        self.emails = emails


def invitations_add(*, event: Event, by: Any, emails: list[str]) -> Invited:
    """Invite people by their main contact email (ISSUE 5, part 2). Every address must be a
    person's in the directory: an unknown one is listed back and no one is invited (all or
    nothing). People who may already attend are counted, not invited twice."""
    _check_organiser(event, by)
    wanted = emails_from_text("\n".join(emails))
    if not wanted:
        raise _invalid("emails", EMAILS_REQUIRED, "required")
    malformed = [email for email in wanted if not _is_email(email)]
    if malformed:
        raise _invalid("emails", EMAILS_INVALID.format(emails=", ".join(malformed)), "email")
    found = _people_by_email(wanted)
    unknown = [email for email in wanted if email.lower() not in found]
    if unknown:
        raise UnknownEmails(unknown)
    return _invite(event, by, [found[email.lower()] for email in wanted])


# --- CSV files -----------------------------------------------------------------------------


EMAIL_HEADERS = ("email", "email address", "e mail", "e mail address")
JOIN_URL_HEADERS = ("join url", "joinurl", "join link", "join address")


def _header_name(cell: str) -> str:
    return re.sub(r"[\s_\-]+", " ", cell).strip().lower()


def _read_csv(file: Any) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """A CSV file's header and its rows with their line numbers. UTF-8 with or without a
    byte order mark (Excel adds one); commas, or semicolons or tabs (some spreadsheets'
    CSV). The header is the first row naming an email column, so the lines Zoom's reports
    put above their table are skipped; its names are lower-cased, _ and - read as spaces.
    Returns an empty header when no row names an email column."""
    data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _invalid("file", FILE_TOO_BIG, "size")
    if isinstance(data, bytes):
        if b"\x00" in data:
            raise _invalid("file", FILE_NOT_TEXT, "encoding")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise _invalid("file", FILE_NOT_TEXT, "encoding") from exc
    data = data.lstrip("\ufeff")
    if not data.strip():
        raise _invalid("file", FILE_EMPTY, "empty")
    for delimiter in (",", ";", "\t"):
        header: list[str] = []
        rows: list[tuple[int, dict[str, str]]] = []
        try:
            reader = csv.reader(io.StringIO(data, newline=""), delimiter=delimiter)
            for cells in reader:
                if not header:
                    names = [_header_name(cell) for cell in cells]
                    if any(name in EMAIL_HEADERS for name in names):
                        header = names
                elif any(cell.strip() for cell in cells):
                    rows.append((reader.line_num, dict(zip(header, cells, strict=False))))
        except csv.Error as exc:
            raise _invalid("file", FILE_NOT_TEXT, "csv") from exc
        if header:
            return header, rows
    return [], []


def _column(header: list[str], names: tuple[str, ...]) -> str | None:
    return next((name for name in header if name in names), None)


def _raise_all(errors: list[str]) -> None:
    if errors:
        raise ValidationError(
            {"file": [ValidationError(m, code="row") for m in [*errors, FILE_NOTHING_DONE]]}
        )


def invitations_import_csv(*, event: Event, by: Any, file: Any) -> Invited:
    """Invite the people of a CSV file with an Email column (other columns are ignored).
    Every row is checked first; one bad row and no one is invited, and every problem is
    listed with its line."""
    _check_organiser(event, by)
    header, rows = _read_csv(file)
    column = _column(header, EMAIL_HEADERS)
    if column is None:
        raise _invalid("file", FILE_NO_EMAIL_COLUMN, "columns")
    if not rows:
        raise _invalid("file", FILE_NO_ROWS, "empty")
    found = _people_by_email((row.get(column) or "").strip() for _, row in rows)
    errors: list[str] = []
    people: dict[int, Person] = {}
    for line, row in rows:
        email = (row.get(column) or "").strip()
        if not email:
            errors.append(ROW_EMAIL_EMPTY.format(line=line))
        elif not _is_email(email):
            errors.append(ROW_EMAIL_INVALID.format(line=line, email=email))
        elif email.lower() not in found:
            errors.append(ROW_EMAIL_UNKNOWN.format(line=line, email=email))
        else:
            person = found[email.lower()]
            people.setdefault(person.pk, person)
    _raise_all(errors)
    return _invite(event, by, list(people.values()))


# --- Join links ------------------------------------------------------------------------------


def _check_online(event: Event) -> None:
    if not event.is_online:
        raise ValidationError(JOIN_LINKS_ONLY_ONLINE, code="face_to_face")


def join_url_set(*, event: Event, by: Any, person: Person, url: str) -> Registration:
    """Give one person their own join link (a Zoom registrant's join URL); empty removes it,
    and their Connect button goes to the meeting's link instead."""
    _check_organiser(event, by)
    _check_online(event)
    url = (url or "").strip()
    if url and not _is_web_url(url):
        raise _invalid("url", URL_NOT_WEB, "url")
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().filter(event=event, person=person).first()
        )
        if registration is None:
            name = JOIN_URL_NOT_REGISTERED.format(name=person.full_name)
            raise _invalid("url", name, "not_registered")
        registration.join_url = url
        registration.save(update_fields=["join_url"])
    return registration


def join_urls_import_csv(*, event: Event, by: Any, file: Any) -> int:
    """Import everyone's join link from Zoom's registrants export (columns Email and Join
    URL; others ignored). Each row must be a person with a place at this event; all rows
    or none. Returns how many links were set."""
    _check_organiser(event, by)
    _check_online(event)
    header, rows = _read_csv(file)
    email_column = _column(header, EMAIL_HEADERS)
    if email_column is None:
        raise _invalid("file", FILE_NO_EMAIL_COLUMN, "columns")
    url_column = _column(header, JOIN_URL_HEADERS)
    if url_column is None:
        raise _invalid("file", FILE_NO_JOIN_URL_COLUMN, "columns")
    if not rows:
        raise _invalid("file", FILE_NO_ROWS, "empty")
    registrations = {
        registration.person.email.lower(): registration
        for registration in event.registrations.select_related("person")
    }
    errors: list[str] = []
    links: dict[int, str] = {}
    first_line: dict[str, int] = {}
    for line, row in rows:
        email = (row.get(email_column) or "").strip()
        url = (row.get(url_column) or "").strip()
        if not email:
            errors.append(ROW_EMAIL_EMPTY.format(line=line))
            continue
        if email.lower() in first_line:
            errors.append(
                ROW_EMAIL_TWICE.format(line=line, email=email, first=first_line[email.lower()])
            )
            continue
        first_line[email.lower()] = line
        registration = registrations.get(email.lower())
        if registration is None:
            errors.append(ROW_NOT_REGISTERED.format(line=line, email=email))
        elif not url:
            errors.append(ROW_URL_EMPTY.format(line=line, email=email))
        elif not _is_web_url(url):
            errors.append(ROW_URL_INVALID.format(line=line, email=email))
        else:
            links[registration.pk] = url
    _raise_all(errors)
    with transaction.atomic():
        chosen = list(Registration.objects.select_for_update().filter(pk__in=links))
        for registration in chosen:
            registration.join_url = links[registration.pk]
        Registration.objects.bulk_update(chosen, ["join_url"])
    return len(chosen)
