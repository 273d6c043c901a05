"""The schema of a catalogue YAML file (`catalogues/<year>.yaml`).

One file per academic year:

    year: 2023/24
    source: 2023/24 Maths Hubs Handbook
    ncps:
      - code: NCP23-07a
        title: ...
        phases: [primary]
        type: work_group
        ...

Unknown fields are refused, so a misspelt field name is an error, not silently lost.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from mathshubs.bounds import MAX_INT, MAX_SMALL_INT
from mathshubs.catalogue.models import (
    JourneyStage,
    NCPPhase,
    NCPType,
    canonical_ncp_code,
    default_stages,
)
from mathshubs.dates import parse_academic_year
from mathshubs.grants.schema import Finances

OUTCOME_CATEGORIES = [
    "Professional learning",
    "Practice development",
    "Development of materials",
    "Whole school/departmental policies and approaches",
    "Pupil outcomes",
]
OutcomeCategory = Literal[
    "Professional learning",
    "Practice development",
    "Development of materials",
    "Whole school/departmental policies and approaches",
    "Pupil outcomes",
]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", max_length=40)]
ProjectSlug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class OutcomeGroup(_Strict):
    category: OutcomeCategory
    items: list[str] = Field(min_length=1)


class Criterion(_Strict):
    key: Slug
    label: str = Field(min_length=1)
    essential: bool = False


class ScheduleRow(_Strict):
    group: str = ""  # e.g. "For WGLs new to leading Mastery Readiness"
    event: str = Field(min_length=1)
    timing: str = ""
    location: str = ""


class Partner(_Strict):
    """Who delivers a project with the hubs (the AMSP), with the amount when the menu
    gives one."""

    name: str = Field(min_length=1, max_length=120)
    amount: Decimal | None = Field(default=None, ge=0, max_digits=10, decimal_places=2)
    note: str = ""


def stage_unknown(title: str, key: str, keys: list[str]) -> str:
    return (
        f'"{title}" has the journey stage {key}, which is not one of the year\'s stages: '
        f"write one of {', '.join(keys)}, or add it to stages"
    )


def code_hint(start_year: int | None) -> str:
    """An example code of the year: NCP17-07a for 2017/18."""
    yy = f"{start_year % 100:02d}" if start_year is not None else "23"
    return f"NCP{yy}-07a"


class NCPEntry(_Strict):
    # No code yet (a menu of titles only, or ongoing work): the slug names it in its year.
    code: str | None = None
    slug: ProjectSlug | None = None
    title: str = Field(min_length=1, max_length=255)
    # One code, a title per phase (primary and secondary teaching assistants).
    phase_titles: dict[NCPPhase, Annotated[str, Field(min_length=1, max_length=255)]] = Field(
        default_factory=dict
    )
    formerly: list[Annotated[str, Field(min_length=1, max_length=255)]] = Field(
        default_factory=list
    )
    new: bool = False
    centrally_led: bool = False
    partners: list[Partner] = Field(default_factory=list)
    # May be left out while the year is a draft; a published year needs both.
    phases: list[NCPPhase] = Field(default_factory=list)
    type: NCPType | None = None
    required: bool | None = None
    project_year: int | None = Field(default=None, ge=1, le=20)
    strategic_goal: str = ""
    summary: str = ""
    purpose: str = ""
    outcomes: list[OutcomeGroup] = Field(default_factory=list)
    model: str = ""
    model_min_schools: int | None = Field(default=None, ge=1, le=MAX_SMALL_INT)
    model_max_schools: int | None = Field(default=None, ge=1, le=MAX_SMALL_INT)
    model_size: int | None = Field(default=None, ge=1, le=MAX_SMALL_INT)
    coordination_team: str = ""
    lead_requirements: str = ""
    # NCP.recommended_lead_days holds 4 digits and a decimal: 9999.9 at most.
    recommended_lead_days: Decimal | None = Field(default=None, ge=0, le=Decimal("9999.9"))
    participant_criteria_text: str = ""
    participant_criteria: list[Criterion] = Field(default_factory=list)
    criteria_minimum_other: int = Field(default=0, ge=0, le=MAX_SMALL_INT)
    participation_target: str = ""
    participation_target_schools: int | None = Field(default=None, ge=0, le=MAX_INT)
    national_schedule: list[ScheduleRow] = Field(default_factory=list)
    national_schedule_notes: str = ""
    finances: Finances = Field(default_factory=Finances)
    evaluation: str = ""
    # The key of one of the year's stages (`stages`, or the journey's when it names none).
    journey_stage: Slug | None = None
    joins_any_time: bool = False

    @field_validator("code")
    @classmethod
    def _code(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        code = canonical_ncp_code(value)
        if code is None:
            start = (info.context or {}).get("start_year")
            raise ValueError(
                f"{value!r} is not an NCP code: write it like {code_hint(start)}, "
                "or leave the code out until the project has one"
            )
        return code

    @model_validator(mode="after")
    def _consistent(self) -> NCPEntry:
        low, high = self.model_min_schools, self.model_max_schools
        if low is not None and high is not None and low > high:
            raise ValueError("model_min_schools is more than model_max_schools")
        keys = [c.key for c in self.participant_criteria]
        if len(keys) != len(set(keys)):
            raise ValueError("participant_criteria keys must be unique")
        strays = [p for p in self.phase_titles if p not in self.phases]
        if strays:
            raise ValueError(
                f"phase_titles gives a title for {', '.join(strays)}, which is not one of "
                "its phases: add the phase to phases or remove that title"
            )
        others = sum(1 for c in self.participant_criteria if not c.essential)
        if self.criteria_minimum_other > others:
            raise ValueError(
                f"criteria_minimum_other is {self.criteria_minimum_other} "
                f"but only {others} non-essential criteria are listed"
            )
        return self

    def missing_to_publish(self) -> list[tuple[str, str]]:
        """(field, what to write) for what a published year needs and this lacks."""
        missing = []
        if not self.phases:
            missing.append(("phases", "choose at least one phase"))
        if self.type is None:
            missing.append(("type", "choose its type"))
        return missing


class StageEntry(_Strict):
    """A Teaching for Mastery stage as the year's menu names it, and the journey stage it
    places a school at."""

    key: Slug
    name: str = Field(min_length=1, max_length=120)
    journey: JourneyStage


class YearFacts(_Strict):
    """What the year's menu states of the programme as a whole."""

    hubs: int | None = Field(default=None, ge=1, le=200)
    llmes_per_hub: int | None = Field(default=None, ge=0, le=1000)
    llmes_national: int | None = Field(default=None, ge=0, le=100000)
    fully_funded: bool | None = None


