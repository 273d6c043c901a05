"""Hub activities: one hub's local run of a project in one year (DOMAIN.md, "Hub activities").

The foundation needs only who leads and who takes part, for the permission
rules; the catalogue link, enrolment detail and the journey come later.
"""

from __future__ import annotations

from django.db import models

from mathshubs.directory.models import Hub, Institution, Person


class ActivityType(models.TextChoices):
    WORK_GROUP = "work_group", "Work Group"
    PROGRAMME = "programme", "Programme"
    COMMUNITY = "community", "Community"
    INTENSIVE_SUPPORT = "intensive_support", "Intensive Support"


class Activity(models.Model):
    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="activities")
    academic_year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    ncp_code = models.CharField(max_length=16, blank=True)
    activity_type = models.CharField(max_length=20, choices=ActivityType.choices)
    leads = models.ManyToManyField(Person, related_name="led_activities", blank=True)

    class Meta:
        ordering = ["-academic_year", "title"]
        indexes = [models.Index(fields=["hub", "academic_year"])]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    """A person taking part in an activity, for their institution."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    institution = models.ForeignKey(
        Institution, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_lead_participant = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="one_participation")
        ]
