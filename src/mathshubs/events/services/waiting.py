"""The waiting list of a full event and the offers of freed places (ISSUE 5, part 4: "When
full, people can join a waiting list; a freed place goes to the first on it, who is told by
email and must confirm by the deadline").

- An eligible person joins the list only while the event is full and the confirmation
  deadline has not passed; their place in the queue is `waiting_since`.
- A freed place (a cancellation, or more places given by the organiser) is offered to the
  first waiting: their registration becomes OFFERED and holds the place (places taken are
  confirmed plus offered) until they confirm it with `registration_confirm`. The offer
  lapses at the confirmation deadline, when no one can confirm any more.
- Every change happens under the event row lock that guards confirmations, so two
  cancellations never offer the same place twice.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mathshubs.directory.models import Person
from mathshubs.events.models import Event, Registration, RegistrationStatus
from mathshubs.events.services.registrations import (
    _deadline_text,
    _lock_event,
    _places_taken,
    check_may_reply,
    offers_make,
)

NOT_FULL = "This event still has places. Confirm your attendance instead."
ALREADY_CONFIRMED = "You have already confirmed your attendance at this event."
PLACE_HELD = "A place is held for you. Confirm your attendance by {deadline} to take it."
NOT_WAITING = "You are not on the waiting list for this event."


def waiting_list_join(
    *, event: Event, person: Person, now: dt.datetime | None = None
) -> Registration:
    """Join the waiting list of a full event: only an eligible person, only until the
    confirmation deadline. Joining twice keeps the first place in the queue."""
    now = now or timezone.now()
    check_may_reply(event=event, person=person, now=now, action="join the waiting list")
    with transaction.atomic():
        locked = _lock_event(event.pk)
        registration, _ = Registration.objects.get_or_create(
            event=locked, person=person, defaults={"status": RegistrationStatus.CANCELLED}
        )
        if registration.status == RegistrationStatus.WAITING:
            return registration
        if registration.status == RegistrationStatus.CONFIRMED:
            raise ValidationError(ALREADY_CONFIRMED, code="state")
        if registration.status == RegistrationStatus.OFFERED:
            raise ValidationError(
                PLACE_HELD.format(deadline=_deadline_text(locked)), code="offered"
            )
        if locked.capacity is None or _places_taken(locked) < locked.capacity:
            raise ValidationError(NOT_FULL, code="not_full")
        registration.status, registration.waiting_since = RegistrationStatus.WAITING, now
        registration.offered_at = None
        registration.save(update_fields=["status", "waiting_since", "offered_at"])
    return registration


def waiting_list_leave(
    *, event: Event, person: Person, now: dt.datetime | None = None
) -> Registration:
    """Leave the waiting list, or turn down a place offered from it: that place then goes
    to the next person waiting. Allowed at any time (it frees a place, never takes one)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock_event(event.pk)
        registration = Registration.objects.filter(event=locked, person=person).first()
        waiting = (RegistrationStatus.WAITING, RegistrationStatus.OFFERED)
        if registration is None or registration.status not in waiting:
            raise ValidationError(NOT_WAITING, code="state")
        was_offered = registration.status == RegistrationStatus.OFFERED
        registration.status, registration.cancelled_at = RegistrationStatus.CANCELLED, now
        registration.waiting_since = registration.offered_at = None
        registration.save(update_fields=["status", "cancelled_at", "waiting_since", "offered_at"])
        if was_offered:
            offers_make(locked, now)
    return registration


def places_offer(*, event: Event, now: dt.datetime | None = None) -> list[Registration]:
    """Offer the event's free places to the first on its waiting list, in the order they
    joined; each is emailed once the transaction commits. Call it after anything that may
    free places (an organiser raising the capacity or removing it). Returns the offers."""
    now = now or timezone.now()
    with transaction.atomic():
        return offers_make(_lock_event(event.pk), now)
