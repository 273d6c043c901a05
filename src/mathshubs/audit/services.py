"""Writes to the audit trail that the history signals cannot see (ADR 0016).

A save writes its own history row (the signal of django-simple-history). A conditional
or bulk UPDATE sends no signal: the service that makes one calls `history_write` inside
its transaction, after the UPDATE, so the trail holds the rows as they now stand. The
UPDATE itself stays as it is: it is what keeps the write safe under concurrency.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from simple_history.utils import get_history_manager_for_model


def history_user(by: Any) -> Any:
    """The account to name as who made a change: a User as it is, a Person's account,
    None for the system (a task, a command) or a person with no account."""
    if by is None:
        return None
    if getattr(by, "is_authenticated", False) and hasattr(by, "password"):
        return by
    return getattr(by, "user", None) if hasattr(by, "first_name") else None


def history_write(
    *, model: type[models.Model], pks: Iterable[int], by: Any = None, reason: str = ""
) -> int:
    """Write one 'changed' history row for each of these rows, as they now stand.

    `by` (a User or a Person) is who made the change; when None, the request's user if
    there is one, else the system. Returns how many rows were written.
    """
    ids = list(pks)
    if not ids:
        return 0
    rows = list(model._default_manager.filter(pk__in=ids).order_by("pk"))
    manager = get_history_manager_for_model(model)
    written = manager.bulk_history_create(
        rows, update=True, default_user=history_user(by), default_change_reason=reason
    )
    return len(written or [])


# The change reason of a row that records a record as it stood before the first change the
# trail saw of it (a record made before the trail existed, or by the demo's bulk inserts).
# The Changes page never lists these rows; they are what that first change is compared with,
# so it shows "old → new" like every other.
BASELINE = "baseline"


def history_baseline(*, model: type[models.Model], pks: Iterable[int]) -> int:
    """Before a change, write how each of these rows stands now, if the trail has no row of
    it yet. Returns how many were written."""
    ids = set(pks)
    if not ids:
        return 0
    manager = get_history_manager_for_model(model)
    held = set(manager.filter(id__in=ids).values_list("id", flat=True).distinct())
    missing = ids - held
    if not missing:
        return 0
    rows = list(model._default_manager.filter(pk__in=missing).order_by("pk"))
    written = manager.bulk_history_create(rows, default_change_reason=BASELINE)
    return len(written or [])


def history_wipe() -> None:
    """Empty every history table: for the demo builder only, which wipes and rebuilds the
    records the history is about (its ids are reused, so old rows would name new records).
    Plain DELETEs: no row is loaded and no signal sent."""
    from django.apps import apps

    for model in apps.get_app_config("audit").get_models():
        rows = model._base_manager.all()
        rows._raw_delete(rows.db)
