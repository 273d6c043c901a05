"""Who reads which figures (ISSUE 11): the national team every scope; hub staff England's
figures and their own hubs'. Everyone else none.

A drill-down names schools and people, so it is narrower than the figures: the national
team drills into every scope, hub staff into their own hubs only (England's figures are
theirs to read, not the people behind them).
"""

from __future__ import annotations

from typing import Any

import rules

from mathshubs.directory.rules import is_hub_staff, is_national, staff_hub_ids
from mathshubs.reporting.counting import Scope

can_view_reports = is_national | is_hub_staff


def can_view_scope(user: Any, scope: Scope) -> bool:
    if is_national(user):
        return True
    if not is_hub_staff(user):
        return False
    if scope.is_national:
        return True
    return scope.kind == "hub" and set(scope.hub_ids or ()) <= staff_hub_ids(user)


def can_drill_into(user: Any, scope: Scope) -> bool:
    if is_national(user):
        return True
    return scope.kind == "hub" and set(scope.hub_ids or ()) <= staff_hub_ids(user)


rules.add_perm("reporting.view_reports", can_view_reports)
