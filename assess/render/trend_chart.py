"""The trend chart: one line per domain over the assessment dates, overall in black.

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies) and
every line also has its own marker, so the chart reads in greyscale too. The y axis is
labelled with level names and spans whole levels around the scores and the target, so
modest changes stay visible without exaggerating them. matplotlib is imported only inside
the functions that draw.

The chart is built from the plain trend data (the JSON of ``assess trend``), so the
command line and the report draw exactly the same thing from the same numbers.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.errors import AssessError
from assess.numbers import show_score, show_target
from assess.progress import Trend

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
"""Okabe-Ito colours, most distinguishable first; yellow last (weak on white)."""
MARKERS = ("o", "s", "^", "D", "v", "P", "X")
OVERALL_COLOUR = "#000000"
TARGET_COLOUR = "#555555"
FORMATS = ("png", "svg")


@dataclass(frozen=True)
class Line:
    label: str
    scores: tuple[float | None, ...]
    colour: str
    marker: str
    overall: bool = False


@dataclass(frozen=True)
class ChartData:
    """Exactly what is handed to matplotlib (tests check this rather than pixels)."""

    title: str
    dates: tuple[dt.date, ...]
    lines: tuple[Line, ...]
    y_min: float
    y_max: float
    y_ticks: tuple[tuple[int, str], ...]
    target: float | None
    """The latest overall target, drawn as a dotted reference line."""
    summary: str
    """The chart in words (text alternative for the report)."""

    def table(self) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        """(header, rows) of the numbers drawn: one row per line, one column per date."""
        header = ("Domain", *(d.isoformat() for d in self.dates))
        rows = tuple((line.label, *(show_score(s) for s in line.scores))
                     for line in self.lines)
        return header, rows


def chart_data(trend: Mapping[str, Any]) -> ChartData:
    """Lines, colours and axes from trend data shaped like ``assess trend --format json``."""
    lines = []
    for i, d in enumerate(trend["domains"]):
        lines.append(Line(d["name"], tuple(d["scores"]), PALETTE[i % len(PALETTE)],
                          MARKERS[i % len(MARKERS)]))
    overall = trend["overall"]
    lines.append(Line("Overall", tuple(overall["scores"]), OVERALL_COLOUR, "o", overall=True))
    target = overall["targets"][-1]
    scale = trend["scale"]
    names = {int(k): v for k, v in trend["level_names"].items()}
    seen = [s for line in lines for s in line.scores if s is not None]
    if target is not None:
        seen.append(target)
    low = max(scale["min"], math.floor(min(seen, default=scale["min"]) - 0.25))
    high = min(scale["max"], math.ceil(max(seen, default=scale["max"]) + 0.25))
    if high - low < 2:  # at least two levels of height, so a small move looks small
        high = min(scale["max"], low + 2)
        low = max(scale["min"], high - 2)
    ticks = tuple((lv, f"{lv} {names.get(lv, '')}".strip())
                  for lv in range(math.ceil(low), math.floor(high) + 1))
    dates = tuple(dt.date.fromisoformat(a["date"]) for a in trend["assessments"])
    return ChartData(
        title=f"{trend['organisation']}: maturity by domain", dates=dates,
        lines=tuple(lines), y_min=low, y_max=high, y_ticks=ticks, target=target,
        summary=_summary(trend),
    )


def _summary(trend: Mapping[str, Any]) -> str:
    dates = [a["date"] for a in trend["assessments"]]
    parts = []
    for d in [*trend["domains"], {"name": "Overall", **trend["overall"]}]:
        known = [s for s in d["scores"] if s is not None]
        if len(known) > 1:
            parts.append(f"{d['name']} {show_score(known[0])} to {show_score(known[-1])}")
    return (f"Maturity by domain over {len(dates)} assessments from {dates[0]} to "
            f"{dates[-1]}: " + "; ".join(parts) + ".")


def trend_figure(data: ChartData, width: float = 8.5, height: float = 4.6,
                 title: bool = True) -> Figure:
    """The chart as a matplotlib Figure (no pyplot, no global state); without ``title``
    when a caption names it (the report)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    # Plain day numbers with explicit tick labels: no date converter, same on every platform.
    xs_all = [float(d.toordinal()) for d in data.dates]
    for line in data.lines:
        points = [(x, s) for x, s in zip(xs_all, line.scores, strict=True) if s is not None]
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        # Overall on top but dashed and no thicker than the rest, so a domain that runs
        # level with it still shows between the dashes.
        ax.plot(xs, ys, color=line.colour, marker=line.marker, label=line.label,
                linewidth=2.0, markersize=5 if line.overall else 6,
                linestyle=(0, (4, 3)) if line.overall else "-", zorder=3 if line.overall else 2)
    if data.target is not None and data.y_min <= data.target <= data.y_max:
        ax.axhline(data.target, color=TARGET_COLOUR, linestyle=":", linewidth=1.2,
                   label=f"Overall target ({show_target(data.target)})", zorder=1)
    ax.set_ylim(data.y_min, data.y_max)
    ax.set_yticks([lv for lv, _ in data.y_ticks], [name for _, name in data.y_ticks])
    ax.set_xticks(xs_all, [d.strftime("%b %Y") for d in data.dates])
    pad = max((xs_all[-1] - xs_all[0]) * 0.06, 15.0)
    ax.set_xlim(xs_all[0] - pad, xs_all[-1] + pad)
    ax.grid(axis="y", color="#d9d9d9", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_ylabel("Maturity score")
    if title:
        ax.set_title(data.title, loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return fig


def chart_bytes(data: ChartData, fmt: str) -> bytes:
    """The chart as PNG or SVG bytes (same data, same bytes)."""
    import io

    import matplotlib

    buffer = io.BytesIO()
    # Fixed hash salt and no date stamp: the same data gives the same SVG bytes.
    with matplotlib.rc_context({"svg.hashsalt": "assess-trend", "svg.fonttype": "path"}):
        trend_figure(data).savefig(
            buffer, format=fmt, dpi=150,
            metadata={"Date": None} if fmt == "svg" else {"Software": None})
    return buffer.getvalue()


def draw_trend(t: Trend, path: Path) -> Path:
    """Draw the trend chart of ``t`` to ``path`` (.png or .svg), atomically."""
    from assess.load.yamlio import write_bytes

    from .trend import trend_dict

    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise AssessError(f"{path}: a chart is written as .png or .svg, not {path.suffix!r}")
    write_bytes(path, chart_bytes(chart_data(trend_dict(t)), fmt))
    return path
