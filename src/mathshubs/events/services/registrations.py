"""Writes to events and registrations: every change of a person's reply goes through here."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mathshubs.directory.models import Person
from mathshubs.events import notify
from mathshubs.events.models import Event, Registration, RegistrationStatus
from mathshubs.events.rules import confirmation_open
from mathshubs.events.selectors import is_eligible
from mathshubs.events.templatetags.event_tags import confirm_by

NOT_ELIGIBLE = (
    "You are not invited to this event. Ask the event's contact if you think you should be."
)
DEADLINE_PASSED = (
    "The deadline to {action} was {deadline}. Contact {contact} if you still need to {action}."
)
EVENT_FULL = "This event is full. You can join the waiting list."
NOT_CONFIRMED = "You have not confirmed your attendance at this event."


def _deadline_text(event: Event) -> str:
    return confirm_by(event)  # as the event's page says it


def _contact_text(event: Event) -> str:
    return event.contact_email or event.contact_name or "your Maths Hub"


def _check_open(event: Event, now: dt.datetime, action: str) -> None:
    if not confirmation_open(event, now):
        message = DEADLINE_PASSED.format(
            action=action, deadline=_deadline_text(event), contact=_contact_text(event)
        )
        raise ValidationError(message, code="deadline")


def check_may_reply(*, event: Event, person: Person, now: dt.datetime, action: str) -> None:
    """Only an eligible person replies (confirms, joins the waiting list), and only until
    the confirmation deadline."""
    if not is_eligible(person=person, event=event):
        raise PermissionDenied(NOT_ELIGIBLE)
    _check_open(event, now, action)


def _lock_event(event_id: int) -> Event:
    """The event row, locked until the transaction ends: the guard against overbooking."""
    return Event.objects.select_for_update().get(pk=event_id)


# A place offered to the first on the waiting list is held for them until they confirm
# (or until the confirmation deadline, after which no one can confirm anyway).
PLACE_HOLDING_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)


def _places_taken(event: Event) -> int:
    return event.registrations.filter(status__in=PLACE_HOLDING_STATUSES).count()


def link_token_new() -> str:
    """The secret in a person's own Connect link (/events/connect/<token>/)."""
    return secrets.token_urlsafe(24)


def registration_confirm(
    *, event: Event, person: Person, now: dt.datetime | None = None
) -> Registration:
    """Confirm a place (2023/24 handbook, Practicalities): only an eligible person, only until
    the confirmation deadline, and never more confirmations than places. The event row is
    locked while the places are counted, so simultaneous confirmations queue behind each
    other instead of overbooking. Someone offered a freed place from the waiting list takes
    the place held for them, however full the event is. The confirmation email goes once
    the transaction commits."""
    now = now or timezone.now()
    check_may_reply(event=event, person=person, now=now, action="confirm")
    with transaction.atomic():
        # Under the lock, as few round trips as possible: it is what every other
        # confirmation of this event waits for (benchmarks/confirmations.py).
        locked = _lock_event(event.pk)
        registration = Registration.objects.filter(event=locked, person=person).first()
        if registration is not None and registration.status == RegistrationStatus.CONFIRMED:
            return registration
        held_for_them = (
            registration is not None and registration.status == RegistrationStatus.OFFERED
        )
        if (
            not held_for_them
            and locked.capacity is not None
            and _places_taken(locked) >= locked.capacity
        ):
            raise ValidationError(EVENT_FULL, code="full")
        if registration is None:
            registration = Registration(event=locked, person=person)
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at, registration.cancelled_at = now, None
        registration.link_token = registration.link_token or link_token_new()
        if registration.pk is None:
            registration.save(force_insert=True)
        else:
            registration.save(
                update_fields=["status", "confirmed_at", "cancelled_at", "link_token"]
            )
        notify.notify_confirmed(registration=registration)
    return registration


