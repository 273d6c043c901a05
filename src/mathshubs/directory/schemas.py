"""Shapes of the directory API (ISSUE 3, item 6). Public data only, except PersonOut."""

from __future__ import annotations

from decimal import Decimal

from ninja import Schema


class Message(Schema):
    message: str


class LocalAuthorityOut(Schema):
    code: str
    name: str


class HubAreaOut(Schema):
    local_authority: LocalAuthorityOut
    district_code: str
    district_name: str
    is_illustrative: bool


class HubContactOut(Schema):
    id: int
    slug: str
    name: str
    region: str
    email: str
    phone: str
    website: str
    contact_is_demo: bool


class HubOut(HubContactOut):
    area_is_illustrative: bool
    local_authorities: list[str]
    active_llmes: int


class TeamMemberOut(Schema):
    role: str
    name: str


class HubDetailOut(HubOut):
    former_names: list[str]
    lead_institution: str | None
    lead_institution_urn: int | None
    areas: list[HubAreaOut]
    leadership: list[TeamMemberOut]
    strategic_board: list[str]
    active_llmes_target: int


class HubRef(Schema):
    id: int
    slug: str
    name: str


class InstitutionOut(Schema):
    urn: int
    name: str
    establishment_type: str
    phase: str
    phase_label: str
    local_authority: LocalAuthorityOut | None
    postcode: str
    is_open: bool
    status: str
    hub: HubRef | None


class InstitutionDetailOut(InstitutionOut):
    establishment_type_group: str
    is_state_funded: bool
    pupils: int | None
    percent_disadvantaged: Decimal | None
    ofsted_rating: str
    hub_is_overridden: bool


class InstitutionPage(Schema):
    total: int
    limit: int
    offset: int
    items: list[InstitutionOut]


class FindHubMatchOut(Schema):
    hub: HubContactOut | None
    institution: InstitutionOut | None
    local_authority: LocalAuthorityOut | None
    matched_by: str
    note: str


class FindHubOut(Schema):
    query: str
    kind: str
    message: str
    matches: list[FindHubMatchOut]


class RoleOut(Schema):
    role: str
    role_label: str
    hub: HubRef | None
    academic_year: str | None


class PersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    email: str
    institution_urn: int | None
    institution_name: str | None
    roles: list[RoleOut]


class PersonPage(Schema):
    total: int
    limit: int
    offset: int
    items: list[PersonOut]
