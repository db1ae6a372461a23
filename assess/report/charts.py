"""The report's charts, drawn with matplotlib from the plain records of
:mod:`assess.report.chart_data`.

matplotlib is imported inside the functions (Agg, no pyplot: no global state, no GUI), so
nothing that does not draw pays for it. Each function returns a ``Figure``; :func:`save`
turns it into SVG text (inlined in the HTML) or PNG bytes (Markdown, PDF).
"""

from __future__ import annotations

import functools
import io
import math
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, cast

from assess.numbers import level_of, reached, show_gap, show_percent, show_score, show_target

from .chart_data import (
    CURRENT,
    OKABE_ITO,
    STATUS_COLOURS,
    TARGET,
    GanttData,
    GapBarsData,
    HeatmapData,
    ProjectionData,
    RadarData,
    ReadinessData,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WIDTH = 7.2
"""Inches: about the text width of an A4 page (178 mm), so charts print near 1:1."""
INK = "#1a1a1a"
MUTED = "#666666"
GRID = "#d9d9d9"
FONTS = ["Liberation Sans", "Arial", "Helvetica", "DejaVu Sans"]
HEAT = ("#f0f4f8", "#c8dcef", "#79aedb", "#3a80bf", "#1a5a96", "#08306b")
"""Light-to-dark single-hue blues, one per level (lowest first): readable in greyscale and
for every colour-vision type."""

_STYLE: dict[str, Any] = {
    "font.family": "sans-serif", "font.sans-serif": FONTS, "font.size": 8.5,
    "axes.edgecolor": "#8c8c8c", "axes.labelcolor": INK, "axes.titlesize": 10,
    "axes.titleweight": "bold", "axes.titlecolor": INK, "xtick.color": INK,
    "ytick.color": INK, "text.color": INK, "legend.frameon": False,
    "legend.fontsize": 8, "svg.fonttype": "none", "text.parse_math": False,
    # Constrained layout already fits every figure; a "tight" bounding box would cost one
    # more full draw per chart for nothing.
    "figure.dpi": 100, "figure.constrained_layout.h_pad": 0.06,
    "figure.constrained_layout.w_pad": 0.06,
    "svg.hashsalt": "assess-report",
}


F = TypeVar("F", bound=Callable[..., Any])


def styled(fn: F) -> F:
    """Run ``fn`` with the report's matplotlib style, leaving the global settings alone
    (other charts in the same process, e.g. ``assess graph``, keep theirs)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import matplotlib

        matplotlib.use("Agg", force=False)
        with matplotlib.rc_context(cast(Any, _STYLE)):
            return fn(*args, **kwargs)

    return cast(F, wrapper)


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)) or text


def _tidy(ax: Any, grid_axis: str = "x") -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis=grid_axis, color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)


@styled
def draw_radar(data: RadarData) -> Figure:
    """Current (filled) against target (dashed) per domain on one polar chart; with fewer
    than three domains a radar says nothing, so paired bars are drawn instead."""
    if len(data.labels) < 3:
        return _paired_bars(data)
    from matplotlib.figure import Figure

    # Fixed margins rather than constrained layout, which ignores the polar tick labels.
    fig = Figure(figsize=(6.0, 4.8))
    ax: Any = fig.add_axes((0.22, 0.11, 0.56, 0.76), projection="polar")  # PolarAxes
    n = len(data.labels)
    angles = [2 * math.pi * i / n for i in range(n)]
    loop = [*angles, angles[0]]
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.plot(loop, [*data.target, data.target[0]], color=TARGET, linewidth=1.4,
            linestyle=(0, (4, 2)), label="Target")
    ax.plot(loop, [*data.current, data.current[0]], color=CURRENT, linewidth=2,
            marker="o", markersize=4, label="Current")
    ax.fill(loop, [*data.current, data.current[0]], color=CURRENT, alpha=0.18)
    ax.set_ylim(0, data.scale_max)
    ax.set_yticks(range(1, int(data.scale_max) + 1))
    ax.set_yticklabels([str(i) for i in range(1, int(data.scale_max) + 1)], color=MUTED,
                       fontsize=8)
    ax.set_rlabel_position(180 / n)  # between the first two spokes, clear of the lines
    ax.set_xticks(angles)
    ax.set_xticklabels([f"{_wrap(lab, 18)}\n{show_score(cur)} / {show_target(tgt)}"
                        for lab, cur, tgt in
                        zip(data.labels, data.current, data.target, strict=True)],
                       fontsize=10)
    ax.tick_params(axis="x", pad=16)
    ax.grid(color=GRID, linewidth=0.6)
    ax.spines["polar"].set_color("#bfbfbf")
    fig.legend(loc="upper right", fontsize=9.5)
    return fig


@styled
def _paired_bars(data: RadarData) -> Figure:
    fig = _figure(WIDTH, 0.6 + 0.55 * max(1, len(data.labels)))
    ax = fig.add_subplot()
    ys = list(range(len(data.labels)))
    ax.barh(ys, data.current, height=0.5, color=CURRENT, label="Current")
    ax.scatter(data.target, ys, marker="|", s=400, color=TARGET, linewidths=2,
               label="Target", zorder=3)
    ax.set_yticks(ys, data.labels)
    ax.invert_yaxis()
    ax.set_xlim(0, data.scale_max)
    ax.set_xlabel("Maturity score")
    _tidy(ax)
    ax.legend(loc="lower right")
    return fig


def _text_colour(fill: str) -> str:
    r, g, b = (int(fill[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return "#ffffff" if 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 else INK


def level_colour(score: float, levels: Sequence[int]) -> str:
    """Heatmap fill for ``score``: the colour of the level it has reached."""
    low, high = min(levels), max(levels)
    level = min(high, max(low, level_of(score)))
    share = 0.0 if high == low else (level - low) / (high - low)
    return HEAT[round(share * (len(HEAT) - 1))]


@styled
def draw_heatmap(data: HeatmapData) -> Figure:
    """A capability map: a column per domain, a tile per capability coloured by its level,
    a vermillion corner on tiles below target, hatched grey where nothing was answered."""
    from matplotlib.patches import Patch, Polygon, Rectangle

    rows = max((len(c.cells) for c in data.columns), default=1)
    cols = max(1, len(data.columns))
    fig = _figure(WIDTH, 0.95 + 0.5 * rows)
    ax = fig.add_subplot()
    levels = [lv for lv, _ in data.levels] or [0, 5]
    chars = max(12, int(130 / cols))
    for x, column in enumerate(data.columns):
        ax.text(x + 0.5, -0.12, _wrap(column.domain, chars), ha="center", va="bottom",
                fontsize=8.5, fontweight="bold", color=INK)
        for y, (name, score, target) in enumerate(column.cells):
            box = (x + 0.03, y + 0.05)
            if score is None:
                ax.add_patch(Rectangle(box, 0.94, 0.9, facecolor="#f4f4f4",
                                       edgecolor="#c8c8c8", hatch="////", linewidth=0.4))
                colour, label = MUTED, f"{_wrap(name, chars)}\nnot assessed"
            else:
                fill = level_colour(score, levels)
                ax.add_patch(Rectangle(box, 0.94, 0.9, facecolor=fill, edgecolor="white",
                                       linewidth=0.6))
                colour = _text_colour(fill)
                label = f"{_wrap(name, chars)}\n{show_score(score)} / {show_target(target)}"
                if not reached(score, target):
                    ax.add_patch(Polygon([(x + 0.97, y + 0.05), (x + 0.86, y + 0.05),
                                          (x + 0.97, y + 0.25)], closed=True,
                                         facecolor=OKABE_ITO[3], linewidth=0))
            ax.text(x + 0.5, y + 0.5, label, ha="center", va="center", fontsize=6.6,
                    color=colour, linespacing=1.1)
    ax.set_xlim(0, cols)
    ax.set_ylim(rows, -0.55)
    ax.set_axis_off()
    handles = [Patch(facecolor=level_colour(lv, levels), edgecolor="#bdbdbd", linewidth=0.4,
                     label=f"{lv} {name}") for lv, name in data.levels]
    handles.append(Patch(facecolor=OKABE_ITO[3], label="below target"))
    fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), fontsize=7,
               handlelength=1.2, columnspacing=1.0)
    return fig


@styled
def draw_gap_bars(data: GapBarsData) -> Figure:
    """Horizontal bars of the largest gaps, largest on top, coloured by domain."""
    from matplotlib.patches import Patch

    fig = _figure(WIDTH, 0.9 + 0.27 * max(1, len(data.labels)))
    ax = fig.add_subplot()
    ys = list(range(len(data.labels)))
    ax.barh(ys, data.gaps, height=0.62, color=data.colours)
    for y, gap, score, target in zip(ys, data.gaps, data.scores, data.targets, strict=True):
        ax.text(gap + 0.03, y, f"{show_gap(target, score)}  ({show_score(score)} → "
                f"{show_target(target)})", va="center",
                fontsize=7.5, color=MUTED)
    ax.set_yticks(ys, data.labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, max([*data.gaps, 1.0]) * 1.35)
    ax.set_xlabel("Gap to target (maturity levels)")
    _tidy(ax)
    if data.legend:
        ax.legend(handles=[Patch(color=c, label=n) for n, c in data.legend],
                  loc="lower right", fontsize=7.5)
    return fig


@styled
def draw_readiness(data: ReadinessData) -> Figure:
    """Readiness of each programme (0-100%), least ready on top, coloured by status, with
    the 'at risk' and 'ready' thresholds marked."""
    from matplotlib.patches import Patch

    fig = _figure(WIDTH, 1.1 + 0.42 * max(1, len(data.labels)))
    ax = fig.add_subplot()
    ys = list(range(len(data.labels)))
    values = [r * 100 for r in data.readiness]
    ax.barh(ys, values, height=0.6, color=[STATUS_COLOURS[s] for s in data.statuses])
    for y, v, share in zip(ys, values, data.readiness, strict=True):
        ax.text(v + 1, y, show_percent(share), va="center", fontsize=8, color=INK)
    for share, label, side in ((data.at_risk_below, "at risk below", "right"),
                               (data.ready_from, "ready from", "left")):
        x = share * 100
        ax.axvline(x, color=MUTED, linestyle=(0, (3, 2)), linewidth=0.9)
        ax.text(x + (1 if side == "left" else -1), -0.75, f"{label} {show_percent(share)}",
                ha=side, va="bottom", fontsize=7, color=MUTED)
    ax.set_yticks(ys, [_wrap(lab, 28) for lab in data.labels])
    ax.set_ylim(len(ys) - 0.5, -1.1)
    ax.set_xlim(0, 112)
    ax.set_xticks(range(0, 101, 20))
    ax.set_xlabel("Readiness of the foundations the programme depends on (%)")
    _tidy(ax)
    used = list(dict.fromkeys(data.statuses))
    ax.legend(handles=[Patch(color=STATUS_COLOURS[s], label=s) for s in used],
              loc="lower right", fontsize=7.5)
    return fig


@styled
def draw_gantt(data: GanttData) -> Figure:
    """Capabilities (rows) against months, a bar per phase in which a capability is raised,
    labelled with the level it reaches; phases shaded alternately."""
    from matplotlib.patches import Patch

    fig = _figure(WIDTH, 1.2 + 0.3 * max(1, len(data.rows)))
    ax = fig.add_subplot()
    end = max((p[2] for p in data.phases), default=1)
    for i, (name, start, stop) in enumerate(data.phases):
        if i % 2 == 0:
            ax.axvspan(start, stop, color="#f3f3f3", zorder=0)
        ax.text((start + stop) / 2, -0.85, name, ha="center", va="bottom", fontsize=8,
                fontweight="bold", color=INK)
    for bar in data.bars:
        ax.barh(bar.row, bar.end - bar.start - 0.3, left=bar.start + 0.15, height=0.62,
                color=bar.colour, zorder=2)
        ax.text((bar.start + bar.end) / 2, bar.row, bar.label, ha="center", va="center",
                fontsize=7, color=_text_colour(bar.colour), zorder=3)
    ax.set_yticks(range(len(data.rows)), [_wrap(r, 40) for r in data.rows], fontsize=8)
    ax.set_ylim(len(data.rows) - 0.5, -1.0)
    ax.set_xlim(0, end)
    ax.set_xticks(sorted({p[1] for p in data.phases} | {end}))
    ax.set_xlabel("Months from the start of the programme of work")
    _tidy(ax)
    if data.legend:
        fig.legend(handles=[Patch(color=c, label=n) for n, c in data.legend],
                   loc="outside lower center", ncol=min(5, len(data.legend)), fontsize=7.5)
    return fig


@styled
def draw_projection(data: ProjectionData) -> Figure:
    """Grouped bars per domain: today in grey, then after each phase (light to dark blue),
    with the target as a black line over each group."""
    from matplotlib.lines import Line2D

    fig = _figure(WIDTH, 3.4)
    ax = fig.add_subplot()
    n = len(data.series)
    width = 0.8 / max(n, 1)
    shades = _shades(n)
    for i, (name, values) in enumerate(data.series):
        xs = [x - 0.4 + width * (i + 0.5) for x in range(len(data.labels))]
        ax.bar(xs, values, width=width * 0.92, color=shades[i], label=name)
    ax.hlines(data.targets, [x - 0.45 for x in range(len(data.labels))],
              [x + 0.45 for x in range(len(data.labels))], colors=TARGET, linewidth=1.8,
              zorder=3)
    ax.set_xticks(range(len(data.labels)), [_wrap(lab, 14) for lab in data.labels])
    ax.set_ylim(0, data.scale_max)
    ax.set_ylabel("Maturity score")
    _tidy(ax, "y")
    handles, _ = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], color=TARGET, linewidth=1.8, label="Target"))
    fig.legend(handles=handles, loc="outside upper center", ncol=n + 1, fontsize=7.5)
    return fig


def _shades(n: int) -> list[str]:
    """Today in grey, then the phases in blues from light to dark."""
    blues = ["#9ecae1", "#56B4E9", "#0072B2", "#004c7a", "#002b45"]
    phases = n - 1
    if phases <= 1:
        picks = blues[2:2 + phases]
    elif phases <= 3:
        picks = blues[1:1 + phases]
    else:
        picks = (blues + [blues[-1]] * phases)[:phases]
    return ["#a6a6a6", *picks]


_DROP = (re.compile(r"<\?xml[^>]*\?>\s*"), re.compile(r"<!DOCTYPE[^>]*>\s*"),
         re.compile(r"<metadata>.*?</metadata>\s*", re.S))


@styled
def save(fig: Figure, fmt: str, dpi: int = 200) -> bytes:
    """The figure as SVG (UTF-8, ready to inline: no XML prolog, doctype or metadata,
    sized by its viewBox) or PNG bytes (:func:`opaque_png`)."""
    if fmt == "png":
        return opaque_png(fig, dpi)
    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_metadata(fmt))
    data = buffer.getvalue()
    return clean_svg(data) if fmt == "svg" else data


def opaque_png(fig: Figure, dpi: int) -> bytes:
    """The figure as an RGB PNG at ``dpi``. Our figures are opaque (white), so an alpha
    channel would only cost: a PDF must store it as a second image (WeasyPrint splits and
    re-encodes it), and the file is bigger."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    canvas = FigureCanvasAgg(fig)
    original = fig.dpi
    fig.dpi = dpi
    try:
        canvas.draw()  # type: ignore[no-untyped-call]
        pixels = np.asarray(canvas.buffer_rgba())  # type: ignore[no-untyped-call]
    finally:
        fig.dpi = original
    image = Image.fromarray(pixels[..., :3])  # RGB: the alpha channel dropped
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=3, dpi=(dpi, dpi))
    return buffer.getvalue()


def clean_svg(data: bytes) -> bytes:
    """matplotlib SVG made ready to inline in HTML: no XML prolog, doctype or metadata
    (which names URLs), no fixed width and height."""
    text = data.decode("utf-8")
    for pattern in _DROP:
        text = pattern.sub("", text)
    # Width and height in pt would fix the size; the viewBox alone lets CSS scale it.
    text = re.sub(r'(<svg[^>]*?) width="[^"]*" height="[^"]*"', r"\1", text, count=1)
    return text.encode("utf-8")


def _metadata(fmt: str) -> dict[str, Any]:
    if fmt == "svg":
        return {"Date": None, "Creator": None, "Format": None, "Type": None}
    if fmt == "png":
        return {"Software": None}
    return {}
