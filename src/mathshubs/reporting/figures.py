"""The national figures of the Maths Hubs annual report, for the demo's printout.

`national_figures(2022)` gives each figure of the 2022/23 annual report
(`shared/reference/annual-report-2022-23.md`) beside the report's own value, counted by
the one definition of each figure in `definitions.py` (how each counts is its docstring)
with `counting.figure_values`: a handful of aggregate queries whatever the size of the
data.
"""

from __future__ import annotations

from dataclasses import dataclass

from mathshubs.reporting.counting import ENGLAND, empty_values, figure_values
from mathshubs.reporting.definitions import DEFINITIONS, SKTM_TITLE

__all__ = ["SKTM_TITLE", "Figure", "figures_table", "national_figures"]


@dataclass(frozen=True)
class Figure:
    """One figure: the platform's value for the year beside the 2022/23 report's."""

    key: str
    label: str
    value: float
    report: float | None
    report_text: str
    is_percent: bool = False
    is_part: bool = False  # a breakdown of the figure above it

    @property
    def shown(self) -> str:
        return f"{self.value:.1f}%" if self.is_percent else f"{int(self.value):,}"

    @property
    def difference(self) -> float | None:
        """The value's difference from the report's, as a fraction of the report's."""
        if not self.report:
            return None
        return (self.value - self.report) / self.report


def national_figures(year: int) -> list[Figure]:
    """The annual report's national figures for the academic year starting in `year`."""
    reported = [d for d in DEFINITIONS if d.section != "Beyond the report"]
    values = figure_values(ENGLAND, reported, years=[year]).get(year) or empty_values(reported)
    return [
        Figure(
            d.key,
            d.label,
            values[d.key].number,
            d.report,
            d.report_text,
            is_percent=d.is_share(),
            is_part=d.parent is not None,
        )
        for d in reported
    ]


def figures_table(figures: list[Figure], *, year_label: str) -> list[str]:
    """The figures as lines of a plain-text table: figure | demo | annual report 2022/23."""
    width = max(len(f.label) + (2 if f.is_part else 0) for f in figures)
    head = f"{'Figure':<{width}}  {year_label:>12}  {'Report 2022/23':>14}"
    lines = [head, "-" * len(head)]
    for figure in figures:
        label = f"  {figure.label}" if figure.is_part else figure.label
        lines.append(f"{label:<{width}}  {figure.shown:>12}  {figure.report_text or '-':>14}")
    return lines