def registration_cancel(
    *, event: Event, person: Person, now: dt.datetime | None = None
) -> Registration:
    """Cancel a confirmed place, until the same deadline as confirming. The freed place is
    offered to the first on the waiting list (`places_offer`), under the same event row
    lock, so two cancellations never offer one place twice."""
    now = now or timezone.now()
    _check_open(event, now, "cancel")
    with transaction.atomic():
        locked = _lock_event(event.pk)
        registration = (
            Registration.objects.select_for_update().filter(event=event, person=person).first()
        )
        if registration is None or registration.status != RegistrationStatus.CONFIRMED:
            raise ValidationError(NOT_CONFIRMED, code="state")
        registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, now
        registration.save(update_fields=["status", "cancelled_at"])
        offers_make(locked, now)
    return registration


def offers_make(locked: Event, now: dt.datetime) -> list[Registration]:
    """Offer each free place of an event whose row the caller has locked to the next on its
    waiting list, by the time they joined it (ISSUE 5, part 4: "a freed place goes to the
    first on it, who is told by email and must confirm by the deadline"). Nothing is
    offered once the event is cancelled or its confirmation deadline has passed: no one
    could confirm it. Called by `registration_cancel` and `waiting.places_offer`."""
    if not confirmation_open(locked, now):
        return []
    waiting = Registration.objects.filter(event=locked, status=RegistrationStatus.WAITING).order_by(
        "waiting_since", "pk"
    )
    if locked.capacity is not None:
        free = locked.capacity - _places_taken(locked)
        if free <= 0:
            return []
        waiting = waiting[:free]
    offered = list(waiting)
    for registration in offered:
        registration.status, registration.offered_at = RegistrationStatus.OFFERED, now
        registration.save(update_fields=["status", "offered_at"])
        notify.notify_offered(registration=registration)
    return offered


REQUIREMENTS_ONLY_FACE_TO_FACE = "Requirements are asked for face-to-face events only."
REQUIREMENTS_AFTER_CONFIRMING = (
    "Confirm your attendance first: then you can give your requirements."
)
REQUIREMENTS_TOO_LONG = "Each requirement must be 2,000 characters or fewer."
REQUIREMENTS_FIELDS = ("dietary_requirements", "access_requirements", "other_requirements")


def requirements_save(
    *, event: Event, person: Person, dietary: str, access: str, other: str
) -> Registration:
    """Save a person's dietary, access and other requirements for a face-to-face event they
    confirmed (2023/24 handbook, Practicalities: the Requirements tab and its Save button).
    They are sensitive personal data: only the person and the event's organisers see them,
    and `requirements_erase_due` erases them after the event."""
    if event.is_online:
        raise ValidationError(REQUIREMENTS_ONLY_FACE_TO_FACE, code="online")
    values = [text.strip() for text in (dietary, access, other)]
    if any(len(text) > 2000 for text in values):
        raise ValidationError(REQUIREMENTS_TOO_LONG, code="max_length")
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().filter(event=event, person=person).first()
        )
        if registration is None or registration.status != RegistrationStatus.CONFIRMED:
            raise ValidationError(REQUIREMENTS_AFTER_CONFIRMING, code="state")
        for name, text in zip(REQUIREMENTS_FIELDS, values, strict=True):
            setattr(registration, name, text)
        registration.save(update_fields=list(REQUIREMENTS_FIELDS))
    return registration


def requirements_erase_due(*, now: dt.datetime | None = None) -> int:
    """Erase the requirements of events that ended more than REQUIREMENTS_RETENTION_DAYS
    ago (ISSUE 5, part 6), as one UPDATE; returns how many registrations were erased."""
    now = now or timezone.now()
    ended_before = now - dt.timedelta(days=settings.REQUIREMENTS_RETENTION_DAYS)
    held = Q()
    for name in REQUIREMENTS_FIELDS:
        held |= ~Q(**{name: ""})
    return Registration.objects.filter(held, event__ends_at__lt=ended_before).update(
        **dict.fromkeys(REQUIREMENTS_FIELDS, ""), requirements_erased_at=now
    )
