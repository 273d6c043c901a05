"""The report of a year as a PDF (ISSUE 11, part 4): the annual report's sections in its
order, each with its figures beside the year before (and, for England in 2022/23, the
value the report printed) and its charts, then the reach by local authority and the
definitions. Laid out by WeasyPrint from an HTML template, so the charts are the same
SVG as the pages'.

Made by a task worker (`services.export_build`), which calls `progress` before each step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from mathshubs.dates import academic_year_label
from mathshubs.reporting import selectors
from mathshubs.reporting.counting import Scope
from mathshubs.reporting.definitions import DEFINITIONS, MatchedRise
from mathshubs.reporting.selectors import ChartWithTable, Row, Section

# The annual report's sections, in its order (its contents page), and what each is about.
SECTIONS: dict[str, str] = {
    "Welcome": "How many schools worked with their Maths Hub.",
    "Primary": "Teaching for Mastery and Mastering Number in primary schools.",
    "Secondary": "Teaching for Mastery in secondary schools.",
    "LLMEs": "Local Leaders of Mathematics Education: the teachers who lead the work.",
    "SKTM": "Specialist Knowledge for Teaching Mathematics, and initial teacher training.",
    "Post-16": "Colleges and sixth forms.",
    "RIWGs": "Research and Innovation Work Groups.",
    "Maths Hub Leadership": "The Maths Hubs Network's own events.",
    "Beyond the report": "What the platform counts that the annual report could not.",
}
# Which section each chart illustrates.
CHART_SECTION = {
    "engaged-by-hub": "Welcome",
    "engaged-by-fsm": "Welcome",
    "tfm-stages": "Primary",
    "completion-by-hub": "Beyond the report",
}
STEPS = ["Counting the figures", "Working out the matched change", "Laying out the pages"]


@dataclass(frozen=True)
class ReportSection:
    name: str
    about: str
    rows: list[Row]
    charts: list[ChartWithTable]


def report_sections(
    sections: list[Section], charts: list[ChartWithTable], matched: Row | None
) -> list[ReportSection]:
    rows = {s.name: list(s.rows) for s in sections}
    if matched is not None:
        rows.setdefault(MatchedRise.section, []).append(matched)
    return [
        ReportSection(
            name,
            about,
            rows.get(name, []),
            [c for c in charts if CHART_SECTION.get(c.chart.key) == name],
        )
        for name, about in SECTIONS.items()
        if rows.get(name)
    ]


def _matched_row(scope: Scope, year: int) -> Row:
    history = dict(selectors.figure_history(scope=scope, definition=MatchedRise))
    return Row(MatchedRise, history[year], history.get(year - 1), "")


def report_pdf(*, scope: Scope, year: int, progress: Callable[[int, str], None]) -> bytes:
    """The PDF's bytes. `progress(step, text)` is told before each of STEPS."""
    from weasyprint import HTML

    progress(0, STEPS[0])
    board = selectors.dashboard(scope=scope, year=year)
    progress(1, STEPS[1])
    matched = _matched_row(scope, year) if year in selectors.years_held() else None
    progress(2, STEPS[2])
    html = render_to_string(
        "reporting/report_pdf.html",
        {
            "scope": scope,
            "year_label": academic_year_label(year),
            "previous_label": academic_year_label(year - 1),
            "show_report": scope.is_national and year == selectors.REPORT_YEAR,
            "sections": report_sections(board.sections, board.charts, matched),
            "places": board.places,
            "definitions": DEFINITIONS,
            "made_at": timezone.localtime(),
        },
    )
    return HTML(string=html).write_pdf()
