"""The PDF: the HTML report (PNG charts) through WeasyPrint, the ``pdf`` extra.

Page numbers, running headers and the contents list's page numbers come from CSS paged
media in reports/report.css. WeasyPrint is only allowed ``data:`` URLs, so a template
override cannot make the PDF fetch anything from the network or the disk.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from assess.errors import OutputError

from .figures import Chart, render_charts
from .html import TEMPLATE, render_html

INSTALL_HINT = ("PDF output needs WeasyPrint, which is not installed: "
                "pip install 'assess[pdf]' (see docs/report.md)")


def _fetcher(weasyprint: Any) -> Any:
    urls = weasyprint.urls
    if hasattr(urls, "URLFetcher"):  # newer WeasyPrint: a fetcher class with a protocol list
        return urls.URLFetcher(allowed_protocols=["data"])

    def offline(url: str) -> Any:  # pragma: no cover - older WeasyPrint
        if not url.startswith("data:"):
            raise ValueError(f"refused to fetch {url}: reports are self-contained")
        return urls.default_url_fetcher(url)

    return offline


def render_document(ctx: Mapping[str, Any], charts: Mapping[str, Chart] | None = None,
                    templates: Path | None = None, template: str = TEMPLATE) -> Any:
    """The laid-out WeasyPrint document (pages, bookmarks) of the report (or, with
    ``template`` html.ANNEX, of its annex)."""
    try:
        import weasyprint
    except ImportError as exc:
        raise OutputError(INSTALL_HINT) from exc
    except OSError as exc:  # pragma: no cover - WeasyPrint needs Pango at import
        raise OutputError(f"{INSTALL_HINT}; it failed to load: {exc}") from exc
    if charts is None:
        charts = render_charts(ctx, "png") if template == TEMPLATE else {}
    html = render_html(ctx, charts, templates, medium="print", template=template)
    # WeasyPrint warns about every CSS property it ignores; only errors matter here.
    logger = logging.getLogger("weasyprint")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        return weasyprint.HTML(string=html, url_fetcher=_fetcher(weasyprint)).render()
    finally:
        logger.setLevel(level)


def render_pdf(ctx: Mapping[str, Any], charts: Mapping[str, Chart] | None = None,
               templates: Path | None = None, template: str = TEMPLATE) -> bytes:
    """PDF bytes of the report (or its annex); raises :class:`OutputError` without
    WeasyPrint."""
    document = render_document(ctx, charts, templates, template)
    data: bytes = document.write_pdf(**_tagged())
    return data


def _tagged() -> dict[str, Any]:
    """Ask for a tagged, accessible PDF (PDF/UA-1) where the installed WeasyPrint offers
    it (a structure tree screen readers follow); older versions write a plain PDF."""
    try:
        from weasyprint.pdf import VARIANTS
    except ImportError:  # pragma: no cover - WeasyPrint before PDF variants
        return {}
    return {"pdf_variant": "pdf/ua-1"} if "pdf/ua-1" in VARIANTS else {}
