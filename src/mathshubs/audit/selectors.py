"""Reads of the audit trail: which changes the asker may see, newest first, a page at a time
(ADR 0016).

A page costs a fixed number of queries whatever its length: one to count and one to list
the page's (kind, history id, date) across every history table the asker may read (a
UNION ALL ordered by date), then, for each kind on the page, one for its rows with who
made them and what they name, one for the rows just before them (what changed), and one
per kind of linked record shown in a change (a hub, an institution, a person).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, ForeignKey, OuterRef, Q, QuerySet, Subquery, Value
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format

from mathshubs.audit.kinds import KINDS, Kind
from mathshubs.audit.rules import (
    CHANGES_FORBIDDEN,
    PERSON_CHANGES_NOT_FOUND,
    can_view_changes,
    can_view_person_changes,
)
from mathshubs.audit.services import BASELINE
from mathshubs.dates import academic_year_label
from mathshubs.directory.models import Hub, Person
from mathshubs.directory.rules import is_national, staff_hub_ids
from mathshubs.directory.selectors import find_hub_by_ref

SYSTEM = "The system"
ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}
KIND_UNKNOWN = "Choose a kind of record from: {kinds}"
HUB_NOT_FOUND = "There is no Maths Hub with that id or slug among the hubs whose changes you see."
EMPTY = "(blank)"
DELETED_LINK = "(deleted)"
HUB_REF = re.compile(r"[-a-zA-Z0-9_]{1,120}")


@dataclass(frozen=True)
class Scope:
    """What one asker may read: every hub (`hubs` None) or these hubs' records."""

    hubs: frozenset[int] | None

    @property
    def is_national(self) -> bool:
        return self.hubs is None


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class Change:
    kind: str
    kind_label: str
    history_id: int
    record_id: int
    record: str
    when: dt.datetime
    who: str
    action: str
    changes: list[FieldChange] = field(default_factory=list)
    person_id: int | None = None


def access_changes(*, user: Any) -> Scope:
    """The asker's scope of the Changes page; PermissionDenied for anyone else."""
    if not can_view_changes(user):
        raise PermissionDenied(CHANGES_FORBIDDEN)
    if is_national(user):
        return Scope(hubs=None)
    return Scope(hubs=frozenset(staff_hub_ids(user)))


def access_person_changes(*, user: Any, person_id: int) -> tuple[Person, Scope]:
    """A person whose record changes this user may read, with the scope to read them in;
    404 otherwise (a forbidden person looks like a missing one)."""
    person = Person.objects.filter(pk=person_id).first()
    if person is None or not can_view_person_changes(user, person):
        raise Http404(PERSON_CHANGES_NOT_FOUND)
    if is_national(user):
        return person, Scope(hubs=None)
    return person, Scope(hubs=frozenset(staff_hub_ids(user)))


def hubs_in_scope(scope: Scope) -> QuerySet[Hub]:
    hubs = Hub.objects.order_by("name")
    return hubs if scope.hubs is None else hubs.filter(pk__in=scope.hubs)


def hub_in_scope(*, scope: Scope, ref: str) -> Hub | None:
    """The hub a filter names (id or slug), if the scope covers it; Http404 otherwise."""
    ref = (ref or "").strip()
    if not ref:
        return None
    # Only an id or a slug is looked up: other text (a NUL byte, which PostgreSQL refuses
    # in a query) cannot name a hub.
    hub = find_hub_by_ref(ref) if HUB_REF.fullmatch(ref) else None
    if hub is None or (scope.hubs is not None and hub.pk not in scope.hubs):
        raise Http404(HUB_NOT_FOUND)
    return hub


def _kind_rows(kind: Kind, scope: Scope, hub: Hub | None, person_id: int | None) -> Any:
    """This kind's history rows in the scope, or None when the scope reads none of them."""
    rows = kind.history.objects.exclude(history_change_reason=BASELINE).order_by()
    if person_id is not None:
        if kind.of_person is None:
            return None
        rows = rows.filter(kind.of_person(person_id))
    hubs = {hub.pk} if hub is not None else (set(scope.hubs) if scope.hubs is not None else None)
    if hubs is not None:
        if kind.in_hubs is None:
            if hub is not None or not kind.national_visible_to_hubs:
                return None
        else:
            rows = rows.filter(kind.in_hubs(hubs))
    return rows


def changes_list(
    *, scope: Scope, kind: str = "", hub: Hub | None = None, person_id: int | None = None
) -> Any:
    """(kind, history id, date) of every change the scope reads, newest first: a queryset
    to page through. `kind` limits it to one kind of record, `hub` to one hub's records,
    `person_id` to one person's record and roles."""
    if kind and kind not in KINDS:
        raise ValueError(KIND_UNKNOWN.format(kinds=", ".join(KINDS)))
    chosen = [KINDS[kind]] if kind else list(KINDS.values())
    parts = []
    for each in chosen:
        rows = _kind_rows(each, scope, hub, person_id)
        if rows is None:
            continue
        parts.append(
            rows.values_list("history_id", "history_date").annotate(
                kind=Value(each.key, output_field=CharField())
            )
        )
    if not parts:
        return KINDS["person"].history.objects.none().values_list("history_id", "history_date")
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return combined.order_by("-history_date", "-history_id")


