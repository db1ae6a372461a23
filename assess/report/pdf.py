"""The PDF: the HTML report (PNG charts) through WeasyPrint, the ``pdf`` extra.

Page numbers, running headers and the contents list's page numbers come from CSS paged
media in reports/report.css. WeasyPrint is only allowed ``data:`` URLs and our own charts
(``assess-chart:<name>``, handed over by the run), so a template override cannot make the
PDF fetch anything from the network or the disk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from assess.errors import OutputError

from .figures import CHART_URL, Chart, render_charts
from .html import TEMPLATE, render_html

INSTALL_HINT = ("PDF output needs WeasyPrint, which is not installed: "
                "pip install 'assess[pdf]' (see docs/report.md)")


Images = Callable[[], Mapping[str, bytes]]
"""The PNG of each chart by name, for charts given by ``src`` (figures.charts_to_come);
called when the first is needed, it may wait for them to be drawn."""


def _fetcher(weasyprint: Any, images: Images | None, failures: list[Exception]) -> Any:
    """The only resources a report may load: ``data:`` URLs and our own charts
    (``assess-chart:<name>``, from ``images``). A chart that cannot be had is recorded in
    ``failures`` (WeasyPrint would only leave the image out)."""
    urls = weasyprint.urls

    def chart(url: str) -> bytes | None:
        if images is None or not url.startswith(CHART_URL):
            return None
        try:
            drawn = images()
        except Exception as exc:
            failures.append(exc)
            raise
        return drawn.get(url.removeprefix(CHART_URL))  # a name of no chart: refused below

    if hasattr(urls, "URLFetcher"):  # newer WeasyPrint: a fetcher class
        base: Any = urls.URLFetcher

        class Fetcher(base):  # type: ignore[misc]
            def fetch(self, url: str, headers: Any = None) -> Any:
                data = chart(url)
                if data is not None:
                    return urls.URLFetcherResponse(url, data,
                                                   headers={"Content-Type": "image/png"})
                return super().fetch(url, headers)

        return Fetcher(allowed_protocols=["data"])

    def offline(url: str) -> Any:  # pragma: no cover - older WeasyPrint
        data = chart(url)
        if data is not None:
            return {"string": data, "mime_type": "image/png"}
        if not url.startswith("data:"):
            raise ValueError(f"refused to fetch {url}: reports are self-contained")
        return urls.default_url_fetcher(url)

    return offline


def render_document(ctx: Mapping[str, Any], charts: Mapping[str, Chart] | None = None,
                    templates: Path | None = None, template: str = TEMPLATE,
                    images: Images | None = None) -> Any:
    """The laid-out WeasyPrint document (pages, bookmarks) of the report (or, with
    ``template`` html.ANNEX, of its annex); ``images`` as in :func:`render_pdf`."""
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
    failures: list[Exception] = []
    try:
        document = weasyprint.HTML(string=html,
                                   url_fetcher=_fetcher(weasyprint, images, failures)).render()
    finally:
        logger.setLevel(level)
    if failures:
        raise failures[0]
    return document


def render_pdf(ctx: Mapping[str, Any], charts: Mapping[str, Chart] | None = None,
               templates: Path | None = None, template: str = TEMPLATE,
               images: Images | None = None) -> bytes:
    """PDF bytes of the report (or its annex); raises :class:`OutputError` without
    WeasyPrint. ``images`` gives the PNGs of charts that name a ``src`` instead of
    carrying them: the page layout starts before they are drawn and waits for them
    only when it reaches the first."""
    document = render_document(ctx, charts, templates, template, images)
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
