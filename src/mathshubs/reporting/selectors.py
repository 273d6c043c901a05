"""Reads of the figures that depend on who asks (ISSUE 11): the scope a reader asked for,
checked against what they may see, and the dashboard's rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from mathshubs.activities.models import Activity
from mathshubs.bounds import MAX_ID
from mathshubs.dates import academic_year_label
from mathshubs.directory.models import Hub
from mathshubs.directory.rules import is_national, staff_hub_ids
from mathshubs.reporting import charts, reach, rules
from mathshubs.reporting.counting import (
    ENGLAND,
    Scope,
    Value,
    drilldown,
    empty_values,
    engaged_by_hub,
    figure_values,
    share_by_hub,
)
from mathshubs.reporting.definitions import (
    BY_KEY,
    DEFINITIONS,
    AutumnCompletion,
    Definition,
    PrimaryTfM,
)

NOT_FOUND = "There is no such report, or it is not yours to read"
REPORT_YEAR = 2022  # the annual report's year (2022/23)


def access_scope(*, user: Any, hub: str | None = None, region: str | None = None) -> Scope:
    """England, a region (by name) or a hub (by id), as asked in the address: a scope the
    reader may not see, or that does not exist, is not found."""
    if not rules.can_view_reports(user):
        raise Http404(NOT_FOUND)
    scope = ENGLAND
    if hub:
        found = Hub.objects.filter(pk=int(hub)).first() if _an_id(hub) else None
        if found is None:
            raise Http404(NOT_FOUND)
        scope = Scope("hub", found.name, (found.pk,), str(found.pk))
    elif region:
        ids = tuple(Hub.objects.filter(region=region).order_by("pk").values_list("pk", flat=True))
        if not ids:
            raise Http404(NOT_FOUND)
        scope = Scope("region", region, ids, region)
    if not rules.can_view_scope(user, scope):
        raise Http404(NOT_FOUND)
    return scope


def _an_id(text: str) -> bool:
    """Digits naming a row that could exist (mathshubs.bounds)."""
    return text.isdigit() and 1 <= int(text) <= MAX_ID


def scope_choices(*, user: Any) -> tuple[list[str], list[Hub]]:
    """The regions and hubs a reader may choose: every one for the national team, their
    own hubs for hub staff."""
    hubs = Hub.objects.order_by("name")
    if is_national(user):
        regions = sorted({r for r in hubs.values_list("region", flat=True) if r})
        return regions, list(hubs)
    return [], list(hubs.filter(pk__in=staff_hub_ids(user)))


def years_held() -> list[int]:
    """Every academic year with activities, newest first (one query)."""
    return list(
        Activity.objects.order_by("-academic_year")
        .values_list("academic_year", flat=True)
        .distinct()
    )


@dataclass(frozen=True)
class Row:
    definition: type[Definition]
    value: Value
    previous: Value | None  # None: the platform holds nothing of the year before
    report_text: str  # the annual report's value, shown beside 2022/23's national figure

    @property
    def change(self) -> str:
        if self.previous is None or self.previous.suppressed or self.value.suppressed:
            return ""
        if self.value.of is not None:
            points = self.value.number - self.previous.number
            return f"{points:+.1f} points" if points else "No change"
        difference = self.value.count - self.previous.count
        return f"{difference:+,}" if difference else "No change"


@dataclass(frozen=True)
class Section:
    name: str
    rows: list[Row]


@dataclass(frozen=True)
class ChartWithTable:
    chart: charts.Chart
    head: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Dashboard:
    sections: list[Section]
    charts: list[ChartWithTable]
    places: list[list[str]]  # local authority, share, engaged, schools

    @property
    def elsewhere(self) -> list[type[Definition]]:
        """Figures on their own page only."""
        return [d for d in DEFINITIONS if not d.on_dashboard]


def dashboard(*, scope: Scope, year: int) -> Dashboard:
    """The figures of `year` beside the year before, by the annual report's sections, and
    the charts: Teaching for Mastery schools by stage and year, and for England or a
    region the share of schools engaged by hub."""
    held = years_held()
    # The year and the one before; the Teaching for Mastery chart's stages, every year.
    shown = [d for d in DEFINITIONS if d.on_dashboard]
    values = figure_values(scope, shown, years=[year - 1, year])
    stages = [d for d in DEFINITIONS if d.parent == PrimaryTfM.key]
    values_by_year = figure_values(scope, stages, years=[y for y in held if y <= year])
    now = values.get(year) or empty_values(shown)
    before = (values.get(year - 1) or empty_values(shown)) if year - 1 in held else None
    sections: dict[str, list[Row]] = {}
    for d in shown:
        report = d.report_text if scope.is_national and year == REPORT_YEAR else ""
        earlier = before[d.key] if before is not None else None
        sections.setdefault(d.section, []).append(Row(d, now[d.key], earlier, report))
    found = [_stages_chart(values_by_year, [y for y in sorted(held) if y <= year])]
    if scope.kind != "hub":
        found.insert(0, _engaged_chart(scope, year))
        completion = _completion_chart(scope, year)
        if completion is not None:
            found.append(completion)
    found.append(_fsm_chart(scope, year))
    places = [_share_cells(r.label, r.share) for r in reach.by_local_authority(scope, year)]
    return Dashboard([Section(name, rows) for name, rows in sections.items()], found, places)


def _share_chart(
    key: str, title: str, rows: list[tuple[str, Value]], head: list[str], *, ranked: bool = True
) -> ChartWithTable:
    """A bar a share (largest first, or in order) and its table: name, share, count, of."""
    chart = charts.ranked_bars(
        key,
        title,
        [(label.split(":")[0], v.number, v.shown) for label, v in rows],
        percent=True,
        ranked=ranked,
    )
    return ChartWithTable(chart, head, [_share_cells(label, v) for label, v in rows])


def _share_cells(label: str, value: Value) -> list[str]:
    return [label, value.shown, f"{value.count:,}", f"{value.of or 0:,}"]


def _fsm_chart(scope: Scope, year: int) -> ChartWithTable:
    rows = [(r.label, r.share) for r in reach.by_fsm_quintile(scope, year)]
    title = f"Share of schools engaged, by free school meals quintile, {academic_year_label(year)}"
    head = ["Quintile", "Share engaged", "Engaged", "Schools"]
    return _share_chart("engaged-by-fsm", title, rows, head, ranked=False)


def _engaged_chart(scope: Scope, year: int) -> ChartWithTable:
    title = f"Share of schools engaged, by Maths Hub, {academic_year_label(year)}"
    head = ["Maths Hub", "Share engaged", "Engaged", "Schools"]
    return _share_chart("engaged-by-hub", title, engaged_by_hub(year, scope.hub_ids), head)


def _completion_chart(scope: Scope, year: int) -> ChartWithTable | None:
    """The autumn participant survey's completion by hub, when the year ran it."""
    hubs = share_by_hub(AutumnCompletion, year, scope.hub_ids)
    if not hubs:
        return None
    title = f"Autumn participant survey completion, by Maths Hub, {academic_year_label(year)}"
    head = ["Maths Hub", "Completion", "Completed", "Participants"]
    return _share_chart("completion-by-hub", title, hubs, head)


