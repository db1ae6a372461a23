"""The report as Markdown, with its charts as PNG files in a folder beside it.

Respondents' text goes through the ``md`` and ``cell`` filters (markup characters
backslashed, ``<`` and ``>`` as entities), so a note cannot inject HTML into a Markdown
viewer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .figures import Chart, render_charts
from .templating import environment, render

TEMPLATE = "report.md.j2"
ANNEX = "annex.md.j2"


def charts_folder(report: Path) -> str:
    """Name of the folder holding a Markdown report's charts: ``<stem>-charts``."""
    return f"{report.stem}-charts"


def render_markdown(ctx: Mapping[str, Any], folder: str = "report-charts",
                    charts: Mapping[str, Chart] | None = None,
                    templates: Path | None = None) -> tuple[str, dict[str, bytes]]:
    """Markdown text, and the files it links to (path relative to the report -> bytes)."""
    if charts is None:
        charts = render_charts(ctx, "png")
    files: dict[str, bytes] = {}
    views = {}
    for i, (name, chart) in enumerate(charts.items(), 1):
        path = f"{folder}/{name}.png"
        files[path] = chart.png
        views[name] = {"name": name, "number": i, "title": chart.title,
                       "summary": chart.summary,
            "message": chart.message or chart.summary, "src": path, "header": chart.table[0],
                       "rows": chart.table[1]}
    logo = ctx["meta"]["logo"]
    logo_src = ""
    if logo is not None:
        logo_src = f"{folder}/logo{_suffix(logo['mime'])}"
        files[logo_src] = logo["data"]
    env = environment("markdown", templates)
    text = render(env, TEMPLATE, templates, **ctx, charts=views, logo_src=logo_src)
    return tidy(text), files


def render_markdown_annex(ctx: Mapping[str, Any], templates: Path | None = None) -> str:
    """The annex for the working team as Markdown (no charts)."""
    env = environment("markdown", templates)
    return tidy(render(env, ANNEX, templates, **ctx, charts={}, logo_src=""))


def tidy(text: str) -> str:
    """Blank lines where Markdown needs them (around tables, before headings and anchors),
    never more than one: templates stay readable without counting newlines."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()
        prev = out[-1] if out else ""
        table, prev_table = line.startswith("|"), prev.startswith("|")
        opens = line.startswith(("#", "<a id=")) and not prev.startswith("<a id=")
        if prev and line and (table != prev_table or opens):
            out.append("")
        out.append(line)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n") + "\n"


def _suffix(mime: str) -> str:
    return {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
            "image/svg+xml": ".svg", "image/webp": ".webp"}.get(mime, ".img")
