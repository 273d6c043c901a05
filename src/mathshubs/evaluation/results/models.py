"""The survey reminders an activity's lead sends (ISSUE 10, part 3): one row a reminder,
kept so that `rules.reminder_next_possible` can hold them to one every 3 working days per
activity and survey. `recipients` is how many people it went to, not who."""

from __future__ import annotations

from django.db import models

from mathshubs.activities.models import Activity
from mathshubs.directory.models import Person
from mathshubs.evaluation.surveys.models import Survey

__all__ = ["SurveyReminder"]


class SurveyReminder(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="reminders")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipients = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        indexes = [models.Index(fields=["survey", "activity", "sent_at"])]
