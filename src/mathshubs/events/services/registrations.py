"""Writes to events and registrations: every change of a person's reply goes through here."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
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


def link_token_new() -> str:
    """The secret in a person's own Connect link (/events/connect/<token>/)."""
    return secrets.token_urlsafe(24)


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
        registration.link_token = registration.link_token or link_token_new()
        registration.save(update_fields=["status", "confirmed_at", "cancelled_at", "link_token"])
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
