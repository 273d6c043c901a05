"""The yearly national project catalogue (DOMAIN.md, "The national project catalogue").

A year's catalogue is data in the repository (`catalogues/<year>.yaml`), loaded by
`mathshubs import-catalogue`; these tables hold what was loaded. Structured sections
(outcomes, the national schedule, finances, participant criteria) are JSON validated
by the schema in `catalogue/schema.py` before they are stored.
"""

from __future__ import annotations

import re

from django.db import models

from mathshubs.dates import academic_year_label


class NCPPhase(models.TextChoices):
    EARLY_YEARS = "early_years", "Early Years"
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"
    POST_16 = "post16", "Post-16"
    SPECIAL = "special", "Special schools"


class NCPType(models.TextChoices):
    """Types of professional development activity, in the handbook's order."""

    WORK_GROUP = "work_group", "Work Group"
    PROGRAMME = "programme", "Programme"
    COMMUNITY = "community", "Community"
    INTENSIVE_SUPPORT = "intensive_support", "Intensive Support"
    # 2019/20 used two more names (DOMAIN.md).
    PROGRAMME_COHORT = "programme_cohort", "Programme cohort"
    LLME_COMMUNITY = "llme_community", "LLME Community"


TYPE_ORDER = [t.value for t in NCPType]


class JourneyStage(models.TextChoices):
    """Stages of the Teaching for Mastery journey (DOMAIN.md, "The Teaching for Mastery
    journey")."""

    MASTERY_READINESS = "mastery_readiness", "Mastery Readiness"
    DEVELOPMENT = "development", "Development"
    EMBEDDING = "embedding", "Embedding"
    SUSTAINING = "sustaining", "Sustaining"
    SECONDARY_DEVELOPMENT = "secondary_development", "Secondary Development"
    EMBEDDING_YEAR_SUPPORT = "embedding_year_support", "Embedding Year Support"
    SECONDARY_EMBEDDING_SUSTAINING = (
        "secondary_embedding_sustaining",
        "Secondary Embedding and Sustaining",
    )
    MASTERING_NUMBER = "mastering_number", "Mastering Number"
    EMBEDDING_THE_IMPACT = "embedding_the_impact", "Embedding the Impact"


class CatalogueStatus(models.TextChoices):
    PUBLISHED = "published", "Published"
    DRAFT = "draft", "Draft"


