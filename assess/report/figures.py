"""Every chart of the report, drawn once per output format, with its text alternative.

HTML inlines SVG (ids prefixed per chart so several figures can share one page, a
``<title>`` and ``role="img"`` for screen readers); Markdown and PDF take PNG.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from assess.render import progress

from . import chart_data, charts, peers
from .chart_data import Table

if TYPE_CHECKING:
    from matplotlib.figure import Figure

PNG_DPI = 200
"""Sharp in print (A4 text width at 200 dpi is 1,440 pixels) and still small."""


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    summary: str
    """Text alternative: what the chart shows, in words and numbers."""
    message: str = ""
    """The caption: what to take from the chart (chart_data.message)."""
    table: Table = ((), ())
    """The numbers drawn, as a table to print beside the chart."""
    svg: str = ""
    png: bytes = b""
    src: str = ""
    """Where the PNG is to be fetched from, when not given as ``png`` (charts_to_come)."""


Spec = tuple[str, str, Callable[[Mapping[str, Any]], Any], Callable[[Any], "Figure"]]
"""(name, title, data_fn, draw) of one chart: ``data_fn(ctx)`` gives the record drawn
from (with ``summary`` and ``table()``), ``draw(record)`` the matplotlib figure."""


def _specs(ctx: Mapping[str, Any]) -> list[Spec]:
    """Every chart the context has data for, in report order."""
    # In the order the report shows them (progress and peers come before the
    # foundations), so the figures are numbered as a reader meets them.
    specs: list[Spec] = [
        ("trend", "Maturity since the baseline",
         progress.trend_chart_data, progress.trend_chart_figure),
        ("peers", "Compared with peers", peers.chart_data, peers.draw_peers),
        ("radar", "Current and target maturity by domain",
         chart_data.radar, charts.draw_radar),
        ("heatmap", "Capability maturity heatmap",
         chart_data.heatmap, charts.draw_heatmap),
        ("readiness", "Programme readiness",
         chart_data.readiness, charts.draw_readiness),
        ("gantt", "Roadmap by phase", chart_data.gantt, charts.draw_gantt),
        ("projection", "Projected maturity by phase",
         chart_data.projection, charts.draw_projection),
    ]
    skip = set()
    if not any(d["assessed"] for d in ctx["domains"]):
        skip |= {"radar", "projection"}
    if not any(p["readiness"] is not None for p in ctx["programmes"]):
        skip.add("readiness")
    if not any(p["recommendations"] for p in ctx["phases"]):
        skip.add("gantt")
    if not (ctx.get("peers") or {}).get("shown"):
        skip.add("peers")
    if not (ctx.get("progress") or {}).get("trend"):
        skip.add("trend")
    return [s for s in specs if s[0] not in skip]


def _described(ctx: Mapping[str, Any]) -> list[tuple[Chart, Callable[[], Figure]]]:
    """Every chart described (title, text alternative, caption, table), with the function
    that draws its figure."""
    out: list[tuple[Chart, Callable[[], Figure]]] = []
    for name, title, data_fn, draw in _specs(ctx):
        record = data_fn(ctx)
        chart = Chart(name, title, record.summary,
                      chart_data.message(name, ctx, record.summary), record.table())
        out.append((chart, functools.partial(draw, record)))
    return out


def render_charts(ctx: Mapping[str, Any], fmt: str) -> dict[str, Chart]:
    """Draw every chart and save it as ``svg`` (inline markup) or ``png`` (bytes), by name,
    in report order.

    Each format draws its own figures: saving one figure in a second format would run its
    constrained layout again at another resolution, a few hundredths of a point off, so a
    file would depend on which formats were written before it; laying the figure out once
    beforehand costs the HTML alone more than the second drawing saves the other formats
    (docs/report.md, "How the formats share the time").
    """
    out = {}
    for chart, figure in _described(ctx):
        data = charts.save(figure(), fmt, dpi=PNG_DPI)
        if fmt == "svg":
            out[chart.name] = replace(chart, svg=inline_svg(
                data.decode(), chart.name, chart.title, chart.summary))
        else:
            out[chart.name] = replace(chart, png=data)
    return out


CHART_URL = "assess-chart:"
"""The scheme of a chart's ``src`` in a PDF laid out before its PNGs are drawn."""


def charts_to_come(ctx: Mapping[str, Any]) -> dict[str, Chart]:
    """The charts as :func:`render_charts` describes them, not drawn yet: each ``src`` is
    ``assess-chart:<name>``, which the PDF's fetcher resolves once the PNGs are ready
    (:func:`assess.report.pdf.render_pdf`, ``images``)."""
    return {chart.name: replace(chart, src=f"{CHART_URL}{chart.name}")
            for chart, _ in _described(ctx)}


_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|href="#)([^)"]+)')


def inline_svg(svg: str, name: str, title: str, summary: str = "") -> str:
    """SVG markup ready to sit in an HTML page beside other charts: ids made unique with
    ``name``, labelled (``title``) and described (``summary``, every number drawn) for
    assistive technology, no fixed size."""
    svg = _ID.sub(lambda m: f'id="{name}-{m.group(1)}"', svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{name}-{m.group(2)}", svg)
    described = f' aria-describedby="{name}-desc"' if summary else ""
    head = (f'<svg role="img" aria-labelledby="{name}-title"{described} class="chart-svg"'
            f' preserveAspectRatio="xMidYMid meet"')
    svg = svg.replace("<svg", head, 1)
    close = svg.index(">", svg.index("<svg")) + 1
    desc = f'<desc id="{name}-desc">{html.escape(summary)}</desc>' if summary else ""
    return (f'{svg[:close]}<title id="{name}-title">{html.escape(title)}</title>{desc}'
            f'{svg[close:]}')
