"""Reach beyond the report (ISSUE 11): the share of schools engaged by local authority and
by free-school-meals quintile, counted as `definitions.Engaged` counts (state-funded
schools, ITT providers excluded, engaged when enrolled, not withdrawn, in any activity of
the year; a hub's schools are those it serves).

Quintiles are England's: the schools whose census percentage of pupils eligible for free
school meals is known, in order of it, cut into five groups as equal as ties allow
(quintile 1 has the fewest pupils eligible). A hub or region keeps England's cuts, so its
quintile 5 means the same schools' kind as England's. Schools with no percentage are
counted apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, Count, IntegerField, Q, Value, When

from mathshubs.reporting.counting import ENGLAND, SOURCES, Scope, schools_in
from mathshubs.reporting.counting import Value as Share
from mathshubs.reporting.definitions import Engaged

QUINTILES = 5
NOT_KNOWN = "Not known"


@dataclass(frozen=True)
class ReachRow:
    label: str
    share: Share


def _engaged(year: int, scope: Scope) -> Q:
    """Engaged in `year`: in the set of the scope's schools enrolled (not a subquery per
    school, so PostgreSQL hashes the set once)."""
    enrolments = SOURCES["enrolments"].base([year]).filter(Engaged.condition())
    if not scope.is_national:
        enrolments = enrolments.filter(institution__hub_id__in=scope.hub_ids)
    return Q(pk__in=enrolments.values("institution_id"))


def fsm_cuts() -> list[Decimal]:
    """The four percentages that cut England's schools into quintiles (one query)."""
    known = list(
        schools_in(ENGLAND)
        .filter(percent_disadvantaged__isnull=False)
        .order_by("percent_disadvantaged")
        .values_list("percent_disadvantaged", flat=True)
    )
    if not known:
        return []
    return [known[max(0, len(known) * k // QUINTILES - 1)] for k in range(1, QUINTILES)]


def by_fsm_quintile(scope: Scope, year: int) -> list[ReachRow]:
    """Schools and the share engaged in each quintile, then those not known: two
    queries."""
    cuts = fsm_cuts()
    whens = [When(percent_disadvantaged__lte=cut, then=Value(k)) for k, cut in enumerate(cuts, 1)]
    bucket = Case(
        When(percent_disadvantaged__isnull=True, then=Value(0)),
        *whens,
        default=Value(QUINTILES),
        output_field=IntegerField(),
    )
    counted = {
        row["quintile"]: Share(row["engaged"], row["schools"])
        for row in schools_in(scope)
        .annotate(quintile=bucket)
        .order_by()
        .values("quintile")
        .annotate(schools=Count("pk"), engaged=Count("pk", filter=_engaged(year, scope)))
    }
    rows = [
        ReachRow(_quintile_label(k, cuts), counted.get(k, Share(0, 0)))
        for k in range(1, QUINTILES + 1)
    ]
    if 0 in counted:  # schools with no percentage
        rows.append(ReachRow(NOT_KNOWN, counted[0]))
    return rows


def _quintile_label(k: int, cuts: list[Decimal]) -> str:
    if not cuts:
        return f"Quintile {k}"
    low = "0" if k == 1 else f"over {cuts[k - 2]}"
    high = f"{cuts[k - 1]}%" if k < QUINTILES else "100%"
    extreme = " (fewest eligible)" if k == 1 else " (most eligible)" if k == QUINTILES else ""
    return f"Quintile {k}{extreme}: {low} to {high}"


def by_local_authority(scope: Scope, year: int) -> list[ReachRow]:
    """Schools and the share engaged in each local authority, by name (one query)."""
    return [
        ReachRow(row["local_authority__name"] or NOT_KNOWN, Share(row["engaged"], row["schools"]))
        for row in schools_in(scope)
        .order_by("local_authority__name")
        .values("local_authority__name")
        .annotate(schools=Count("pk"), engaged=Count("pk", filter=_engaged(year, scope)))
    ]
