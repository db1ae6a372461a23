"""The report as one self-contained HTML file: inline CSS, inline SVG charts, the logo as a
data URI, no script and no reference to anything outside the file."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .figures import Chart, render_charts
from .templating import data_uri, environment, render

TEMPLATE = "report.html.j2"
ANNEX = "annex.html.j2"


def chart_views(charts: Mapping[str, Chart]) -> dict[str, dict[str, Any]]:
    """What the templates see of each chart: inline ``svg`` markup, or a PNG ``src``."""
    from markupsafe import Markup

    views = {}
    for i, (name, chart) in enumerate(charts.items(), 1):
        views[name] = {
            "name": name, "number": i, "title": chart.title, "summary": chart.summary,
            "message": chart.message or chart.summary,
            "header": chart.table[0], "rows": chart.table[1],
            # Our own matplotlib output, ids prefixed; the only markup not escaped.
            "svg": Markup(chart.svg) if chart.svg else "",
            "src": chart.src or (data_uri(chart.png, "image/png") if chart.png else ""),
        }
    return views


def render_html(ctx: Mapping[str, Any], charts: Mapping[str, Chart] | None = None,
                templates: Path | None = None, *, medium: str = "screen",
                template: str = TEMPLATE) -> str:
    """The HTML report; ``medium`` 'print' is the variant WeasyPrint turns into the PDF
    (paged-media rules for page numbers and the contents list). ``template`` ANNEX gives
    the annex for the working team (no charts)."""
    if charts is None:
        charts = render_charts(ctx, "svg") if template == TEMPLATE else {}
    env = environment("html", templates)
    return render(env, template, templates, **ctx, charts=chart_views(charts), medium=medium)
