"""What the events services tell people, by email, as background tasks (ISSUE 5, part 9).

Each function enqueues a task once the current transaction commits, so a rolled-back
change never sends an email. Called by the services; never by views. The tasks take ids
(never secrets) and read the rows again when they run, so an email reflects the state
at sending: a confirmation cancelled before the worker ran sends nothing.
"""

from __future__ import annotations

from django.db import transaction

from mathshubs.events.models import Event, Registration


def notify_invited(*, event: Event, person_ids: list[int] | None = None) -> None:
    """Invitation emails: to the given people, or (None) to everyone eligible for `event`
    who has not been emailed yet (once per event: `Event.invitations_sent_at`). One task
    for the whole list, however long."""
    from mathshubs.events.tasks import invitations_send

    ids = None if person_ids is None else sorted({int(pk) for pk in person_ids})
    event_id = event.pk
    transaction.on_commit(lambda: invitations_send.enqueue(event_id=event_id, person_ids=ids))


def notify_confirmed(*, registration: Registration) -> None:
    """The confirmation email, with the event's details and its .ics file."""
    from mathshubs.events.tasks import confirmation_send

    registration_id = registration.pk
    transaction.on_commit(lambda: confirmation_send.enqueue(registration_id=registration_id))


def notify_changed(*, event: Event, changes: list[str]) -> None:
    """The organiser changed the event (`changes`: what, in words): to confirmed people."""
    from mathshubs.events.tasks import change_send

    event_id, what = event.pk, [str(change) for change in changes]
    transaction.on_commit(lambda: change_send.enqueue(event_id=event_id, changes=what))


def notify_cancelled(*, event: Event) -> None:
    """The organiser cancelled the event: to confirmed and waiting people."""
    from mathshubs.events.tasks import cancellation_send

    event_id = event.pk
    transaction.on_commit(lambda: cancellation_send.enqueue(event_id=event_id))


def notify_offered(*, registration: Registration) -> None:
    """A freed place is offered to the first on the waiting list."""
    from mathshubs.events.tasks import offer_send

    registration_id = registration.pk
    transaction.on_commit(lambda: offer_send.enqueue(registration_id=registration_id))
