"""Shapes of the catalogue API (ISSUE 4, item 2): years, and NCPs with every field.

The structured sections reuse the catalogue file's own models (`catalogue/schema.py`,
`grants/schema.py`), so the file, the database and the API describe an NCP alike.
"""

from __future__ import annotations

from decimal import Decimal

from ninja import Schema
from pydantic import Field

from mathshubs.catalogue.schema import Criterion, OutcomeGroup, Partner, ScheduleRow, YearFacts
from mathshubs.grants.schema import Finances


class Message(Schema):
    message: str


class YearOut(Schema):
    start_year: int
    label: str  # 2023/24
    slug: str  # 2023-24, as in URLs
    status: str  # published or draft
    source: str
    copied_from: str | None  # the label of the year it was copied from
    ncp_count: int
    facts: YearFacts
    url: str


class NCPOut(Schema):
    code: str | None = Field(description="None until the menu gives the project a code")
    slug: str = Field(description="Its name in its year, kept when a code is given")
    reference: str = Field(description="How addresses name it: its code, or year-slug")
    year: str
    number: int | None
    suffix: str
    position: int = Field(description="Its place in the year's menu")
    title: str
    phase_titles: dict[str, str] = Field(description="A title per phase under one code")
    formerly: list[str] = Field(description="Titles it had before")
    new: bool = Field(description="Flagged NEW in the year's menu")
    centrally_led: bool
    partners: list[Partner]
    phases: list[str]
    phase_labels: list[str]
    type: str | None
    type_label: str
    required: bool | None
    project_year: int | None
    strategic_goal: str
    summary: str
    purpose: str
    outcomes: list[OutcomeGroup]
    model: str
    model_min_schools: int | None
    model_max_schools: int | None
    model_size: int | None
    coordination_team: str
    lead_requirements: str
    recommended_lead_days: Decimal | None
    participant_criteria_text: str
    participant_criteria: list[Criterion]
    criteria_minimum_other: int
    participation_target: str
    participation_target_schools: int | None
    national_schedule: list[ScheduleRow]
    national_schedule_notes: str
    finances: Finances
    evaluation: str
    journey_stage: str | None = Field(description="The journey stage it places a school at")
    stage_name: str | None = Field(description="That stage as the year's menu names it")
    joins_any_time: bool
    url: str
