"""Hub activities: one hub's local run of a project in one year (DOMAIN.md, "Hub activities"),
the schools and people taking part, and the LLME register (DOMAIN.md, "LLMEs").
"""

from __future__ import annotations

from django.db import models

from mathshubs.catalogue.models import NCP, NCPPhase
from mathshubs.directory.models import Hub, Institution, Person


class ActivityType(models.TextChoices):
    WORK_GROUP = "work_group", "Work Group"
    PROGRAMME = "programme", "Programme"
    COMMUNITY = "community", "Community"
    INTENSIVE_SUPPORT = "intensive_support", "Intensive Support"


class Activity(models.Model):
    """A hub's run of an NCP in a year, or a local activity with no NCP (e.g. an RIWG)."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="activities")
    academic_year = models.PositiveSmallIntegerField()
    ncp = models.ForeignKey(
        NCP, null=True, blank=True, on_delete=models.PROTECT, related_name="activities"
    )
    title = models.CharField(max_length=255)
    # Kept beside the link for local activities and for reading without a join.
    ncp_code = models.CharField(max_length=16, blank=True)
    activity_type = models.CharField(max_length=20, choices=ActivityType.choices)
    phase = models.CharField(max_length=12, choices=NCPPhase.choices, blank=True)
    is_riwg = models.BooleanField("Research and Innovation Work Group", default=False)
    research_question = models.TextField(blank=True)
    # For role-based grants (e.g. "hosting" / "non-hosting"): a key of the NCP's rules.
    grant_role = models.CharField(max_length=40, blank=True)
    leads = models.ManyToManyField(Person, related_name="led_activities", blank=True)
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, null=True)

    class Meta:
        ordering = ["-academic_year", "title"]
        indexes = [
            models.Index(fields=["hub", "academic_year"]),
            models.Index(fields=["academic_year", "ncp"]),
        ]
        verbose_name_plural = "activities"

    def __str__(self) -> str:
        return self.title


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", "Enrolled"
    COMPLETED = "completed", "Completed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ActivitySchool(models.Model):
    """An institution taking part in an activity. Withdrawals are kept, with date and reason."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="schools")
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="activity_enrolments"
    )
    status = models.CharField(
        max_length=12, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ENROLLED
    )
    enrolled_on = models.DateField()
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    # Keys of the NCP's participant_criteria this school meets.
    criteria_met = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "institution"], name="one_enrolment")
        ]
        indexes = [models.Index(fields=["institution", "status"])]

    def __str__(self) -> str:
        return f"{self.institution} in {self.activity}"


class Participation(models.Model):
    """A person taking part in an activity, for their institution."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    institution = models.ForeignKey(
        Institution, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_lead_participant = models.BooleanField(default=False)
    status = models.CharField(
        max_length=12, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ENROLLED
    )
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "person"], name="one_participation")
        ]


class Expertise(models.TextChoices):
    """The three elements of LLME expertise (2023/24 handbook, "Three elements of LLME
    expertise")."""

    PEDAGOGY = "pedagogy", "Leading maths pedagogy"
    PROFESSIONAL_DEVELOPMENT = (
        "professional_development",
        "Leading maths teacher professional development",
    )
    SCHOOL_DEVELOPMENT = "school_development", "Leading school development in maths"


class LLMEExpertise(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="expertise")
    element = models.CharField(max_length=30, choices=Expertise.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "element"], name="one_expertise_element")
        ]


class DevelopmentProgrammeKind(models.TextChoices):
    MASTERY_SPECIALIST = "mastery_specialist", "Mastery Specialist Programme"
    PD_LEAD = "pd_lead", "NCETM Professional Development Lead Programme"
    SCHOOL_DEVELOPMENT_LEAD = "school_development_lead", "NCETM School Development Lead Programme"


class DevelopmentProgramme(models.Model):
    """An LLME's place on an accredited development programme."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="development_programmes"
    )
    programme = models.CharField(max_length=30, choices=DevelopmentProgrammeKind.choices)
    phase = models.CharField(max_length=12, choices=NCPPhase.choices, blank=True)
    cohort = models.CharField(max_length=40, blank=True)
    hub = models.ForeignKey(Hub, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    started_year = models.PositiveSmallIntegerField()
    completed_on = models.DateField(null=True, blank=True)
    accredited_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "programme", "started_year"], name="one_programme_start"
            )
        ]
        indexes = [models.Index(fields=["hub", "started_year"])]
