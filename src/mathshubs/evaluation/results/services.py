"""Writes of the results part (ISSUE 10, part 3): an activity's lead sends a reminder of
an open participant survey to the activity's current participants who have not submitted
it, at most once every 3 working days per activity and survey (rules.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from mathshubs.activities.models import Activity
from mathshubs.directory.rules import person_of
from mathshubs.evaluation.results.completion import non_respondents
from mathshubs.evaluation.results.models import SurveyReminder
from mathshubs.evaluation.results.rules import (
    can_send_reminder,
    reminder_allowed,
    reminder_next_possible,
)
from mathshubs.evaluation.surveys.models import PARTICIPANT_AUDIENCES, Survey
from mathshubs.evaluation.surveys.rules import survey_is_open

ONLY_LEADS = "Only the activity's leads can send a reminder of its surveys"
NOT_A_PARTICIPANT_SURVEY = "Reminders go to participants: choose a participant survey"
NOT_OPEN = "You can send a reminder only while the survey is open"
NOBODY_TO_REMIND = "Every current participant has completed this survey: nobody to remind"
TOO_SOON = (
    "A reminder of this survey went to this activity's participants on {sent}. "
    "You can send one every 3 working days: the next from {next}"
)


def _when(moment: dt.datetime) -> str:
    from mathshubs.dates import LONDON
    from mathshubs.evaluation.surveys.rules import day_text

    return day_text(moment.astimezone(LONDON).date())


def reminder_send(
    *, survey: Survey, activity: Activity, by: Any, now: dt.datetime | None = None
) -> SurveyReminder:
    """Record a reminder and email it (a background task, one connection) to the
    activity's current participants who have not submitted the survey for it. The
    activity's row is locked while the last reminder is checked, so two leads pressing
    the button at once send one."""
    now = now or timezone.now()
    if not can_send_reminder(by, activity):
        raise PermissionDenied(ONLY_LEADS)
    if survey.audience not in PARTICIPANT_AUDIENCES:
        raise ValidationError(NOT_A_PARTICIPANT_SURVEY, code="invalid")
    if not survey_is_open(survey, now):
        raise ValidationError(NOT_OPEN, code="invalid")
    from mathshubs.evaluation.results.tasks import reminders_send

    with transaction.atomic():
        Activity.objects.select_for_update().filter(pk=activity.pk).values_list("pk").first()
        last = SurveyReminder.objects.filter(survey=survey, activity=activity).aggregate(
            last=Max("sent_at")
        )["last"]
        if not reminder_allowed(last, now):
            possible = reminder_next_possible(last)
            assert last is not None and possible is not None
            raise ValidationError(
                TOO_SOON.format(sent=_when(last), next=_when(possible)), code="too_soon"
            )
        people = non_respondents(survey=survey, activity=activity)
        if not people:
            raise ValidationError(NOBODY_TO_REMIND, code="invalid")
        reminder = SurveyReminder.objects.create(
            survey=survey,
            activity=activity,
            sent_at=now,
            sent_by=person_of(by),
            recipients=len(people),
        )
        reminder_id = reminder.pk
        transaction.on_commit(lambda: reminders_send.enqueue(reminder_id=reminder_id))
    return reminder
