"""Background work of the results part, run by `mathshubs worker`."""

from __future__ import annotations

from django_tasks import task

from mathshubs.evaluation.results import emails


@task()
def reminders_send(*, reminder_id: int) -> int:
    """One reminder's emails, through one connection."""
    return emails.reminder_emails_send(reminder_id=reminder_id)
