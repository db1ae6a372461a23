"""The report's progress section: the block, the section, the headline and the trend chart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assess.load.workspace import load_workspace
from assess.progress import progress_since_baseline
from assess.render.progress import progress_block, trend_chart_data
from assess.scoring import score_assessment

from .conftest import DATA

BASE = DATA / "progress" / "base"
CURRENT = DATA / "progress" / "current"


def block(path: Path) -> dict[str, Any] | None:
    ws = load_workspace(path)
    result = score_assessment(ws.scoring_inputs())
    return progress_block(progress_since_baseline(ws.root, result, ws.questionnaires))


def test_no_baseline_no_block() -> None:
    assert block(BASE) is None


def test_block_has_the_comparison_the_trend_and_words() -> None:
    data = block(CURRENT)
    assert data is not None
    o = data["overall"]
    assert o["delta"] == o["current"] - o["baseline"]  # unrounded
    assert round(o["delta"], 4) == round(2.0139 - 1.9583, 4)
    assert data["label"] == "June 2025"
    # The change shown is worked out from the rounded scores (2.01 - 1.96), the JSON delta
    # stays unrounded (0.0556, which is what makes the status "improved").
    assert data["headline"].startswith("Overall maturity rose from 1.96 to 2.01 (+0.05)")
    assert [a["date"] for a in data["trend"]["assessments"]] == ["2025-06-01", "2026-06-01"]
    assert data["highlights"]["improved"] == [
        {"id": "alpha_cap", "name": "Alpha capability", "delta": 1.0, "baseline": 1.75,
         "current": 2.75}]
    assert data["highlights"]["declined"][0]["id"] == "beta_cap"
    assert data["sentences"]["versions"].startswith("Questionnaires changed")
    chart = trend_chart_data({"progress": data})
    assert chart.table()[0] == ("Domain", "2025-06-01", "2026-06-01")
    assert [row[0] for row in chart.table()[1]] == ["Alpha", "Gamma", "Overall"]


def test_report_has_the_progress_section_headline_and_chart(tmp_path: Path) -> None:
    from assess.report import write_reports

    written = list(write_reports(CURRENT, ["html", "markdown"], tmp_path))
    assert tmp_path / "report-charts" / "trend.png" in written
    md = (tmp_path / "report.md").read_text()
    summary = md.split("Progress since the baseline")[2]  # contents, then the section
    assert "## 2 Progress since the baseline" in md
    assert md.count("Overall maturity rose from 1.96 to 2.01 (+0.05)") == 2  # summary, section
    # The questions not compared are working detail: in the annex, not the report.
    annex = (tmp_path / "report-annex.md").read_text()
    assert "| Alpha | AL-B-NEW | – | added since the baseline |" in annex  # by domain name
    assert "AL-B-NEW" not in md
    assert ("Questions renamed between the questionnaire versions and compared as the same "
            "question: AL-B-OLD → AL-B-02.") in summary
    html = (tmp_path / "report.html").read_text()
    assert 'id="section-progress"' in html and 'id="figure-trend"' in html
    assert "Maturity since the baseline" in html


def test_report_without_baseline_has_no_progress_section(tmp_path: Path) -> None:
    from assess.report import write_reports

    list(write_reports(BASE, ["markdown"], tmp_path))
    md = (tmp_path / "report.md").read_text()
    assert "Progress since the baseline" not in md
    assert not (tmp_path / "report-charts" / "trend.png").exists()


def test_example_report_shows_progress_with_the_trend_chart(tmp_path: Path) -> None:
    from assess.report import write_reports

    from .conftest import EXAMPLE

    written = list(write_reports(EXAMPLE, ["markdown"], tmp_path))
    assert tmp_path / "report-charts" / "trend.png" in written
    md = (tmp_path / "report.md").read_text()
    assert "## 2 Progress since the baseline" in md
    assert "![Maturity by domain over 2 assessments from 2025-10-14 to 2026-10-20" in md
