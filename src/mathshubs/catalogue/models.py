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


class NCP(models.Model):
    """One Network Collaborative Project of one year, with every section of its template.

    Text sections keep the handbook's words; lists are JSON:
    - `phases`: list of Phase values;
    - `outcomes`: list of {"category": str, "items": [str]} in the handbook's order;
    - `participant_criteria`: list of {"key": str, "label": str, "essential": bool};
      `criteria_minimum_other` says how many non-essential ones a school must meet;
    - `national_schedule`: list of {"group": str, "event": str, "timing": str,
      "location": str};
    - `finances`: {"rules": [rule, ...], "notes": [str, ...]} (grants/rules.py).
    """

    year = models.ForeignKey(AcademicYear, on_delete=models.CASCADE, related_name="ncps")
    code = models.CharField(max_length=16, unique=True)
    number = models.PositiveSmallIntegerField()
    suffix = models.CharField(max_length=2, blank=True)
    title = models.CharField(max_length=255)
    phases = models.JSONField(default=list)
    ncp_type = models.CharField(max_length=20, choices=NCPType.choices)
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
    journey_stage = models.CharField(
        max_length=40, choices=JourneyStage.choices, blank=True, db_index=True
    )
    joins_any_time = models.BooleanField(
        default=False, help_text="Schools may join at any point in the year (Targeted Support)."
    )

    class Meta:
        ordering = ["year__start_year", "number", "suffix"]
        verbose_name = "NCP"
        verbose_name_plural = "NCPs"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def phase_labels(self) -> list[str]:
        labels = dict(NCPPhase.choices)
        return [labels.get(p, p) for p in self.phases]
