"""People's rights over their data (ISSUE 14, part 2): what the platform remembers of an
erasure or a de-identification, and nothing else.

A person erased on request (or for an account unused too long) stays as an anonymous stub
so that every figure counted from their rows stays true; `Erasure` marks the stub, so a
second erasure finds it and does nothing, and a retention run never counts it again. It
holds no personal data: not the old name, not the old email."""

from __future__ import annotations

from django.db import models

from mathshubs.directory.models import Person
from mathshubs.evaluation.models import SurveySeries


class ErasureReason(models.TextChoices):
    REQUEST = "request", "On the person's request"
    INACTIVE = "inactive", "Account unused for the retention period"
    RESPONDENT = "respondent", "Survey answers de-identified after the retention period"


class Erasure(models.Model):
    """That this person row is an anonymous stub, why, when, and who erased it."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="erasure")
    reason = models.CharField(max_length=12, choices=ErasureReason.choices)
    at = models.DateTimeField()
    # Who did it (the national team's member), kept for accountability; blank when the
    # retention schedule did it.
    by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["reason", "at"])]


class DeidentifiedSeries(models.Model):
    """A survey series whose answers the retention schedule has de-identified: done once,
    a whole series at a time (privacy.retention.survey_answers_deidentify)."""

    series = models.OneToOneField(
        SurveySeries, on_delete=models.CASCADE, related_name="deidentified"
    )
    at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "de-identified survey series"
