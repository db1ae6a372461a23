"""The results workbook: its sheets, numbers stored as numbers, respondents' text
neutralised against formula injection (read back with openpyxl)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path
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
    # The fixture names no baseline, so no Progress sheet.
    assert workbook.sheetnames == ["Summary", "Capabilities", "Recommendations", "Roadmap",
                                   "Resourcing", "Programmes", "Answers"]


def test_every_sheet_is_a_filtered_table_that_prints_one_page_wide(workbook: Any) -> None:
    for ws in workbook:
        assert ws.tables, ws.title
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.orientation == "landscape", ws.title
        header = ws.freeze_panes and int(ws.freeze_panes[1:]) - 1
        assert ws.print_title_rows == f"${header}:${header}", ws.title
        table = next(iter(ws.tables.values()))
        assert table.ref.startswith(f"A{header}:"), ws.title


def test_dates_are_dates(workbook: Any) -> None:
    import datetime as dt

    rows = {r[0].value: r[1].value for r in workbook["Summary"].iter_rows(max_col=2)}
    assert rows["Assessment date"] == dt.datetime(2026, 3, 2)


def test_note_starting_with_equals_is_text(workbook: Any) -> None:
    note = FORMULA_NOTE + " generator is tested monthly by the contractor."
    ws = workbook["Answers"]
    cells = [c for row in ws.iter_rows() for c in row if c.value == note]
    assert cells, "the note is not there exactly as written (no apostrophe added)"
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    for ws in workbook:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"formula in {ws.title}!{cell.coordinate}"


def test_script_note_is_kept_as_plain_text(workbook: Any) -> None:
    notes = [r["Notes"] or "" for r in _rows(workbook, "Answers")]
    assert any(n.startswith(SCRIPT_NOTE) for n in notes)


def test_numbers_are_numbers(workbook: Any) -> None:
    caps = {r["Capability"]: r for r in _rows(workbook, "Capabilities")}
    assert caps["Power resilience"]["Score"] == 2.0 and caps["Power resilience"]["Target"] == 3
    assert caps["Site links"]["Gap"] == 2.0
    assert caps["Digital skills"]["Score"] is None  # unscored: an empty cell, not "–"
    ws = workbook["Capabilities"]
    assert ws["C2"].number_format == "0.00"
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
    assert figures["Overall score"] == 2.08  # the score as shown (assess.numbers)
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "Domain")
    assert header[-2:] == ("After 0-6 months", "After 6-12 months")


RISKY = ["+44 20 7946 0000", "-", "@channel please look", "=1+2", "\tindented",
         '=HYPERLINK("http://evil.example","click")']
"""Respondents' text that a spreadsheet would read as a formula if typed into a cell."""


def _risky_workbook() -> bytes:
    """The fixture's workbook with RISKY as notes (Answers!M2...) and as a phase name (a
    header cell of the Summary sheet)."""
    ctx = fixture_context()
    answers = [a for d in ctx["domains"] for c in d["questions"] for q in c["questions"]
               for a in q["answers"]]
    for answer, text in zip(answers, RISKY, strict=False):
        answer["notes"] = text
    ctx["projection"]["phases"][0] = "=SUM(1,2)"
    return render_xlsx(ctx)


def test_formula_like_text_reads_exactly_as_written() -> None:
    wb = load_workbook(io.BytesIO(_risky_workbook()))
    notes = {c.value: c for c in wb["Answers"]["M"] if c.value in RISKY}
    assert sorted(notes) == sorted(RISKY)
    for text, cell in notes.items():
        assert cell.value == text  # no apostrophe in front
        assert cell.data_type == "s", text  # an explicit string cell, never a formula
        assert cell.quotePrefix, text  # and marked so that editing keeps it text
    header = next(c for c in wb["Summary"][next(
        r[0].row for r in wb["Summary"].iter_rows() if r[0].value == "Domain")]
        if c.value == "After =SUM(1,2)")
    assert header.data_type == "s"
    plain = next(c for c in wb["Answers"]["B"] if c.value == "Power resilience")
    assert not plain.quotePrefix  # ordinary text is left alone


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="needs LibreOffice")
def test_libreoffice_shows_the_text_and_evaluates_nothing(tmp_path: Path) -> None:
    source = tmp_path / "report.xlsx"
    source.write_bytes(_risky_workbook())
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office is not None
    # Every sheet to its own CSV (the last filter option, -1; LibreOffice 7.2 and later),
    # values as shown; a private profile so a running LibreOffice does not interfere.
    options = "44,34,76,1,,0,false,true,false,false,false,-1"
    subprocess.run([office, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", f"csv:Text - txt - csv (StarCalc):{options}",
                    "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    answers = tmp_path / "report-Answers.csv"
    assert answers.exists(), sorted(p.name for p in tmp_path.iterdir())
    notes = [row[12] for row in csv.reader(io.StringIO(answers.read_text("utf-8")))][1:]
    for text in RISKY:
        assert text in notes, text  # shown as written: no apostrophe, not evaluated
    assert "click" not in notes and "3" not in notes  # what the formulas would show
    summary = (tmp_path / "report-Summary.csv").read_text("utf-8")
    assert "After =SUM(1,2)" in summary
