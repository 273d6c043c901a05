"""What the events services tell people, by email, as background tasks (ISSUE 5, part 9).

Each function enqueues a task once the current transaction commits, so a rolled-back
change never sends an email. Called by the services; never by views.
"""

from __future__ import annotations

from mathshubs.events.models import Event, Registration


def notify_invited(*, event: Event, person_ids: list[int] | None = None) -> None:
    """Invitation emails: to the given people, or (None) to everyone eligible for `event`
    who has not been emailed yet."""


def notify_confirmed(*, registration: Registration) -> None:
    """The confirmation email, with the event's details and its .ics file."""


def notify_changed(*, event: Event, changes: list[str]) -> None:
    """The organiser changed the event (`changes`: what, in words): to confirmed people."""


def notify_cancelled(*, event: Event) -> None:
    """The organiser cancelled the event: to confirmed and waiting people."""


def notify_offered(*, registration: Registration) -> None:
    """A freed place is offered to the first on the waiting list."""