class AcademicYear(models.Model):
    """A programme year's catalogue: 2023 is 2023/24."""

    start_year = models.PositiveSmallIntegerField(unique=True)
    status = models.CharField(
        max_length=12, choices=CatalogueStatus.choices, default=CatalogueStatus.PUBLISHED
    )
    source = models.CharField(max_length=255, blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    loaded_at = models.DateTimeField(auto_now=True)
    # Facts and targets the year's menu states about the programme as a whole.
    hubs = models.PositiveSmallIntegerField(null=True, blank=True)
    llmes_per_hub = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Active LLMEs expected of each hub"
    )
    llmes_national = models.PositiveIntegerField(
        null=True, blank=True, help_text="Active LLMEs expected nationally"
    )
    fully_funded = models.BooleanField(
        null=True, blank=True, help_text="The menu says its projects are fully funded"
    )

    class Meta:
        ordering = ["-start_year"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return academic_year_label(self.start_year)


_CODE = re.compile(r"^\s*NCP\s*(\d{2})\s*-\s*(\d{1,2})([a-z]?)\s*$", re.IGNORECASE)


def parse_ncp_code(text: str) -> tuple[int, int, str] | None:
    """'NCP23-07a', 'ncp 19-11', 'NCP19-5' -> (yy, number, suffix); None if not a code."""
    match = _CODE.match(text or "")
    if not match:
        return None
    return int(match.group(1)), int(match.group(2)), match.group(3).lower()


def canonical_ncp_code(text: str) -> str | None:
    """The code as this platform writes it: 'NCP23-07a' (no space, two digits)."""
    parts = parse_ncp_code(text)
    if parts is None:
        return None
    yy, number, suffix = parts
    return f"NCP{yy:02d}-{number:02d}{suffix}"


class YearStage(models.Model):
    """A Teaching for Mastery stage as one year's menu names it ("Secondary Embedding"),
    mapped to the stage of the journey it places a school at (`journey`), so schools'
    journeys and the national figures count the same way across years. A year whose menu
    names no stages of its own has the journey's (`default_stages`)."""

    year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="stages")
    key = models.CharField(max_length=40)  # what its projects' `journey_stage` says
    name = models.CharField(max_length=120)
    journey = models.CharField(max_length=40, choices=JourneyStage.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["year__start_year", "position"]
        constraints = [
            models.UniqueConstraint(fields=["year", "key"], name="catalogue_stage_key_unique")
        ]

    def __str__(self) -> str:
        return self.name


def default_stages() -> list[tuple[str, str, str]]:
    """(key, name, journey) of a year that names no stages: the journey's own."""
    return [(stage.value, stage.label, stage.value) for stage in JourneyStage]


def ncp_slug(title: str, taken: set[str]) -> str:
    """A project's stable name within its year, from its title ('teaching-assistants'),
    made unique against `taken`."""
    from django.utils.text import slugify

    base = (slugify(title)[:70] or "project").strip("-")
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class NCP(models.Model):
    """One Network Collaborative Project of one year, with every section of its template.

    A project may have no code yet (a menu published with titles only, or ongoing work
    such as development programmes): it is known by its `slug`, unique in its year, and a
    code given later changes nothing that refers to it (activities point at the row).

    Text sections keep the handbook's words; lists are JSON:
    - `phases`: list of Phase values;
    - `outcomes`: list of {"category": str, "items": [str]} in the handbook's order;
    - `participant_criteria`: list of {"key": str, "label": str, "essential": bool};
      `criteria_minimum_other` says how many non-essential ones a school must meet;
    - `national_schedule`: list of {"group": str, "event": str, "timing": str,
      "location": str};
    - `finances`: {"rules": [rule, ...], "notes": [str, ...]} (grants/rules.py);
    - `formerly`: the titles it was known by before, newest first;
    - `partners`: [{"name": str, "amount": str | None, "note": str}], who delivers it
      with the hubs (the AMSP), with the amount when the menu gives one;
    - `phase_titles`: {phase: title} where one code has a different title per phase.
    """

    year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="ncps")
    code = models.CharField(max_length=16, blank=True)  # "" until the menu gives one
    slug = models.SlugField(max_length=80)
    position = models.PositiveIntegerField(default=0)  # in the year's menu
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    suffix = models.CharField(max_length=2, blank=True)
    title = models.CharField(max_length=255)
    phase_titles = models.JSONField(default=dict, blank=True)
    formerly = models.JSONField(default=list, blank=True)
    is_new = models.BooleanField(default=False, help_text="Flagged NEW in the year's menu")
    centrally_led = models.BooleanField(default=False)
    partners = models.JSONField(default=list, blank=True)
    # Both may be left unsaid while the year is a draft; a published year has them.
    phases = models.JSONField(default=list)
    ncp_type = models.CharField(max_length=20, choices=NCPType.choices, blank=True)
    required = models.BooleanField(null=True, blank=True)
    project_year = models.PositiveSmallIntegerField(null=True, blank=True)
    strategic_goal = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    purpose = models.TextField(blank=True)
    outcomes = models.JSONField(default=list)
    model = models.TextField(blank=True)
    model_min_schools = models.PositiveSmallIntegerField(null=True, blank=True)
    model_max_schools = models.PositiveSmallIntegerField(null=True, blank=True)
    model_size = models.PositiveSmallIntegerField(null=True, blank=True)
    coordination_team = models.TextField(blank=True)
    lead_requirements = models.TextField(blank=True)
    recommended_lead_days = models.DecimalField(
        max_digits=5, decimal_places=1, null=True, blank=True
    )
    participant_criteria_text = models.TextField(blank=True)
    participant_criteria = models.JSONField(default=list)
    criteria_minimum_other = models.PositiveSmallIntegerField(default=0)
    participation_target = models.TextField(blank=True)
    participation_target_schools = models.PositiveIntegerField(null=True, blank=True)
    national_schedule = models.JSONField(default=list)
    national_schedule_notes = models.TextField(blank=True)
    finances = models.JSONField(default=dict)
    evaluation = models.TextField(blank=True)
    # The year's stage as its menu names it, and the journey stage it maps to (what the
    # journey and the figures count: kept with the stage by the importer and the editor).
    stage = models.ForeignKey(
        YearStage, null=True, blank=True, on_delete=models.PROTECT, related_name="ncps"
    )
    journey_stage = models.CharField(
        max_length=40, choices=JourneyStage.choices, blank=True, db_index=True
    )
    joins_any_time = models.BooleanField(
        default=False, help_text="Schools may join at any point in the year (Targeted Support)."
    )

    class Meta:
        ordering = ["year__start_year", "position", "number", "suffix"]
        verbose_name = "NCP"
        verbose_name_plural = "NCPs"
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="catalogue_ncp_code_unique"
            ),
            models.UniqueConstraint(fields=["year", "slug"], name="catalogue_ncp_slug_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}" if self.code else self.title

    def save(self, *args: object, **kwargs: object) -> None:
        if not self.slug:  # the importer and the editor set it; a bare create gets one
            taken = set(
                NCP.objects.filter(year_id=self.year_id)
                .exclude(pk=self.pk)
                .values_list("slug", flat=True)
            )
            self.slug = ncp_slug(self.title, taken)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def reference(self) -> str:
        """How addresses name it: its code, or until it has one its year and slug
        (2025-26-teaching-assistants), which still finds it once coded."""
        if self.code:
            return self.code
        start = self.year.start_year
        return f"{start}-{(start + 1) % 100:02d}-{self.slug}"

    @property
    def phase_labels(self) -> list[str]:
        labels = dict(NCPPhase.choices)
        return [labels.get(p, p) for p in self.phases]


class CatalogueRevision(models.Model):
    """A published year as it stood after a change: the first when it is published, one
    more with every change after that, each with who made it, when and why. `snapshot`
    is the year as its catalogue file, so two revisions can be compared in words."""

    year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    made_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=300)
    snapshot = models.TextField()

    class Meta:
        ordering = ["year__start_year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="catalogue_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year.label} revision {self.number}"
