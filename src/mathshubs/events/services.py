"""Writes to events and registrations: every change of a person's reply goes through here."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from mathshubs.dates import LONDON
from mathshubs.directory.models import Person
from mathshubs.events.models import Event, Registration, RegistrationStatus
from mathshubs.events.rules import confirmation_deadline, confirmation_open
from mathshubs.events.selectors import is_eligible

NOT_ELIGIBLE = (
    "You are not invited to this event. Ask the event's contact if you think you should be."
)
DEADLINE_PASSED = (
    "The deadline to {action} was {deadline}. Contact {contact} if you still need to {action}."
)
EVENT_FULL = "This event is full. You can join the waiting list."
NOT_CONFIRMED = "You have not confirmed your attendance at this event."


def _deadline_text(event: Event) -> str:
    deadline = confirmation_deadline(event).astimezone(LONDON)
    return f"{deadline:%A} {deadline.day} {deadline:%B %Y} at 23:59"


def _contact_text(event: Event) -> str:
    return event.contact_email or event.contact_name or "your Maths Hub"


def _check_open(event: Event, now: dt.datetime, action: str) -> None:
    if not confirmation_open(event, now):
        message = DEADLINE_PASSED.format(
            action=action, deadline=_deadline_text(event), contact=_contact_text(event)
        )
        raise ValidationError(message, code="deadline")


def _lock_event(event_id: int) -> Event:
    """The event row, locked until the transaction ends: the guard against overbooking."""
    return Event.objects.select_for_update().get(pk=event_id)


def _places_taken(event: Event) -> int:
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def registration_confirm(
    *, event: Event, person: Person, now: dt.datetime | None = None
) -> Registration:
    """Confirm a place (2023/24 handbook, Practicalities): only an eligible person, only until
    the confirmation deadline, and never more confirmations than places. The event row is
    locked while the places are counted, so simultaneous confirmations queue behind each
    other instead of overbooking."""
    now = now or timezone.now()
    if not is_eligible(person=person, event=event):
        raise PermissionDenied(NOT_ELIGIBLE)
    _check_open(event, now, "confirm")
    with transaction.atomic():
        locked = _lock_event(event.pk)
        registration, _ = Registration.objects.get_or_create(
            event=locked, person=person, defaults={"status": RegistrationStatus.CANCELLED}
        )
        if registration.status == RegistrationStatus.CONFIRMED:
            return registration
        if locked.capacity is not None and _places_taken(locked) >= locked.capacity:
            raise ValidationError(EVENT_FULL, code="full")
        registration.status = RegistrationStatus.CONFIRMED
        registration.confirmed_at, registration.cancelled_at = now, None
        registration.save(update_fields=["status", "confirmed_at", "cancelled_at"])
    return registration


def registration_cancel(
    *, event: Event, person: Person, now: dt.datetime | None = None
) -> Registration:
    """Cancel a confirmed place, until the same deadline as confirming."""
    now = now or timezone.now()
    _check_open(event, now, "cancel")
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update().filter(event=event, person=person).first()
        )
        if registration is None or registration.status != RegistrationStatus.CONFIRMED:
            raise ValidationError(NOT_CONFIRMED, code="state")
        registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, now
        registration.save(update_fields=["status", "cancelled_at"])
    return registration
