"""The events emails (ISSUE 5, part 9): invitation, confirmation (with the .ics), change and
cancellation by the organiser, a waiting-list offer, and a reminder before the deadline.

Plain text, to each person's main contact email (2023/24 handbook, Practicalities: "the one
used to send you invitations for your events"). They never carry a join link, which is
personal and must not be shared, nor anyone's requirements: people Connect from the event
page. Sent by the task worker (events/tasks.py); many at once go through one connection.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.mail import EmailMessage
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from mathshubs.dates import LONDON, working_days_before
from mathshubs.directory.models import Person
from mathshubs.events import ics, selectors
from mathshubs.events.models import Event, Registration, RegistrationStatus
from mathshubs.events.rules import confirmation_deadline, confirmation_open
from mathshubs.events.templatetags.event_tags import confirm_by, event_when
from mathshubs.mail import BATCH, send_all, site_url
from mathshubs.ops import leases

SUBJECT_INVITATION = "Invitation: {title}, {day}"
SUBJECT_CONFIRMED = "Attendance confirmed: {title}, {day}"
SUBJECT_CHANGED = "Event changed: {title}, {day}"
SUBJECT_CANCELLED = "Event cancelled: {title}, {day}"
SUBJECT_OFFERED = "A place is free for you: {title}, {day}"
SUBJECT_REMINDER = "Reminder: confirm by {deadline_day} for {title}"

REMINDER_WORKING_DAYS = 3
"""How long before the confirmation deadline the reminder goes to eligible people who have
not replied: from 08:00 (London) on the working day that lies 3 working days before the
deadline's day. The issue says "a few working days before the deadline"; 3 is our
decision: late enough to catch people who meant to reply, early enough that a reply after
asking a head teacher still lands before the deadline."""
REMINDER_TIME = dt.time(8, 0)


# -- words ----------------------------------------------------------------------------


def event_page_url(event: Event) -> str:
    """The absolute address of the event's page."""
    try:
        path = reverse("events:detail", args=[event.pk])
    except NoReverseMatch:  # the participant pages not wired yet: their agreed address
        path = f"/events/{event.pk}/"
    return site_url(path)


# The words of the event's page (events/templatetags/event_tags.py), so an email and the
# page never say a time differently.
when_text = event_when


def deadline_text(event: Event) -> str:
    """Tuesday 5 March 2024 at 23:59 (the words the event page and its errors use)."""
    return confirm_by(event)


def _subject(template: str, event: Event) -> str:
    local = event.starts_at.astimezone(LONDON)
    deadline = confirmation_deadline(event)
    return template.format(
        title=event.full_title,
        day=f"{local.day} {local:%B %Y}",
        deadline_day=f"{deadline:%A} {deadline.day} {deadline:%B}",
    )


def _where(event: Event) -> str:
    if event.is_online:
        return "Online"
    lines = [event.venue.strip(), *(line.strip() for line in event.address.splitlines())]
    return ", ".join(line for line in lines if line) or "Face to face (venue to be confirmed)"


def _contact(event: Event) -> str:
    if event.contact_name and event.contact_email:
        return f"{event.contact_name} ({event.contact_email})"
    if event.contact_email or event.contact_name:
        return event.contact_email or event.contact_name
    hub = event.hub if event.hub_id else None
    if hub is not None and hub.email:
        return f"{hub.name} ({hub.email})"
    return "your local Maths Hub"


def _context(event: Event) -> dict[str, object]:
    return {
        "event": event,
        "when": when_text(event),
        "where": _where(event),
        "deadline": deadline_text(event),
        "event_url": event_page_url(event),
        "login_url": site_url(reverse("accounts:login")),
        "contact": _contact(event),
        "face_to_face": not event.is_online,
    }


def _message(
    *, person: Person, subject: str, template: str, context: dict[str, object]
) -> EmailMessage:
    body = render_to_string(f"events/emails/{template}", {**context, "person": person})
    return EmailMessage(subject=subject, body=str(body).strip() + "\n", to=[person.email])


def _to_each(
    people: Iterable[Person], *, event: Event, subject: str, template: str, **extra: object
) -> int:
    context = {**_context(event), **extra}
    subject = _subject(subject, event)
    return send_all(
        _message(person=p, subject=subject, template=template, context=context) for p in people
    )


# -- who ------------------------------------------------------------------------------


def _registered(event: Event, *statuses: str) -> QuerySet[Person]:
    registrations = Registration.objects.filter(event=event, status__in=statuses)
    return Person.objects.filter(pk__in=registrations.values("person_id")).order_by("pk")


# -- the emails -----------------------------------------------------------------------


