"""Who reads which figures (ISSUE 11): the national team every scope; hub staff England's
figures and their own hubs'. Everyone else none.

A drill-down names schools and people, so it is narrower than the figures: the national
team drills into every scope, hub staff into their own hubs only (England's figures are
theirs to read, not the people behind them); who completed a survey is for hub staff
alone.
"""

from __future__ import annotations

from typing import Any

import rules

from mathshubs.directory.rules import is_hub_staff, is_national, staff_hub_ids
from mathshubs.reporting.counting import Scope
from mathshubs.reporting.definitions import Definition

can_view_reports = is_national | is_hub_staff


def can_view_scope(user: Any, scope: Scope) -> bool:
    if is_national(user):
        return True
    if not is_hub_staff(user):
        return False
    if scope.is_national:
        return True
    return scope.kind == "hub" and set(scope.hub_ids or ()) <= staff_hub_ids(user)


def can_drill_into(user: Any, scope: Scope, definition: type[Definition]) -> bool:
    """Who sees the rows behind a figure. Who completed a survey is for the activity's
    leads and its hub's staff (ISSUE 10), so not the national team's."""
    if not definition.drillable:
        return False
    own_hub = scope.kind == "hub" and set(scope.hub_ids or ()) <= staff_hub_ids(user)
    if own_hub:
        return True
    return is_national(user) and definition.names_for_national


rules.add_perm("reporting.view_reports", can_view_reports)
