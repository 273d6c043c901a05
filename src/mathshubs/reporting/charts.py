"""The figures' charts (ISSUE 11, part 3), drawn on the server as inline SVG.

Why our own few lines of SVG rather than Vega-Lite (vl-convert-python) or pygal: the
charts are bars, ranked or stacked, and nothing more; drawn here they use the GOV.UK
colours and font, print, need no JavaScript, no inline style or script (a Content
Security Policy stays strict), and no package of tens of megabytes. Each chart has
`role="img"`, a title and a text summary, and its page shows the same numbers in a table
beside it, so nothing is only in the picture.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LABEL_WIDTH = 280
PLOT_WIDTH = 420
BAR = 16
ROW = 24
TOP = 34
# GOV.UK Design System colours, told apart by more than hue (a legend and the table).
COLOURS = ["#1d70b8", "#00703c", "#f47738", "#4c2c92", "#d4351c", "#505a5f"]


@dataclass
class Segment:
    x: float
    width: float
    colour: str
    text: str


@dataclass
class ChartRow:
    label: str
    y: int
    segments: list[Segment]
    shown: str  # the row's value as written at the end of its bar

    @property
    def end(self) -> float:
        """Where the value is written: just after the bar."""
        last = self.segments[-1] if self.segments else None
        return (last.x + last.width if last else LABEL_WIDTH) + 6


@dataclass
class Chart:
    key: str  # unique on the page: the SVG's ids
    title: str
    summary: str
    rows: list[ChartRow]
    legend: list[tuple[str, str, float]] = field(default_factory=list)  # text, colour, x
    ticks: list[tuple[float, str]] = field(default_factory=list)
    label_width: int = LABEL_WIDTH
    width: int = LABEL_WIDTH + PLOT_WIDTH + 90
    height: int = 0

    @property
    def plot_top(self) -> int:
        return 24 if self.legend else 8


def _short(text: str, limit: int = 34) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _ticks(top: float, percent: bool) -> list[tuple[float, str]]:
    if top <= 0:
        return [(LABEL_WIDTH, "0")]
    step = _step(top)
    found = []
    value = 0.0
    while value <= top + 1e-9:
        text = f"{value:g}%" if percent else f"{value:,.0f}"
        found.append((LABEL_WIDTH + PLOT_WIDTH * value / top, text))
        value += step
    return found


def _step(top: float) -> float:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000):
        if top / step <= 6:
            return step
    return 10 ** len(str(int(top)))


def _top(largest: float, percent: bool) -> float:
    if percent:
        return 100.0
    if largest <= 0:
        return 1.0
    step = _step(largest)
    return step * -(-largest // step)


def ranked_bars(
    key: str,
    title: str,
    rows: list[tuple[str, float, str]],
    *,
    percent: bool = False,
    ranked: bool = True,
) -> Chart:
    """A horizontal bar a row, largest first (or in the given order): (label, value,
    value as written)."""
    ranked_rows = sorted(rows, key=lambda r: (-r[1], r[0])) if ranked else list(rows)
    return _bars(key, title, ranked_rows, percent)


def _bars(key: str, title: str, ranked: list[tuple[str, float, str]], percent: bool) -> Chart:
    top = _top(max((r[1] for r in ranked), default=0), percent)
    chart_rows = []
    for i, (label, value, shown) in enumerate(ranked):
        width = PLOT_WIDTH * value / top if top else 0
        segment = Segment(LABEL_WIDTH, width, COLOURS[0], shown)
        chart_rows.append(ChartRow(_short(label), TOP + i * ROW, [segment], shown))
    if not ranked:
        summary = f"{title}: nothing counted."
    elif len(ranked) <= 6:
        summary = "; ".join(f"{label}: {shown}" for label, _, shown in ranked) + "."
    else:  # the table beside it has every row
        high = "; ".join(f"{label}: {shown}" for label, _, shown in ranked[:3])
        low = "; ".join(f"{label}: {shown}" for label, _, shown in ranked[-3:])
        summary = f"Highest: {high}. Lowest: {low}."
    return Chart(
        key,
        title,
        summary,
        chart_rows,
        ticks=_ticks(top, percent),
        height=TOP + len(ranked) * ROW + 24,
    )


def stacked_bars(
    key: str, title: str, categories: list[str], series: list[tuple[str, list[int]]]
) -> Chart:
    """A horizontal bar a category (a year), made of one part a series (a stage)."""
    totals = [sum(values[i] for _, values in series) for i in range(len(categories))]
    top = _top(max(totals, default=0), False)
    chart_rows = []
    for i, category in enumerate(categories):
        x = float(LABEL_WIDTH)
        segments = []
        for j, (name, values) in enumerate(series):
            width = PLOT_WIDTH * values[i] / top if top else 0
            segments.append(Segment(x, width, COLOURS[j % len(COLOURS)], f"{name}: {values[i]:,}"))
            x += width
        chart_rows.append(ChartRow(category, TOP + i * ROW, segments, f"{totals[i]:,}"))
    legend = []
    x = float(LABEL_WIDTH)
    for j, (name, _) in enumerate(series):
        legend.append((name, COLOURS[j % len(COLOURS)], x))
        x += 26 + 8.5 * len(name)
    parts = "; ".join(
        f"{category}: {totals[i]:,} ("
        + ", ".join(f"{name} {values[i]:,}" for name, values in series)
        + ")"
        for i, category in enumerate(categories)
    )
    return Chart(
        key,
        title,
        f"{title}. {parts}.",
        chart_rows,
        legend=legend,
        ticks=_ticks(top, False),
        width=max(LABEL_WIDTH + PLOT_WIDTH + 90, int(x) + 10),
        height=TOP + len(categories) * ROW + 24,
    )
