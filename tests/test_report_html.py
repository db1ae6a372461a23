"""The HTML report: one self-contained file, escaped respondent text, accessible charts,
template overrides; and, where Chromium is installed, no request and no console error."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assess.report import ReportOptions, read_logo, write_reports
from assess.report.figures import render_charts
from assess.report.html import render_html

from . import chromium
from .report_support import FIXTURE, SCRIPT_NOTE, fixture_context

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082")


@pytest.fixture(scope="module")
def html() -> str:
    ctx = fixture_context()
    return render_html(ctx, render_charts(ctx, "svg"))


def test_nothing_is_fetched_or_run(html: str) -> None:
    assert "<script" not in html.lower()
    assert "<link" not in html.lower()
    assert "@import" not in html
    assert "<iframe" not in html.lower() and "<object" not in html.lower()
    # Every src/href/url() stays inside the file: data: URIs and #anchors only.
    refs = re.findall(r"""(?:src|href|xlink:href)\s*=\s*["']([^"']*)["']""", html)
    refs += re.findall(r"url\(\s*['\"]?([^)'\"]*)", html)
    assert refs, "expected some references (anchors, clip paths)"
    outside = [r for r in refs if not r.startswith(("#", "data:"))]
    assert outside == []
    # URLs may appear only as text (a citation, a respondent's note), never as a link.
    for match in re.finditer(r"https?://", html):
        before = html[max(0, match.start() - 12):match.start()]
        assert not re.search(r"(src|href)\s*=\s*[\"']?$", before), before


def test_cover_names_only_scored_domains_as_assessed(html: str) -> None:
    # The cover used to list every domain in scope as assessed, unanswered ones included.
    ctx = fixture_context()
    scored = [d["name"] for d in ctx["domains"] if d["score"] is not None]
    unscored = [d["name"] for d in ctx["domains"] if d["score"] is None]
    assert scored and unscored
    assert (f"<dt>Domains assessed</dt><dd>{', '.join(scored)} (in scope but not scored: "
            f"{', '.join(unscored)})</dd>") in html


def test_respondent_script_is_escaped(html: str) -> None:
    from assess.report.html import ANNEX

    annex = render_html(fixture_context(), {}, template=ANNEX)
    assert SCRIPT_NOTE not in html and SCRIPT_NOTE not in annex
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in annex


def test_charts_are_inline_svg_with_text_alternatives(html: str) -> None:
    figures = re.findall(r"<figure.*?</figure>", html, re.S)
    assert len(figures) >= 5  # radar, heatmap, readiness, gantt, projection
    for fig in figures:
        assert "<svg" in fig and 'role="img"' in fig and "<title" in fig
        assert "<figcaption" in fig
        assert "<img" not in fig
    # A data table follows every chart.
    assert html.count('class="chart-data"') == len(figures)
    # Ids are unique even though every chart comes from matplotlib.
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_print_stylesheet_and_contents(html: str) -> None:
    assert "@media print" in html and "@page" in html
    assert 'id="contents"' in html
    for anchor in ("summary", "vision", "foundations", "technologies", "programmes",
                   "governance", "resourcing", "plan", "methodology", "respondents"):
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html


def test_same_input_same_html() -> None:
    ctx = fixture_context()
    first = render_html(ctx, render_charts(ctx, "svg"))
    assert render_html(ctx, render_charts(ctx, "svg")) == first


def test_title_and_logo_are_embedded(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(PNG_1PX)
    ctx = fixture_context(title="ICT foundations <review>", logo=read_logo(logo))
    page = render_html(ctx, {})
    assert "ICT foundations &lt;review&gt;" in page
    assert 'src="data:image/png;base64,' in page


def test_templates_folder_overrides_css_and_partials(tmp_path: Path) -> None:
    (tmp_path / "partials").mkdir()
    (tmp_path / "report.css").write_text("/* ACME BRAND */ body { color: navy; }")
    (tmp_path / "partials" / "vision.html.j2").write_text(
        '<section id="vision"><h2>Our vision</h2><p>{{ vision }}</p></section>')
    out = tmp_path / "out.html"
    list(write_reports(FIXTURE, ["html"], out, ReportOptions(templates=tmp_path)))
    page = out.read_text()
    assert "/* ACME BRAND */" in page and "@page" not in page
    assert "<h2>Our vision</h2>" in page
    assert "Executive summary" in page  # everything not overridden is the built-in


@pytest.mark.skipif(chromium.find_browser() is None, reason="no Chromium installed")
def test_chromium_makes_no_request_and_logs_no_error(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    list(write_reports(FIXTURE, ["html"], out))
    page = chromium.open_page(out)
    assert page.requests == [out.resolve().as_uri()]
    assert page.outside(out.resolve().as_uri()) == []
    assert page.errors() == []


@pytest.mark.skipif(chromium.find_browser() is None, reason="no Chromium installed")
def test_phone_width_has_no_horizontal_scroll(tmp_path: Path) -> None:
    """At 390 CSS pixels (a phone) the page is no wider than the screen: tables, charts
    and the contents list wrap or scroll inside themselves, the page never sideways."""
    from assess.report import write_reports

    from .conftest import EXAMPLE

    out = tmp_path / "report.html"
    list(write_reports(EXAMPLE, ["html"], out))
    widths = chromium.evaluate_at_width(
        out, 390, "[document.documentElement.scrollWidth, document.body.scrollWidth,"
                  " window.innerWidth]")
    assert widths[2] == 390
    assert max(widths[:2]) <= widths[2], widths
