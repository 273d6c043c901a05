"""Shapes of the catalogue API (ISSUE 4, item 2): years, and NCPs with every field.

The structured sections reuse the catalogue file's own models (`catalogue/schema.py`,
`grants/schema.py`), so the file, the database and the API describe an NCP alike.
"""

from __future__ import annotations

from decimal import Decimal

from ninja import Schema

from mathshubs.catalogue.schema import Criterion, OutcomeGroup, ScheduleRow
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
    url: str


class NCPOut(Schema):
    code: str
    year: str
    number: int
    suffix: str
    title: str
    phases: list[str]
    phase_labels: list[str]
    type: str
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
    journey_stage: str | None
    joins_any_time: bool
    url: str
