"""The results workbook: its sheets, numbers stored as numbers, respondents' text
neutralised against formula injection (read back with openpyxl)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from assess.report.xlsx import render_xlsx

from .report_support import FORMULA_NOTE, SCRIPT_NOTE, fixture_context


@pytest.fixture(scope="module")
def workbook() -> Any:
    return load_workbook(io.BytesIO(render_xlsx(fixture_context())))


def _rows(workbook: Any, sheet: str) -> list[dict[str, Any]]:
    ws = workbook[sheet]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def test_sheets(workbook: Any) -> None:
    assert workbook.sheetnames == ["Summary", "Capabilities", "Recommendations", "Roadmap",
                                   "Answers"]


def test_note_starting_with_equals_is_text(workbook: Any) -> None:
    notes = [r["Notes"] for r in _rows(workbook, "Answers")]
    assert "'" + FORMULA_NOTE + " generator is tested monthly by the contractor." in notes
    for ws in workbook:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula in {ws.title}!{cell.coordinate}"


def test_script_note_is_kept_as_plain_text(workbook: Any) -> None:
    notes = [r["Notes"] or "" for r in _rows(workbook, "Answers")]
    assert any(n.startswith(SCRIPT_NOTE) for n in notes)


def test_numbers_are_numbers(workbook: Any) -> None:
    caps = {r["Capability id"]: r for r in _rows(workbook, "Capabilities")}
    assert caps["fx_power"]["Score"] == 2.0 and caps["fx_power"]["Target"] == 3
    assert caps["fx_links"]["Gap"] == 2.0
    assert caps["fx_skills"]["Score"] is None  # unscored: an empty cell, not "–"
    ws = workbook["Capabilities"]
    assert ws["D2"].number_format == "0.00"
    recs = _rows(workbook, "Recommendations")
    assert [r["Rank"] for r in recs] == [1, 2, 3, 4, 5]
    assert all(isinstance(r["Effort (person-days)"], int | float) for r in recs)
    answers = _rows(workbook, "Answers")
    assert {type(r["Answer"]) for r in answers if r["Answer"] != "n/a"} <= {int, float}


def test_roadmap_lists_phases_then_backlog(workbook: Any) -> None:
    phases = [r["Phase"] for r in _rows(workbook, "Roadmap")]
    assert phases == ["0-6 months", "6-12 months", "Backlog", "Backlog", "Backlog"]


def test_summary_has_key_figures_and_projection(workbook: Any) -> None:
    ws = workbook["Summary"]
    figures = {row[0]: row[1] for row in ws.iter_rows(max_col=2, values_only=True) if row[0]}
    assert figures["Organisation"] == "Fixture Borough Council"
    assert figures["Overall score"] == pytest.approx(2.083333, abs=1e-6)
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Domain")
    assert header[-2:] == ("After 0-6 months", "After 6-12 months")
