"""The figures as tables to download (ISSUE 11, part 4): one builder for the XLSX of the
dashboard (a sheet a table, typed cells, a sheet of definitions) and the API's CSV."""

from __future__ import annotations

from typing import Any

from mathshubs.dates import academic_year_label
from mathshubs.exports import Table
from mathshubs.reporting.counting import Scope, Value
from mathshubs.reporting.definitions import DEFINITIONS
from mathshubs.reporting.selectors import ChartWithTable, Dashboard

FIGURE_HEADER = [
    "Section",
    "Key",
    "Figure",
    "Unit",
    "Value",
    "Count",
    "Of",
    "Previous year value",
    "Previous year count",
    "Annual report 2022/23",
]


def _number(value: Value | None) -> Any:
    if value is None or value.suppressed:
        return None
    if value.of is None:
        return value.count
    return round(value.number, 1) if value.of else None


def figures_table(dashboard: Dashboard, scope: Scope, year: int) -> Table:
    """Every figure of the year beside the year before: numbers stay numbers."""
    rows = [
        [
            section.name,
            row.definition.key,
            row.definition.label,
            "per cent" if row.value.of is not None else row.definition.unit,
            _number(row.value),
            None if row.value.suppressed else row.value.count,
            None if row.value.suppressed else row.value.of,
            _number(row.previous),
            row.previous.count if row.previous and not row.previous.suppressed else None,
            row.report_text or None,
        ]
        for section in dashboard.sections
        for row in section.rows
    ]
    return Table(f"Figures {academic_year_label(year).replace('/', '-')}", FIGURE_HEADER, rows)


def _typed(cell: str) -> Any:
    """A chart table's cell as written ("1,234", "56.1%") back to a number for a
    spreadsheet; text stays text."""
    plain = cell.replace(",", "")
    try:
        return float(plain[:-1]) if plain.endswith("%") else int(plain)
    except ValueError:
        return cell


def chart_table(found: ChartWithTable, title: str) -> Table:
    rows = [[row[0], *(_typed(c) for c in row[1:])] for row in found.rows]
    return Table(title, found.head, rows)


def definitions_table() -> Table:
    return Table(
        "Definitions",
        ["Key", "Figure", "Section", "How it is counted"],
        [[d.key, d.label, d.section, d.definition()] for d in DEFINITIONS],
    )


def dashboard_tables(dashboard: Dashboard, scope: Scope, year: int) -> list[Table]:
    """The XLSX: the figures, each chart's table, the local authorities, the
    definitions."""
    titles = {
        "engaged-by-hub": "Engaged by hub",
        "tfm-stages": "TfM by stage",
        "engaged-by-fsm": "Engaged by FSM quintile",
        "completion-by-hub": "Completion by hub",
    }
    places = Table(
        "Engaged by local authority",
        ["Local authority", "Share engaged", "Engaged", "Schools"],
        [[row[0], *(_typed(c) for c in row[1:])] for row in dashboard.places],
    )
    return [
        figures_table(dashboard, scope, year),
        *(chart_table(c, titles.get(c.chart.key, c.chart.key)[:31]) for c in dashboard.charts),
        places,
        definitions_table(),
    ]


def drilldown_cells(source: str) -> tuple[list[str], Any]:
    """The columns of a drill-down's CSV for the kind of row a figure counts, and how to
    fill them from a row."""
    if source == "enrolments":
        return ["URN", "School", "Local authority", "Serving hub"], lambda i: [
            i.urn,
            i.name,
            i.local_authority.name if i.local_authority else "",
            i.hub.name if i.hub else "",
        ]
    if source == "activities":
        return ["Activity id", "Activity", "Hub"], lambda a: [a.pk, a.title, a.hub.name]
    if source == "events":
        return ["Event id", "Event", "Starts"], lambda e: [e.pk, e.title, e.starts_at]
    if source == "registrations":
        return ["Person", "Event", "Starts"], lambda r: [
            r.person.full_name,
            r.event.title,
            r.event.starts_at,
        ]
    if source == "completions":
        return ["Person", "Activity", "Completed on"], lambda c: [
            c.person.full_name,
            c.activity.title,
            c.submitted_on,
        ]
    return ["Person", "Institution"], lambda p: [
        p.full_name,
        p.institution.name if p.institution else "",
    ]
