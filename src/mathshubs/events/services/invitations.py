"""Invitations and join links (ISSUE 5, parts 2 and 5): invite people one by one or by a
CSV of emails, and give each person with a place their own join link (typed, or imported
from Zoom's registrants export). Only an event's organisers
(`events.rules.can_organise_event`); every service checks again, so the API and the pages
cannot differ.

Imports are all-or-nothing: every row is checked first, every problem is reported with its
line, and nothing is written unless all rows are good. The file's text is read by
`mathshubs.csvfiles`, as the attendance reports are.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower

from mathshubs import csvfiles
from mathshubs.activities.models import EnrolmentStatus, Participation
from mathshubs.directory.models import Person
from mathshubs.directory.rules import person_of
from mathshubs.events import notify
from mathshubs.events.models import Event, Invitation, Registration
from mathshubs.events.services.organising import (
    URL_NOT_WEB,
    _check_organiser,
    _invalid,
    _is_email,
    _is_web_url,
)

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
        # Invitations to one event queue behind its row lock: two requests inviting the
        # same people at once would otherwise both find them not invited, and both email.
        Event.objects.select_for_update().filter(pk=event.pk).first()
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


_NOT_READ = {
    csvfiles.EMPTY: (FILE_EMPTY, "empty"),
    csvfiles.TOO_BIG: (FILE_TOO_BIG, "size"),
    csvfiles.NOT_UTF8: (FILE_NOT_TEXT, "encoding"),
    csvfiles.HAS_NUL: (FILE_NOT_TEXT, "encoding"),
}


def _header_name(cell: str) -> str:
    return re.sub(r"[\s_\-]+", " ", cell).strip().lower()


def _read_csv(file: Any) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """A CSV file's header and its rows with their line numbers. UTF-8 with or without a
    byte order mark (Excel adds one); commas, or semicolons or tabs (some spreadsheets'
    CSV). The header is the first row naming an email column, so the lines Zoom's reports
    put above their table are skipped; its names are lower-cased, _ and - read as spaces.
    Returns an empty header when no row names an email column."""
    try:
        data = csvfiles.upload_read(file, max_bytes=MAX_FILE_BYTES)
    except csvfiles.NotText as refused:
        message, code = _NOT_READ[refused.problem]
        raise _invalid("file", message, code) from None
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
