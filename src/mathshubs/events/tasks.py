"""Background work for events, run by `mathshubs worker` and scheduled in ops/schedule.py.

The email tasks are enqueued by events/notify.py once a change commits; they take ids,
never secrets, and the work is in events/emails.py."""

from __future__ import annotations

from django_tasks import task

from mathshubs.events import emails
from mathshubs.events.services import requirements_erase_due


@task()
def requirements_erase() -> int:
    """Erase dietary, access and other requirements once their event is long enough past."""
    return requirements_erase_due()


@task()
def invitations_send(*, event_id: int, person_ids: list[int] | None = None) -> int:
    """Invitation emails for one event, to a list or to everyone eligible (one task for a
    whole list: the messages go through one connection)."""
    return emails.invitations_send(event_id=event_id, person_ids=person_ids)


@task()
def confirmation_send(*, registration_id: int) -> int:
    return emails.confirmation_send(registration_id=registration_id)


@task()
def change_send(*, event_id: int, changes: list[str]) -> int:
    return emails.change_send(event_id=event_id, changes=changes)


@task()
def cancellation_send(*, event_id: int) -> int:
    return emails.cancellation_send(event_id=event_id)


@task()
def offer_send(*, registration_id: int) -> int:
    return emails.offer_send(registration_id=registration_id)


@task()
def reminders_send() -> int:
    """Hourly: the reminder before the confirmation deadline to eligible people who have
    not replied, once per event (emails.REMINDER_WORKING_DAYS)."""
    return emails.reminders_send()