def invitations_send(
    *, event_id: int, person_ids: list[int] | None = None, now: dt.datetime | None = None
) -> int:
    """Invitation emails for an event still to come and not cancelled. `person_ids`: those
    people (if eligible); None: everyone eligible who has not replied, once per event (the
    first run claims `invitations_sent_at` with a conditional UPDATE, so another task or
    a second worker sends nothing; the same task run again after its worker died carries
    on where it stopped)."""
    now = now or timezone.now()
    event = Event.objects.select_related("hub", "activity", "ncp").filter(pk=event_id).first()
    if event is None or event.cancelled_at is not None or event.starts_at <= now:
        return 0
    people = selectors.eligible_people(event).order_by("pk")
    if person_ids is not None:
        people = people.filter(pk__in=person_ids)
    else:
        if not leases.claim_update(
            Event.objects.filter(pk=event.pk, invitations_sent_at__isnull=True),
            key=f"event-invitations:{event.pk}",
            invitations_sent_at=now,
        ):
            return 0
        people = people.exclude(pk__in=event.registrations.values("person_id"))
    return _to_each(
        people.iterator(chunk_size=BATCH),
        event=event,
        subject=SUBJECT_INVITATION,
        template="invitation.txt",
        still_open=confirmation_open(event, now),
    )


def confirmation_send(*, registration_id: int) -> int:
    """The person's own confirmation, with the event's .ics attached; nothing if they have
    cancelled since."""
    registration = (
        Registration.objects.select_related("event__hub", "event__activity", "event__ncp", "person")
        .filter(pk=registration_id, status=RegistrationStatus.CONFIRMED)
        .first()
    )
    if registration is None:
        return 0
    event = registration.event
    message = _message(
        person=registration.person,
        subject=_subject(SUBJECT_CONFIRMED, event),
        template="confirmed.txt",
        context=_context(event),
    )
    url = event_page_url(event)
    message.attach("event.ics", ics.event_ics(event, url=url, now=timezone.now()), "text/calendar")
    return send_all([message])


def change_send(*, event_id: int, changes: list[str]) -> int:
    """What the organiser changed, to the people holding a place (confirmed or offered)."""
    event = Event.objects.select_related("hub", "activity", "ncp").filter(pk=event_id).first()
    if event is None:
        return 0
    people = _registered(event, RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)
    return _to_each(
        people.iterator(chunk_size=BATCH),
        event=event,
        subject=SUBJECT_CHANGED,
        template="changed.txt",
        changes=changes,
    )


def cancellation_send(*, event_id: int) -> int:
    """The organiser cancelled the event: to everyone confirmed, offered or waiting."""
    event = Event.objects.select_related("hub", "activity", "ncp").filter(pk=event_id).first()
    if event is None:
        return 0
    people = _registered(
        event,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.OFFERED,
        RegistrationStatus.WAITING,
    )
    return _to_each(
        people.iterator(chunk_size=BATCH),
        event=event,
        subject=SUBJECT_CANCELLED,
        template="cancelled.txt",
    )


def offer_send(*, registration_id: int) -> int:
    """A freed place is held for the person: confirm by the deadline. Nothing if the offer
    is no longer standing (taken, turned down, the event cancelled)."""
    registration = (
        Registration.objects.select_related("event__hub", "event__activity", "event__ncp", "person")
        .filter(pk=registration_id, status=RegistrationStatus.OFFERED)
        .first()
    )
    if registration is None or registration.event.cancelled_at is not None:
        return 0
    return _to_each(
        [registration.person],
        event=registration.event,
        subject=SUBJECT_OFFERED,
        template="offered.txt",
    )


def reminder_from(event: Event) -> dt.datetime:
    """When the reminder is due: 08:00 London on the working day REMINDER_WORKING_DAYS
    working days before the deadline's day. Online on Thursday 7 March 2024 (deadline
    Tuesday 5 March): from Thursday 29 February 2024, 08:00."""
    deadline_day = confirmation_deadline(event).astimezone(LONDON).date()
    day = working_days_before(deadline_day, REMINDER_WORKING_DAYS)
    return dt.datetime.combine(day, REMINDER_TIME, tzinfo=LONDON)


# Face to face: 10 working days before the event, then 3 more; with a Christmas or Easter
# in between, well under 40 calendar days. Events further away are never due.
_REMINDER_HORIZON = dt.timedelta(days=40)


def reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind eligible people who have not replied (no registration at all) that the
    deadline is near, once per event: events not cancelled, still open, whose reminder is
    due and not yet sent. Each event is claimed with a conditional UPDATE of
    `reminder_sent_at` before its emails go, so a re-run never sends twice. Returns how
    many emails were sent."""
    now = now or timezone.now()
    # Claimed by an earlier run of this task whose worker died: carried on.
    earlier = leases.claimed_earlier("event-reminder:")
    candidates = Event.objects.select_related("hub", "activity", "ncp").filter(
        Q(reminder_sent_at__isnull=True) | Q(pk__in=earlier),
        cancelled_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + _REMINDER_HORIZON,
    )
    sent = 0
    for event in candidates:
        due = reminder_from(event) <= now and confirmation_open(event, now)
        if not (due or event.pk in earlier):
            continue
        if not leases.claim_update(
            Event.objects.filter(pk=event.pk, reminder_sent_at__isnull=True),
            key=f"event-reminder:{event.pk}",
            reminder_sent_at=now,
        ):
            continue
        people = (
            selectors.eligible_people(event)
            .order_by("pk")
            .exclude(pk__in=event.registrations.values("person_id"))
        )
        sent += _to_each(
            people.iterator(chunk_size=BATCH),
            event=event,
            subject=SUBJECT_REMINDER,
            template="reminder.txt",
        )
    return sent
