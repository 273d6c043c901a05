"""Recording attendance (ISSUE 5, part 8; 2023/24 handbook, Practicalities, "Attendance at
online events"): the register for face-to-face events, a videoconference report for
online ones, matching its unmatched rows by hand, and a group that joined on one link.

These services check nothing about who is asking (the views and the API do, with
`rules.can_organise_event`); they check that the people named belong to the event.

Decisions (documented here, asserted by tests/events/test_attendance.py):

- **Sources.** Each registration remembers how its attendance was recorded: `register`,
  `report`, `manual` (a report row matched by hand) or `group`. What an organiser
  recorded by hand (register, manual, group) stands: a report import never overwrites
  it. To change it, save the register, which always records what is ticked.
- **Re-running an import** replaces what the previous report recorded: registrations
  recorded by `report` are worked out again from the new file alone, so the same file
  gives the same figures and a corrected file corrects them. Rows the previous import
  had matched by hand are matched again to the same people when the new file has the
  same row (the same email, else the same name).
- **A report is the whole meeting**: a confirmed registrant it does not mention is
  recorded as not attended (0 minutes, source `report`), unless recorded by hand.
- **Attended** means at least the event's minimum minutes, and at least one minute.
  Below it: not attended, with the minutes kept.
- **Matching** a row: first its email against the registrants' main contact emails
  (case-insensitive); else their own link: a row matches a registration when the row's
  name or email contains the registration's `link_token` (the platform's Connect link)
  or its Zoom registrant token (the `tk` value in its `join_url`, else the last part of
  that URL's path), each at least 8 characters. A row that matches two people, or none,
  is unmatched and listed for matching by hand.
- **Someone who attended without a confirmed place** (cancelled, waiting, or eligible
  but never replied) may be recorded by a report, by hand or as a group member: their
  registration becomes (or is created) confirmed, with `confirmed_at` now, because they
  took a place; the event's capacity is not checked after the fact. Someone neither
  registered nor eligible is refused: invite them first.
- **Group attendance** marks each named member attended with the host's minutes (blank
  if the host's minutes are not recorded yet: import the report first).
- **Several rows matched to one person** (a laptop and a phone): their minutes are
  unioned where the rows have times, else the larger is kept; by hand, the larger of the
  person's minutes and the row's. Nothing is ever added twice.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from mathshubs.audit.services import history_baseline, history_user
from mathshubs.directory.models import Person
from mathshubs.events.importers import (
    Attendee,
    ReportRefused,
    attendance_report_parse,
    merge_key,
    total_minutes,
)
from mathshubs.events.models import (
    AttendanceImport,
    AttendanceSource,
    Event,
    Registration,
    RegistrationStatus,
)
from mathshubs.events.selectors import is_eligible
from mathshubs.events.templatetags.event_tags import event_when

HAND_SOURCES = frozenset(
    {AttendanceSource.REGISTER, AttendanceSource.MANUAL, AttendanceSource.GROUP}
)
MIN_IDENTIFIER = 8
ATTENDANCE_FIELDS = [
    "attended",
    "minutes_attended",
    "attendance_source",
    "attendance_recorded_at",
    "status",
    "confirmed_at",
]

NOT_REGISTERED = (
    "{names} {verb} not invited to this event. Invite them first, then record their attendance."
)
NOT_CONFIRMED_REGISTER = (
    "{names} {verb} not confirmed a place at this event: the register lists confirmed people only."
)
UNKNOWN_PEOPLE = "Some of the people chosen are not in the directory. Choose them again."
IMPORT_NOT_FOUND = "There is no attendance report with that id for this event."
IMPORT_REPLACED = (
    "That report has been replaced by a newer import. Match the rows of the latest report."
)
ROW_NOT_FOUND = "There is no unmatched row {row} in this report."
ROW_ALREADY_MATCHED = "That row is already matched to {name}."
HOST_NOT_REGISTERED = (
    "{name} has no place at this event. Choose the person whose own link the group used."
)
NO_MEMBERS = "Choose at least one member of the group who joined on {name}'s link."
NO_FILE = "Choose the Zoom attendance report (a CSV file) to upload."


@dataclass
class ReportImportResult:
    """What an import did, for the page and the API."""

    record: AttendanceImport
    layout: str
    people: int
    matched: int
    attended: int
    not_attended: int
    absent: int
    kept: int
    minimum_minutes: int
    unmatched: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class RegisterResult:
    attended: int
    not_attended: int


def attended_for(event: Event, minutes: int | None) -> bool:
    """Whether minutes in the meeting count as attending (the event's minimum, at least 1)."""
    return minutes is not None and minutes >= max(event.minimum_minutes, 1)


def link_identifiers(registration: Registration) -> list[str]:
    """The secrets in a person's own links that a report row may carry: the platform's
    link token, and the Zoom registrant token of their join URL (`tk=...`, else the
    last part of its path). Short ones are ignored: they would match by chance."""
    found = [registration.link_token]
    if registration.join_url:
        parts = urlsplit(registration.join_url)
        tokens = parse_qs(parts.query).get("tk")
        found.append(tokens[0] if tokens else parts.path.rstrip("/").rsplit("/", 1)[-1])
    return [text for text in found if len(text or "") >= MIN_IDENTIFIER]


def _names(people: Iterable[Person]) -> tuple[str, str]:
    listed = sorted(person.full_name or person.email for person in people)
    return ", ".join(listed), "are" if len(listed) > 1 else "is"


NOT_STARTED = "This event has not started yet: record attendance once it has started ({when})."


def _check_started(event: Event, now: dt.datetime) -> None:
    """Attendance is recorded once the event has started, never ahead of it."""
    if event.starts_at > now:
        raise ValidationError(NOT_STARTED.format(when=event_when(event)), code="not_started")


def _lock(event: Event) -> Event:
    """The event row, locked: attendance writes of one event queue behind each other."""
    return Event.objects.select_for_update().get(pk=event.pk)


def _record(
    registration: Registration,
    *,
    attended: bool | None,
    minutes: int | None,
    source: str,
    now: dt.datetime,
) -> None:
    registration.attended = attended
    registration.minutes_attended = minutes
    registration.attendance_source = source
    registration.attendance_recorded_at = now if source else None
    if attended and registration.status != RegistrationStatus.CONFIRMED:
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at = now


def _read(file: bytes | IO[bytes] | None) -> bytes:
    if file is None:
        raise ValidationError(NO_FILE, code="required")
    if isinstance(file, bytes | bytearray):
        return bytes(file)
    if hasattr(file, "seek"):
        file.seek(0)
    return file.read()


def _match(
    attendees: list[Attendee], registrations: list[Registration]
) -> tuple[dict[int, list[Attendee]], list[Attendee]]:
    """Each attendee to one registration (by email, else by own link), or unmatched."""
    by_email = {r.person.email.casefold(): r for r in registrations if r.person.email}
    identifiers = [(text, r) for r in registrations for text in link_identifiers(r)]
    matched: dict[int, list[Attendee]] = defaultdict(list)
    unmatched: list[Attendee] = []
    for attendee in attendees:
        registration = by_email.get(attendee.email.casefold()) if attendee.email else None
        if registration is None:
            hits = {r.pk: r for text, r in identifiers if text in attendee.text}
            registration = next(iter(hits.values())) if len(hits) == 1 else None
        if registration is None:
            unmatched.append(attendee)
        else:
            matched[registration.pk].append(attendee)
    return matched, unmatched


def _combined(attendees: list[Attendee]) -> int:
    intervals = [interval for a in attendees for interval in a.intervals]
    others = max((a.minutes for a in attendees if not a.intervals), default=0)
    return total_minutes(intervals, others)


def _row(attendee: Attendee, person_id: int | None = None) -> dict[str, Any]:
    return {
        "name": attendee.name,
        "email": attendee.email,
        "minutes": attendee.minutes,
        "line": attendee.line,
        "rows": attendee.rows,
        "person_id": person_id,
    }


def _carried_matches(event: Event) -> dict[str, int]:
    """Rows of the event's latest report that were matched by hand: key -> person id."""
    previous = AttendanceImport.objects.filter(event=event).only("unmatched").first()
    if previous is None:
        return {}
    return {
        merge_key(row.get("name", ""), row.get("email", "")): row["person_id"]
        for row in previous.unmatched
        if row.get("person_id")
    }


def attendance_report_import(
    *,
    event: Event,
    by: Person | None,
    file: bytes | IO[bytes] | None,
    filename: str,
    now: dt.datetime | None = None,
) -> ReportImportResult:
    """Import a videoconference attendance report (a Zoom CSV, `importers`) for an event:
    match each person in it to a registration, record their minutes and whether they
    attended, and keep the rows that matched no one for matching by hand. All or
    nothing: a refused file changes nothing and raises ValidationError with one message
    per problem. Re-running replaces what the previous report recorded (module docstring)."""
    now = now or timezone.now()
    _check_started(event, now)
    try:
        report = attendance_report_parse(_read(file))
    except ReportRefused as refused:
        raise ValidationError(refused.message.split("\n"), code="report") from None
    with transaction.atomic():
        event = _lock(event)
        registrations = list(event.registrations.select_related("person"))
        by_person = {r.person_id: r for r in registrations}
        matched, unmatched = _match(report.attendees, registrations)
        carried = _carried_matches(event)
        rows: list[dict[str, Any]] = []
        by_hand: dict[int, list[Attendee]] = defaultdict(list)
        for attendee in unmatched:
            person_id = carried.get(attendee.key)
            registration = by_person.get(person_id) if person_id else None
            if registration is not None and registration.attendance_source in (
                AttendanceSource.MANUAL,
                "",
                AttendanceSource.REPORT,
            ):
                by_hand[registration.pk].append(attendee)
                rows.append(_row(attendee, person_id))
            else:
                rows.append(_row(attendee))
        changed: list[Registration] = []
        counts = {"attended": 0, "not_attended": 0, "absent": 0, "kept": 0}
        for registration in registrations:
            source = registration.attendance_source
            if registration.pk in by_hand:
                times = by_hand[registration.pk] + matched.get(registration.pk, [])
                recorded_as = AttendanceSource.MANUAL
            elif source in HAND_SOURCES:
                counts["kept"] += registration.pk in matched
                continue
            elif registration.pk in matched:
                times, recorded_as = matched[registration.pk], AttendanceSource.REPORT
            elif registration.status == RegistrationStatus.CONFIRMED:
                counts["absent"] += 1
                _record(
                    registration,
                    attended=False,
                    minutes=0,
                    source=AttendanceSource.REPORT,
                    now=now,
                )
                changed.append(registration)
                continue
            elif source == AttendanceSource.REPORT:
                _record(registration, attended=None, minutes=None, source="", now=now)
                changed.append(registration)
                continue
            else:
                continue
            minutes = _combined(times)
            attended = attended_for(event, minutes)
            _record(registration, attended=attended, minutes=minutes, source=recorded_as, now=now)
            counts["attended" if attended else "not_attended"] += 1
            changed.append(registration)
        history_baseline(model=Registration, pks=[r.pk for r in changed])
        bulk_update_with_history(
            changed, Registration, ATTENDANCE_FIELDS, default_user=history_user(by)
        )
        record = AttendanceImport.objects.create(
            event=event,
            filename=filename[:255],
            imported_by=by,
            rows=len(report.attendees),
            matched=len(report.attendees) - len(unmatched) + sum(map(len, by_hand.values())),
            unmatched=rows,
        )
    return ReportImportResult(
        record=record,
        layout=report.layout,
        people=record.rows,
        matched=record.matched,
        minimum_minutes=event.minimum_minutes,
        unmatched=[{**row, "index": i} for i, row in enumerate(rows) if not row["person_id"]],
        **counts,
    )


def _registrations_for(
    event: Event, people: list[Person], *, now: dt.datetime
) -> tuple[list[Registration], list[Registration]]:
    """The registrations of these people at the event: (existing, new). A person with no
    registration gets a new one (not yet saved) if eligible; if not, ValidationError."""
    existing = {r.person_id: r for r in event.registrations.filter(person__in=people)}
    missing = [person for person in people if person.pk not in existing]
    refused = [person for person in missing if not is_eligible(person=person, event=event)]
    if refused:
        names, verb = _names(refused)
        raise ValidationError(NOT_REGISTERED.format(names=names, verb=verb), code="invited")
    new = [
        Registration(
            event=event, person=person, status=RegistrationStatus.CONFIRMED, confirmed_at=now
        )
        for person in missing
    ]
    return list(existing.values()), new


def attendance_match(
    *,
    event: Event,
    by: Person | None,
    import_id: int,
    row_index: int,
    person: Person,
    now: dt.datetime | None = None,
) -> Registration:
    """Match one unmatched row of the event's latest report to a person by hand (source
    `manual`): their minutes become the larger of theirs and the row's, and they attended
    if that reaches the event's minimum. The person must be registered or eligible."""
    now = now or timezone.now()
    _check_started(event, now)
    with transaction.atomic():
        event = _lock(event)
        record = AttendanceImport.objects.filter(event=event, pk=import_id).first()
        if record is None:
            raise ValidationError(IMPORT_NOT_FOUND, code="import")
        latest = AttendanceImport.objects.filter(event=event).values_list("pk", flat=True)[:1]
        if record.pk != next(iter(latest)):
            raise ValidationError(IMPORT_REPLACED, code="replaced")
        if not 0 <= row_index < len(record.unmatched):
            raise ValidationError(ROW_NOT_FOUND.format(row=row_index + 1), code="row")
        row = record.unmatched[row_index]
        if row.get("person_id"):
            matched_to = Person.objects.filter(pk=row["person_id"]).first()
            name = matched_to.full_name if matched_to else "someone"
            raise ValidationError(ROW_ALREADY_MATCHED.format(name=name), code="matched")
        existing, new = _registrations_for(event, [person], now=now)
        registration = (existing or new)[0]
        held = registration.minutes_attended or 0
        minutes = max(held, int(row.get("minutes") or 0))
        _record(
            registration,
            attended=attended_for(event, minutes),
            minutes=minutes,
            source=AttendanceSource.MANUAL,
            now=now,
        )
        registration.save()
        row["person_id"] = person.pk
        record.matched += 1
        record.save(update_fields=["unmatched", "matched"])
    return registration


def attendance_register_save(
    *,
    event: Event,
    by: Person | None,
    attended_person_ids: Iterable[int],
    now: dt.datetime | None = None,
) -> RegisterResult:
    """The register (face-to-face events, or any event by hand): every confirmed person
    ticked attended, every confirmed person not ticked did not (source `register`,
    whatever was recorded before). Ticking someone without a confirmed place is refused."""
    now = now or timezone.now()
    _check_started(event, now)
    ticked = {int(pk) for pk in attended_person_ids}
    with transaction.atomic():
        event = _lock(event)
        confirmed = list(
            event.registrations.filter(status=RegistrationStatus.CONFIRMED).select_related("person")
        )
        strangers = ticked - {r.person_id for r in confirmed}
        if strangers:
            people = list(Person.objects.filter(pk__in=strangers))
            if len(people) < len(strangers):
                raise ValidationError(UNKNOWN_PEOPLE, code="unknown")
            names, verb = _names(people)
            verb = "have" if verb == "are" else "has"
            raise ValidationError(
                NOT_CONFIRMED_REGISTER.format(names=names, verb=verb), code="confirmed"
            )
        for registration in confirmed:
            _record(
                registration,
                attended=registration.person_id in ticked,
                minutes=registration.minutes_attended,
                source=AttendanceSource.REGISTER,
                now=now,
            )
        history_baseline(model=Registration, pks=[r.pk for r in confirmed])
        bulk_update_with_history(
            confirmed, Registration, ATTENDANCE_FIELDS, default_user=history_user(by)
        )
    present = sum(1 for r in confirmed if r.attended)
    return RegisterResult(attended=present, not_attended=len(confirmed) - present)


def group_attendance_declare(
    *,
    event: Event,
    by: Person | None,
    host_person: Person,
    member_person_ids: Iterable[int],
    now: dt.datetime | None = None,
) -> list[Registration]:
    """A group joined an online event on one person's link (2023/24 handbook,
    Practicalities: "please ensure that you inform ... so that we can ensure all
    attendees are marked as having attended"): each named member is recorded attended
    with the host's minutes (source `group`). The host must have a place; each member
    must be registered or eligible (a member without a place gets a confirmed one)."""
    now = now or timezone.now()
    _check_started(event, now)
    ids = {int(pk) for pk in member_person_ids} - {host_person.pk}
    with transaction.atomic():
        event = _lock(event)
        host = event.registrations.filter(person=host_person).first()
        if host is None:
            raise ValidationError(
                HOST_NOT_REGISTERED.format(name=host_person.full_name), code="host"
            )
        if not ids:
            raise ValidationError(NO_MEMBERS.format(name=host_person.full_name), code="members")
        people = list(Person.objects.filter(pk__in=ids))
        if len(people) < len(ids):
            raise ValidationError(UNKNOWN_PEOPLE, code="unknown")
        existing, new = _registrations_for(event, people, now=now)
        for registration in [*existing, *new]:
            _record(
                registration,
                attended=True,
                minutes=host.minutes_attended,
                source=AttendanceSource.GROUP,
                now=now,
            )
        # Attendance is part of the registration's history (ADR 0016).
        user = history_user(by)
        history_baseline(model=Registration, pks=[r.pk for r in existing])
        bulk_update_with_history(existing, Registration, ATTENDANCE_FIELDS, default_user=user)
        bulk_create_with_history(new, Registration, default_user=user)
    return [*existing, *new]