def _stages_chart(values: dict[int, dict[str, Value]], years: list[int]) -> ChartWithTable:
    stages = [d for d in DEFINITIONS if d.parent == PrimaryTfM.key]
    labels = [academic_year_label(y) for y in years]
    counts = [
        (d.label.removeprefix("at "), [_count(values, y, d.key) for y in years]) for d in stages
    ]
    chart = charts.stacked_bars(
        "tfm-stages",
        "Primary schools in Teaching for Mastery Work Groups, by stage",
        labels,
        counts,
    )
    rows = [[label, *(f"{c[i]:,}" for _, c in counts)] for i, label in enumerate(labels)]
    return ChartWithTable(chart, ["Academic year", *(name for name, _ in counts)], rows)


def _count(values: dict[int, dict[str, Value]], year: int, key: str) -> int:
    found = values.get(year, {}).get(key)
    return found.count if found else 0


def definition_or_404(key: str) -> type[Definition]:
    definition = BY_KEY.get(key)
    if definition is None:
        raise Http404(NOT_FOUND)
    return definition


def figure_history(*, scope: Scope, definition: type[Definition]) -> list[tuple[int, Value]]:
    """The figure's value in every year held, newest first."""
    values = figure_values(scope, [definition])
    empty = empty_values([definition])[definition.key]
    return [(year, values.get(year, {}).get(definition.key, empty)) for year in years_held()]


def access_drilldown(
    *, user: Any, scope: Scope, definition: type[Definition], year: int
) -> QuerySet | None:
    """The rows behind a value, or None when the reader may see the figure but not the
    schools and people behind it."""
    if not rules.can_drill_into(user, scope, definition):
        return None
    return drilldown(definition, scope, year)
