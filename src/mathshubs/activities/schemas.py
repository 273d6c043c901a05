"""Shapes of the activities API (ISSUE 4, "Hub activities")."""

from __future__ import annotations

import datetime as dt

from ninja import Schema
from pydantic import Field

from mathshubs.api_problems import Problem
from mathshubs.directory.schemas import HubRef

ProblemOut = Problem


class PersonRef(Schema):
    id: int
    name: str


class PersonContactRef(PersonRef):
    email: str


class ActivityOut(Schema):
    id: int
    title: str
    hub: HubRef
    academic_year: str = Field(description="As the programme writes it: 2023/24")
    ncp_code: str | None
    activity_type: str
    activity_type_label: str
    phase: str
    is_riwg: bool
    school_count: int | None = Field(
        description="Enrolled and completed schools; null unless you manage the activity"
    )
    participant_count: int | None = Field(
        description="Participants not withdrawn; null unless you manage the activity"
    )


class ActivityPage(Schema):
    total: int
    limit: int
    offset: int
    items: list[ActivityOut]


class EnrolmentOut(Schema):
    urn: int
    name: str
    status: str
    enrolled_on: dt.date
    withdrawn_on: dt.date | None
    withdrawal_reason: str
    completed_on: dt.date | None
    criteria_met: list[str]
    served_by_other_hub: HubRef | None
    lead_participants: int | None = Field(description="Null unless you may see the people")
    lead_participant_warning: str


class ParticipationOut(Schema):
    person: PersonContactRef
    institution_urn: int | None
    institution_name: str | None
    is_lead_participant: bool
    status: str
    withdrawn_on: dt.date | None
    withdrawal_reason: str


class ActivityDetailOut(ActivityOut):
    ncp_title: str | None
    research_question: str
    grant_role: str
    leads: list[PersonRef]
    schools: list[EnrolmentOut]
    model_size_warning: str
    enrolment_closes_on: dt.date | None = Field(
        description="The last day a school may join; null when schools join at any time"
    )
    participants: list[ParticipationOut] | None = Field(
        description="Everyone for hub staff, the national team and the leads; null otherwise"
    )


class ParticipantsOut(Schema):
    activity_id: int
    schools: list[EnrolmentOut]
    people: list[ParticipationOut] = Field(
        description="A participant sees only themself; leads and hub staff see everyone"
    )


class ActivityIn(Schema):
    hub: str = Field(description="The hub's id or slug")
    ncp: str = Field("", description="A catalogue project's code, to run it (NCP23-08)")
    year: str = Field("", description="2023/24 or 2023; by default the project's year")
    title: str = ""
    activity_type: str = Field("", description="For a local activity: work_group, ...")
    phase: str = ""
    is_riwg: bool = False
    research_question: str = ""
    grant_role: str = ""


class SchoolIn(Schema):
    urn: int
    criteria_met: list[str] = Field(default_factory=list)
    enrolled_on: dt.date | None = Field(None, description="By default today")


class PersonIn(Schema):
    email: str
    urn: int = Field(description="The enrolled school the person takes part for")
    is_lead_participant: bool = False


class ParticipantsIn(Schema):
    """Exactly one of `school` (enrol a school) or `person` (add a person)."""

    school: SchoolIn | None = None
    person: PersonIn | None = None


class WithdrawIn(Schema):
    reason: str
    on: dt.date | None = Field(None, description="By default today")


class CompleteIn(Schema):
    on: dt.date | None = Field(None, description="By default today")


class LeadIn(Schema):
    email: str
