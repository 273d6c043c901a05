"""Shapes of the grants API. Amounts are strings with two decimals ("13150.00")."""

from __future__ import annotations

from ninja import Schema


class GrantLineOut(Schema):
    label: str
    kind: str
    funder: str
    funder_label: str
    amount: str
    working: str
    text: str


class FunderTotalOut(Schema):
    funder: str
    funder_label: str
    amount: str


class GrantOut(Schema):
    schools: int
    participants: int | None
    role: str
    role_label: str
    lines: list[GrantLineOut]
    per_hub_lines: list[GrantLineOut]
    totals_by_funder: list[FunderTotalOut]
    total: str
    notes: list[str]
    warnings: list[str]


class HubRefOut(Schema):
    id: int
    slug: str
    name: str


class ActivityRefOut(Schema):
    id: int
    title: str
    ncp_code: str
    hub: HubRefOut
    academic_year: str


class ActivityGrantOut(Schema):
    activity: ActivityRefOut
    grant: GrantOut


class GrantRoleOut(Schema):
    key: str
    label: str


class NCPRefOut(Schema):
    code: str
    title: str
    model_size: int | None
    model_min_schools: int | None
    model_max_schools: int | None
    roles: list[GrantRoleOut]


class NCPGrantOut(Schema):
    ncp: NCPRefOut
    grant: GrantOut


class HubActivityGrantOut(Schema):
    id: int
    title: str
    ncp_code: str
    schools: int
    total: str
    totals_by_funder: list[FunderTotalOut]
    notes: list[str]
    warnings: list[str]


class PerHubGrantOut(Schema):
    ncp_code: str
    line: GrantLineOut


class HubGrantsOut(Schema):
    hub: HubRefOut
    academic_year: str
    activities: list[HubActivityGrantOut]
    per_hub: list[PerHubGrantOut]
    activities_total: str
    per_hub_total: str
    totals_by_funder: list[FunderTotalOut]
    total: str