def changes_slice(listing: Any, *, offset: int, limit: int) -> tuple[int, list[Change]]:
    """How many changes `changes_list` holds, and those from `offset`, described."""
    return listing.count(), describe(list(listing[offset : offset + limit]))


def _who(user: Any) -> str:
    if user is None:
        return SYSTEM
    person = getattr(user, "person", None)
    return person.full_name if person is not None else user.email


def _local(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def _shown(kind: Kind, name: str, value: Any, linked: dict[tuple[Any, Any], str]) -> str:
    model_field = kind.model._meta.get_field(name)
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(model_field, ForeignKey):
        return linked.get((model_field.related_model, value), DELETED_LINK)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if name in ("academic_year", "start_year") and isinstance(value, int):
        return academic_year_label(value)
    if isinstance(value, dt.datetime):
        return _local(value)
    if isinstance(value, dt.date):
        return date_format(value, "j F Y")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def _field_values(kind: Kind, row: Any) -> dict[str, Any]:
    values = {}
    for name in kind.fields:
        attname = kind.model._meta.get_field(name).attname
        values[name] = getattr(row, attname)
    return values


def describe(entries: list[tuple[int, dt.datetime, str]]) -> list[Change]:
    """Each (history id, date, kind) described, in the order given; a fixed number of
    queries per kind on the page, whatever its length."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for history_id, _when, key in entries:
        by_kind[key].append(history_id)
    rows: dict[tuple[str, int], Any] = {}
    before: dict[tuple[str, int], Any] = {}
    for key, ids in by_kind.items():
        kind = KINDS[key]
        history = kind.history
        # The same record's row just before this one (ties on the date: the lower id).
        earlier = history.objects.filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id")),
            id=OuterRef("id"),
        )
        found = (
            history.objects.filter(history_id__in=ids)
            .select_related("history_user__person", *kind.related)
            .annotate(
                before_id=Subquery(
                    earlier.order_by("-history_date", "-history_id").values("history_id")[:1]
                )
            )
        )
        for row in found:
            rows[(key, row.history_id)] = row
        wanted = [row.before_id for (k, _), row in rows.items() if k == key and row.before_id]
        for row in history.objects.filter(history_id__in=wanted):
            before[(key, row.history_id)] = row
    linked = _linked(rows, before)
    changes = []
    for history_id, _when, key in entries:
        row = rows.get((key, history_id))
        if row is None:
            continue
        kind = KINDS[key]
        previous = before.get((key, row.before_id)) if row.before_id else None
        changes.append(_change(kind, row, previous, linked))
    return changes


def _linked(rows: dict, before: dict) -> dict[tuple[Any, Any], str]:
    """Names of the records the shown fields link to: one query per kind of record."""
    wanted: dict[Any, set[Any]] = defaultdict(set)
    for (key, _), row in [*rows.items(), *before.items()]:
        kind = KINDS[key]
        for name in kind.fields:
            model_field = kind.model._meta.get_field(name)
            if isinstance(model_field, ForeignKey):
                value = getattr(row, model_field.attname)
                if value is not None:
                    wanted[model_field.related_model].add(value)
    names: dict[tuple[Any, Any], str] = {}
    for model, ids in wanted.items():
        for pk, obj in model._default_manager.in_bulk(list(ids)).items():
            names[(model, pk)] = str(obj)
    return names


def _change(kind: Kind, row: Any, previous: Any, linked: dict) -> Change:
    new = _field_values(kind, row)
    changes: list[FieldChange] = []
    if row.history_type == "+" or previous is None and row.history_type != "-":
        for name, value in new.items():
            shown = _shown(kind, name, value, linked)
            if shown != EMPTY:
                changes.append(FieldChange(kind.fields[name], "", shown))
    elif row.history_type == "~":
        old = _field_values(kind, previous)
        for name, value in new.items():
            if old[name] != value:
                changes.append(
                    FieldChange(
                        kind.fields[name],
                        _shown(kind, name, old[name], linked),
                        _shown(kind, name, value, linked),
                    )
                )
    person_id = row.id if kind.key == "person" else getattr(row, "person_id", None)
    return Change(
        kind=kind.key,
        kind_label=kind.label,
        history_id=row.history_id,
        record_id=row.id,
        record=kind.name(row),
        when=row.history_date,
        who=_who(row.history_user),
        action=ACTIONS.get(row.history_type, row.history_type),
        changes=changes,
        person_id=person_id,
    )


__all__ = [
    "Change",
    "FieldChange",
    "Scope",
    "access_changes",
    "access_person_changes",
    "changes_list",
    "changes_slice",
    "describe",
    "hub_in_scope",
    "hubs_in_scope",
]
