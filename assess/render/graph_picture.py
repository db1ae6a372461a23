"""The dependency graph as a picture (SVG or PNG): a layered left-to-right drawing.

Capabilities (grouped by domain) on the left, core technologies in the middle,
programmes on the right. Fill colour shows the gap to target in five bins of a
colour-blind-safe sequential palette (ColorBrewer OrRd); programmes at risk get a thick
blue frame and an "AT RISK" tag. Technologies and programmes are placed at the mean
height of what feeds them (a barycentre pass), which keeps crossings few.

:func:`layout` works out everything drawn (positions, colours, labels) as plain data, so
tests can check it without matplotlib; :func:`draw_graph` hands it to matplotlib.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assess.numbers import show_percent, show_score, show_target

if TYPE_CHECKING:
    import networkx as nx

GAP_BINS: tuple[tuple[float, str, str], ...] = (
    (0.0, "#fef0d9", "at target"),
    (0.5, "#fdd49e", "gap up to 0.5"),
    (1.0, "#fdbb84", "gap 0.5 to 1"),
    (1.5, "#fc8d59", "gap 1 to 1.5"),
    (2.0, "#e34a33", "gap 1.5 to 2"),
    (float("inf"), "#b30000", "gap over 2"),
)
"""(upper bound of the gap, fill colour, legend label): ColorBrewer OrRd, 6 classes, which
ColorBrewer marks colour-blind safe; typical gaps (1-2) get two classes of their own."""
UNSCORED = "#d9d9d9"
AT_RISK = "#0072B2"  # Okabe-Ito blue: stands apart from the orange-red gap scale
PREREQUISITE = "#009E73"  # Okabe-Ito bluish green
EDGE = "#8c8c8c"
DARK_FILLS = {"#e34a33", "#b30000"}
ROW = 0.32
"""Inches per capability row: keeps 9-point labels apart however many there are."""


def gap_colour(gap: float | None) -> str:
    """Fill colour of a gap (grey when unknown)."""
    if gap is None:
        return UNSCORED
    for bound, colour, _ in GAP_BINS:
        if gap <= bound + 1e-9:
            return colour
    return GAP_BINS[-1][1]


@dataclass
class Box:
    node: str
    kind: str
    label: str
    detail: str
    x: float
    y: float
    colour: str
    at_risk: bool = False


@dataclass
class Picture:
    """Everything drawn, as data."""

    title: str
    boxes: list[Box] = field(default_factory=list)
    edges: list[tuple[str, str, float]] = field(default_factory=list)
    """(source, target, weight) of enables edges."""
    prerequisites: list[tuple[str, str]] = field(default_factory=list)
    domains: list[tuple[str, float]] = field(default_factory=list)
    """(domain, y of its heading)."""
    height: float = 0.0

    def box(self, node: str) -> Box:
        return next(b for b in self.boxes if b.node == node)


def _spread(order: list[str], wanted: dict[str, float], top: float, bottom: float
            ) -> dict[str, float]:
    """Place ``order`` by ``wanted`` height, evenly spaced between ``top`` and ``bottom``."""
    ranked = sorted(order, key=lambda n: (-wanted[n], n))
    if not ranked:
        return {}
    if len(ranked) == 1:
        return {ranked[0]: (top + bottom) / 2}
    step = (top - bottom) / (len(ranked) - 1)
    return {n: top - i * step for i, n in enumerate(ranked)}


def layout(graph: nx.DiGraph) -> Picture:
    """Positions, colours and labels of every node and edge (y grows upwards)."""
    nodes = dict(graph.nodes(data=True))
    caps = [n for n, a in nodes.items() if a["kind"] == "capability"]
    techs = [n for n, a in nodes.items() if a["kind"] == "technology"]
    progs = [n for n, a in nodes.items() if a["kind"] == "programme"]
    org = graph.graph.get("organisation", "")
    picture = Picture(title=f"{org} — dependency graph: capability gaps, the core "
                      "technologies they hold up and the programmes those serve".lstrip(" —"))

    y = 0.0
    ys: dict[str, float] = {}
    domain = None
    for node in caps:  # in score order, so domains come out grouped
        if nodes[node].get("domain") != domain:
            domain = nodes[node].get("domain")
            y -= 0.6 if picture.domains else 0.0
            picture.domains.append((str(nodes[node].get("domain_name", domain)), y))
            y -= 1.0
        ys[node] = y
        y -= 1.0
    bottom = min(y + 1.0, -1.0)
    top = 0.0

    def barycentre(node: str, placed: dict[str, float]) -> float:
        """Mean height of what feeds ``node``, weighted by link strength."""
        pairs = [(placed[u], float(a.get("weight", 1.0)))
                 for u, _, a in graph.in_edges(node, data=True)
                 if a.get("kind") == "enables" and u in placed]
        total = sum(w for _, w in pairs)
        return sum(p * w for p, w in pairs) / total if total else (top + bottom) / 2

    tech_y = _spread(techs, {t: barycentre(t, ys) for t in techs}, top - 1.0, bottom)
    margin = (top - bottom) * 0.15
    prog_y = _spread(progs, {p: barycentre(p, tech_y) for p in progs}, top - 1.0 - margin,
                     bottom + margin)

    for node in caps:
        a = nodes[node]
        picture.boxes.append(Box(node, "capability", str(a["name"]),
                                 f"{show_score(a.get('current'))} / {show_target(a.get('target'))}",
                                 0.0, ys[node], gap_colour(a.get("gap"))))
    for node in techs:
        a = nodes[node]
        picture.boxes.append(Box(node, "technology", str(a["name"]),
                                 f"{show_score(a.get('current'))} / {show_target(a.get('target'))}",
                                 1.0, tech_y[node], gap_colour(a.get("gap"))))
    for node in progs:
        a = nodes[node]
        ready = a.get("readiness")
        detail = f"readiness {show_percent(ready)}"
        picture.boxes.append(Box(node, "programme", str(a["name"]), detail, 2.0, prog_y[node],
                                 gap_colour(a.get("gap")), a.get("status") == "at risk"))
    for u, v, a in graph.edges(data=True):
        if a.get("kind") == "prerequisite":
            picture.prerequisites.append((u, v))
        else:
            picture.edges.append((u, v, float(a.get("weight", 1.0))))
    picture.height = -bottom + 1.0
    return picture


def draw_graph(graph: nx.DiGraph, fmt: str) -> bytes:
    """The picture of ``graph`` as SVG or PNG bytes (same input, same bytes)."""
    import matplotlib
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, Patch

    picture = layout(graph)
    boxes = {b.node: b for b in picture.boxes}
    rows = max(picture.height, 4.0)
    header, footer = 0.9, 0.75  # inches for the title and the legend
    height = header + rows * ROW + footer
    with matplotlib.rc_context({"svg.hashsalt": "assess", "svg.fonttype": "none",
                                "font.family": "DejaVu Sans"}):
        fig = Figure(figsize=(17, height))
        ax = fig.add_axes((0.0, footer / height, 1.0, rows * ROW / height))
        ax.set_xlim(-1.35, 2.75)
        ax.set_ylim(-rows + 0.5, 0.5)
        ax.axis("off")
        ax.add_collection(LineCollection(
            [_curve(boxes[u].x, boxes[u].y, boxes[v].x, boxes[v].y) for u, v, _ in picture.edges],
            colors=[(0.35, 0.35, 0.35, 0.10 + 0.30 * w) for _, _, w in picture.edges],
            linewidths=[0.5 + 1.3 * w for _, _, w in picture.edges], zorder=1))
        for u, v in picture.prerequisites:
            ax.add_patch(FancyArrowPatch(
                path=_arc(boxes[u].y, boxes[v].y), arrowstyle="-|>", mutation_scale=8,
                color=PREREQUISITE, linewidth=1.0, linestyle=(0, (3, 2)), zorder=2))
        for domain, y in picture.domains:
            ax.text(-1.33, y, domain.upper(), fontsize=9.5, fontweight="bold", va="center",
                    color="#333333")
        for box in picture.boxes:
            _draw_box(ax, box)
        fig.text(0.005, 1 - 0.3 / height, picture.title, fontsize=13, fontweight="bold",
                 va="center")
        fig.text(0.005, 1 - 0.65 / height, "Capabilities: current / target score.  "
                 "Technologies and programmes: link-weighted mean of the capabilities beneath "
                 "them.  Programmes: readiness of the foundations they stand on.",
                 fontsize=9, va="center", color="#333333")
        handles: list[Any] = [Patch(facecolor=c, edgecolor="#555555", label=label)
                              for _, c, label in GAP_BINS]
        handles += [Patch(facecolor=UNSCORED, edgecolor="#555555", hatch="///",
                          label="not scored"),
                    Patch(facecolor="white", edgecolor=AT_RISK, linewidth=3,
                          label="programme at risk"),
                    Line2D([], [], color=PREREQUISITE, linestyle=(0, (3, 2)),
                           label="prerequisite (needed -> needing)")]
        fig.legend(handles=handles, loc="lower center", fontsize=8.5, frameon=False, ncol=5,
                   bbox_to_anchor=(0.5, 0.05 / height))
        buffer = io.BytesIO()
        metadata: dict[str, Any] = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buffer, format=fmt, dpi=110, metadata=metadata)
    return buffer.getvalue()


def _curve(x0: float, y0: float, x1: float, y1: float, points: int = 24
           ) -> list[tuple[float, float]]:
    """A flat-ended cubic Bezier from (x0, y0) to (x1, y1), as in a Sankey diagram."""
    d = (x1 - x0) * 0.5
    out = []
    for i in range(points + 1):
        t = i / points
        a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3
        out.append((a * x0 + b * (x0 + d) + c * (x1 - d) + e * x1,
                    a * y0 + b * y0 + c * y1 + e * y1))
    return out


def _arc(y0: float, y1: float) -> Any:
    """A prerequisite arc right of the capability column, bulging more for longer spans
    (but never into the technology column)."""
    from matplotlib.path import Path

    x = 0.05
    bulge = x + min(0.04 + 0.012 * abs(y1 - y0), 0.32)
    return Path([(x, y0), (bulge, y0), (bulge, y1), (x, y1)],
                [Path.MOVETO, Path.CURVE4, Path.CURVE4, Path.CURVE4])


def _draw_box(ax: Any, box: Box) -> None:
    text_colour = "white" if box.colour in DARK_FILLS else "black"
    if box.kind == "capability":
        ax.scatter([box.x], [box.y], s=110, marker="s", color=box.colour, edgecolors="#555555",
                   linewidths=0.8, zorder=3, hatch="///" if box.colour == UNSCORED else None)
        ax.text(box.x - 0.05, box.y, f"{box.label}  {box.detail}", ha="right", va="center",
                fontsize=9, zorder=4)
        return
    frame = dict(boxstyle="round,pad=0.35", facecolor=box.colour,
                 edgecolor=AT_RISK if box.at_risk else "#555555",
                 linewidth=3.0 if box.at_risk else 0.8)
    label = f"{box.label}\n{box.detail}"
    if box.at_risk:
        label += "  AT RISK"
    ax.text(box.x, box.y, label, ha="center", va="center", fontsize=9 if box.kind ==
            "technology" else 10, color=text_colour, bbox=frame, zorder=4,
            fontweight="bold" if box.kind == "programme" else "normal", wrap=False)
