"""Background work for surveys, run by `mathshubs worker`. `invitations_send` is enqueued
by services.running once a survey that is already open is created; `invitations_send_due`
is the hourly job (ops/schedule.py) that emails each survey when it opens."""

from __future__ import annotations

from django_tasks import task

from mathshubs.evaluation.surveys import emails


@task()
def invitations_send(*, survey_id: int) -> int:
    """The links of one survey, to everyone it is for (one task, one connection)."""
    return emails.invitations_send(survey_id=survey_id)


@task()
def invitations_send_due() -> int:
    return emails.invitations_send_due()
