"""The Markdown report: golden file of the fixture, escaping, chart files beside it.

Refresh the golden file after an intended change to the templates or the context:

    ASSESS_UPDATE_GOLDEN=1 pytest tests/test_report_markdown.py

then review the diff of tests/data/report/expected/report.md before committing.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from assess.report import ReportOptions, write_reports
from assess.report.markdown import render_markdown, tidy

from .report_support import FIXTURE, SCRIPT_NOTE, fixture_context

GOLDEN = FIXTURE / "expected" / "report.md"


@cache
def _render() -> tuple[str, dict[str, bytes]]:
    ctx = fixture_context()
    ctx["meta"]["generator"] = "assess VERSION"  # the golden file survives version bumps
    return render_markdown(ctx, "report-charts")


def test_markdown_matches_golden_file() -> None:
    text, _ = _render()
    if os.environ.get("ASSESS_UPDATE_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_markdown_has_every_section_in_order() -> None:
    text, _ = _render()
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Contents", "## 1 Executive summary", "## 2 Vision and principles",
        "## 3 Infrastructure and digital foundations", "## 4 Core technologies",
        "## 5 Programmes", "## 6 Governance", "## 7 Resourcing", "## 8 Action plan",
        "## A Methodology and maturity levels", "## B Respondents"]


def test_respondent_html_is_escaped_in_markdown() -> None:
    from assess.report.markdown import render_markdown_annex

    text = _render()[0] + render_markdown_annex(fixture_context())
    assert SCRIPT_NOTE not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_charts_are_linked_and_returned_as_png() -> None:
    text, files = _render()
    assert files, "no chart files"
    for path, data in files.items():
        assert path.startswith("report-charts/") and path.endswith(".png")
        assert data.startswith(b"\x89PNG")
        assert f"]({path})" in text


def test_write_reports_puts_charts_beside_the_report(tmp_path: Path) -> None:
    target = tmp_path / "client" / "review.md"
    written = list(write_reports(FIXTURE, ["markdown"], target, ReportOptions()))
    assert written[-1] == target
    charts = sorted(p.name for p in (tmp_path / "client" / "review-charts").iterdir())
    assert "radar.png" in charts and "gantt.png" in charts
    assert "](review-charts/radar.png)" in target.read_text()


def test_tidy_separates_tables_and_headings() -> None:
    assert tidy("text\n| a |\n| - |\nafter\n## H\n\n\n\nend") == \
        "text\n\n| a |\n| - |\n\nafter\n\n## H\n\nend\n"
