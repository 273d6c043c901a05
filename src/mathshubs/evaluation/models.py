"""Evaluation (DOMAIN.md, "Evaluation"; 2023/24 handbook, "Impact evaluation and quality
assurance"): the Hub Activity Plan, Progress and Impact (HAPPI) form of each hub activity.

A form has three sections, Plan, Progress and Impact. Each is written as a draft (its
`draft`, a JSON document whose shape `content.py` defines), submitted, then returned
with a comment or accepted by the hub's staff. Every submission is kept as a
`HappiVersion`, never changed afterwards, so two can be compared.
"""

from __future__ import annotations

from django.db import models

from mathshubs.activities.models import Activity
from mathshubs.catalogue.models import NCP
from mathshubs.directory.models import Person


class ProjectLead(models.Model):
    """A national Project Lead of an NCP (the handbook: LLMEs lead "as directed by their
    Project Lead"): reads the HAPPI forms of every activity of that NCP."""

    ncp = models.ForeignKey(NCP, on_delete=models.CASCADE, related_name="project_leads")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="projects_led")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ncp", "person"], name="one_project_lead_row")
        ]


class SectionKind(models.TextChoices):
    PLAN = "plan", "Plan"
    PROGRESS = "progress", "Progress"
    IMPACT = "impact", "Impact"


SECTION_ORDER = [SectionKind.PLAN, SectionKind.PROGRESS, SectionKind.IMPACT]


class SectionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned"
    ACCEPTED = "accepted", "Accepted"


class HappiForm(models.Model):
    """The HAPPI form of one hub activity (one each)."""

    activity = models.OneToOneField(Activity, on_delete=models.CASCADE, related_name="happi")
    created_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "HAPPI form"

    def __str__(self) -> str:
        return f"HAPPI form: {self.activity}"


class HappiSection(models.Model):
    form = models.ForeignKey(HappiForm, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(max_length=10, choices=SectionKind.choices)
    status = models.CharField(
        max_length=12, choices=SectionStatus.choices, default=SectionStatus.NOT_STARTED
    )
    # What the leads are writing now; a submitted version is copied into HappiVersion.
    draft = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The latest review: a comment comes with a return, and may come with an acceptance.
    review_comment = models.TextField(blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["form", "kind"], name="one_section_of_each_kind")
        ]
        indexes = [models.Index(fields=["kind", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display()})"


class HappiVersion(models.Model):
    """One submission of a section, as it was submitted: never changed afterwards, except
    that its review (returned or accepted, with who, when and the comment) is recorded."""

    section = models.ForeignKey(HappiSection, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = models.JSONField(default=dict)
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review = models.CharField(
        max_length=12,
        blank=True,
        choices=[(SectionStatus.RETURNED, "Returned"), (SectionStatus.ACCEPTED, "Accepted")],
    )
    review_comment = models.TextField(blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["section", "number"], name="one_version_number")
        ]
        ordering = ["section", "number"]


def attachment_path(attachment: HappiAttachment, filename: str) -> str:
    return f"happi/{attachment.section.form_id}/{filename}"


class HappiAttachment(models.Model):
    """Evidence of impact, a file against one planned outcome (or the section as a whole).
    Stored outside the public static files: downloads go through a view that checks who
    asks, as for event documents."""

    section = models.ForeignKey(HappiSection, on_delete=models.CASCADE, related_name="attachments")
    outcome_key = models.CharField(max_length=20, blank=True)
    title = models.CharField(max_length=255)
    file = models.FileField(upload_to=attachment_path, max_length=500)
    size = models.PositiveIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]


class TimelineTick(models.Model):
    """An item of the evaluation timeline that an activity's lead ticked by hand (the ones
    the platform cannot see: "Conduct local field work"); the others tick themselves."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="timeline_ticks")
    item = models.CharField(max_length=30)
    ticked_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ticked_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "item"], name="one_tick_per_item")
        ]


from mathshubs.evaluation.results.models import *  # noqa: E402,F403  (reminders)
from mathshubs.evaluation.surveys.models import *  # noqa: E402,F403  (the surveys' models)