class CatalogueFile(_Strict):
    year: str
    source: str = ""
    status: Literal["published", "draft"] = "published"
    facts: YearFacts = Field(default_factory=YearFacts)
    # The year's own stage names; left out, the journey's (models.default_stages).
    stages: list[StageEntry] = Field(default_factory=list)
    ncps: list[NCPEntry] = Field(min_length=1)

    def stage_keys(self) -> list[str]:
        return [s.key for s in self.stages] or [key for key, _, _ in default_stages()]

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, value: object) -> str:
        text = str(value)
        try:
            parse_academic_year(text)
        except DjangoValidationError as error:
            # pydantic turns only ValueError into a field error; Django's would escape.
            raise ValueError(error.messages[0]) from None
        return text

    @property
    def start_year(self) -> int:
        return parse_academic_year(self.year)

    @model_validator(mode="after")
    def _codes_match_year(self) -> CatalogueFile:
        yy = f"{self.start_year % 100:02d}"
        seen: set[str] = set()
        slugs: set[str] = set()
        for entry in self.ncps:
            if entry.slug is not None:
                if entry.slug in slugs:
                    raise ValueError(f"the slug {entry.slug} is listed twice")
                slugs.add(entry.slug)
            if entry.code is None:
                continue
            if entry.code[3:5] != yy:
                raise ValueError(
                    f"{entry.code} does not belong to {self.year}: codes start NCP{yy}-"
                )
            if entry.code.lower() in seen:
                raise ValueError(f"{entry.code} is listed twice")
            seen.add(entry.code.lower())
        keys = self.stage_keys()
        if len(keys) != len(set(keys)):
            raise ValueError("a stage key is listed twice in stages: each stage has its own")
        for entry in self.ncps:
            if entry.journey_stage is not None and entry.journey_stage not in keys:
                raise ValueError(stage_unknown(entry.title, entry.journey_stage, keys))
        if self.status == "published":
            for entry in self.ncps:
                for name, what in entry.missing_to_publish():
                    raise ValueError(f'"{entry.title}" has no {name}: {what}')
        return self
