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
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mathshubs.catalogue.models import JourneyStage, NCPPhase, NCPType, canonical_ncp_code
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


class NCPEntry(_Strict):
    code: str
    title: str = Field(min_length=1, max_length=255)
    phases: list[NCPPhase] = Field(min_length=1)
    type: NCPType
    required: bool | None = None
    project_year: int | None = Field(default=None, ge=1, le=20)
    strategic_goal: str = ""
    summary: str = ""
    purpose: str = ""
    outcomes: list[OutcomeGroup] = Field(default_factory=list)
    model: str = ""
    model_min_schools: int | None = Field(default=None, ge=1)
    model_max_schools: int | None = Field(default=None, ge=1)
    model_size: int | None = Field(default=None, ge=1)
    coordination_team: str = ""
    lead_requirements: str = ""
    recommended_lead_days: Decimal | None = Field(default=None, ge=0)
    participant_criteria_text: str = ""
    participant_criteria: list[Criterion] = Field(default_factory=list)
    criteria_minimum_other: int = Field(default=0, ge=0)
    participation_target: str = ""
    participation_target_schools: int | None = Field(default=None, ge=0)
    national_schedule: list[ScheduleRow] = Field(default_factory=list)
    national_schedule_notes: str = ""
    finances: Finances = Field(default_factory=Finances)
    evaluation: str = ""
    journey_stage: JourneyStage | None = None
    joins_any_time: bool = False

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        code = canonical_ncp_code(value)
        if code is None:
            raise ValueError(f"{value!r} is not an NCP code: write it like NCP23-07a")
        return code

    @model_validator(mode="after")
    def _consistent(self) -> NCPEntry:
        low, high = self.model_min_schools, self.model_max_schools
        if low is not None and high is not None and low > high:
            raise ValueError("model_min_schools is more than model_max_schools")
        keys = [c.key for c in self.participant_criteria]
        if len(keys) != len(set(keys)):
            raise ValueError("participant_criteria keys must be unique")
        others = sum(1 for c in self.participant_criteria if not c.essential)
        if self.criteria_minimum_other > others:
            raise ValueError(
                f"criteria_minimum_other is {self.criteria_minimum_other} "
                f"but only {others} non-essential criteria are listed"
            )
        return self


class CatalogueFile(_Strict):
    year: str
    source: str = ""
    status: Literal["published", "draft"] = "published"
    ncps: list[NCPEntry] = Field(min_length=1)

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
        for entry in self.ncps:
            if entry.code[3:5] != yy:
                raise ValueError(
                    f"{entry.code} does not belong to {self.year}: codes start NCP{yy}-"
                )
            if entry.code.lower() in seen:
                raise ValueError(f"{entry.code} is listed twice")
            seen.add(entry.code.lower())
        return self
