"""Shapes of the audit trail's API."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class FieldChangeOut(Schema):
    field: str
    old: str
    new: str


class ChangeOut(Schema):
    kind: str
    kind_label: str
    record_id: int
    record: str
    when: dt.datetime
    who: str
    action: str
    changes: list[FieldChangeOut]


class ChangePage(Schema):
    total: int
    limit: int
    offset: int
    items: list[ChangeOut]
