"""The autumn-to-summer chart (ISSUE 10, part 4): a horizontal bar chart of each repeated
item's mean at baseline and at the end, drawn on the server as inline SVG (no
JavaScript). It has `role="img"`, a `<title>` and a text summary, and the page shows the
same figures in a table beside it, so nothing is only in the picture."""

from __future__ import annotations

import math
from dataclasses import dataclass

from mathshubs.evaluation.results.comparison import ItemResult

LABEL_WIDTH = 260
PLOT_WIDTH = 380
BAR = 14
GAP = 4
ROW = 2 * BAR + GAP + 18
TOP = 30


@dataclass
class Bar:
    y: int
    width: float
    value: float
    kind: str  # "before" or "after"


@dataclass
class ChartRow:
    label: str
    y: int
    bars: list[Bar]


@dataclass
class Chart:
    title: str
    summary: str
    width: int
    height: int
    label_width: int
    plot_width: int
    scale: int
    ticks: list[tuple[float, int]]
    rows: list[ChartRow]


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def before_after(results: list[ItemResult]) -> Chart | None:
    shown = [r for r in results if r.before is not None and r.after is not None]
    if not shown:
        return None
    scale = max(
        [r.item.points for r in shown]
        + [math.ceil(max(r.before or 0, r.after or 0)) for r in shown]
    )
    scale = max(scale, 1)
    rows = []
    for i, r in enumerate(shown):
        y = TOP + i * ROW
        assert r.before is not None and r.after is not None
        rows.append(
            ChartRow(
                _short(r.item.text),
                y,
                [
                    Bar(y, PLOT_WIDTH * r.before / scale, r.before, "before"),
                    Bar(y + BAR + GAP, PLOT_WIDTH * r.after / scale, r.after, "after"),
                ],
            )
        )
    step = 1 if scale <= 10 else math.ceil(scale / 5)
    ticks = [(LABEL_WIDTH + PLOT_WIDTH * v / scale, v) for v in range(0, scale + 1, step)]
    summary = "; ".join(
        f"{r.item.text}: {r.before:.2f} in autumn, {r.after:.2f} in summer "
        f"({'+' if (r.change or 0) >= 0 else ''}{r.change:.2f}) over {r.pairs} matched "
        f"participant{'s' if r.pairs != 1 else ''}"
        for r in shown
    )
    return Chart(
        title="Mean answer of matched participants, autumn and summer, by item",
        summary=summary + ".",
        width=LABEL_WIDTH + PLOT_WIDTH + 60,
        height=TOP + len(shown) * ROW + 10,
        label_width=LABEL_WIDTH,
        plot_width=PLOT_WIDTH,
        scale=scale,
        ticks=ticks,
        rows=rows,
    )
