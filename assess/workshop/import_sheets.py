"""The cells of a returned workbook a respondent fills in: who they are and their answers.

Split from :mod:`assess.workshop.import_xlsx` (which finds the definition a workbook was
made from and writes the response files). Every problem is located as ``SHEET!CELL``.
Cells are read as stored and never evaluated (see that module's docstring).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from assess.errors import Problem
from assess.load import yamlio
from assess.load.answers import accepted
from assess.models import MAX_NOTES

from .definition import (
    Definition,
    answer_details,
    parse_answer,
    parse_confidence,
    split_evidence,
)
from .layout import (
    HEADER_ROW,
    QUESTIONS_SHEET,
    RESPONDENT_ROWS,
    RESPONDENT_SHEET,
    Layout,
    cell_name,
)
from .xlsx_extras import Extra, shown_otherwise


class Reader:
    """Reads one workbook, collecting located problems instead of stopping at the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = yamlio.display_path(path)
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.name, 0, where, message))


def is_formula(cell: Any) -> bool:
    return cell.data_type == "f" or hasattr(cell.value, "text")  # array / data-table formulas


def cell_text(cell: Any) -> str:
    """A cell's content as literal text: formulas as written, never evaluated."""
    value = cell.value
    if value is None:
        return ""
    if hasattr(value, "text"):  # ArrayFormula, DataTableFormula
        return str(value.text or "")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").strip()


def read_respondent(reader: Reader, wb: Any) -> dict[str, Any]:
    ws = wb[RESPONDENT_SHEET]
    cells = {key: ws.cell(row=row, column=2) for key, row in RESPONDENT_ROWS.items()}
    out: dict[str, Any] = {"name": cell_text(cells["name"]), "role": cell_text(cells["role"])}
    if not out["name"]:
        reader.problem(cell_name(RESPONDENT_SHEET, RESPONDENT_ROWS["name"], 2),
                       "missing respondent name")
    raw = cells["date"].value
    if isinstance(raw, dt.datetime):
        out["date"] = raw.date()
    elif isinstance(raw, dt.date):
        out["date"] = raw
    elif raw is not None and cell_text(cells["date"]):
        try:
            out["date"] = dt.date.fromisoformat(cell_text(cells["date"]))
        except ValueError:
            reader.problem(cell_name(RESPONDENT_SHEET, RESPONDENT_ROWS["date"], 2),
                           f"expected a date (YYYY-MM-DD), got {cell_text(cells['date'])!r}")
    return out


def check_structure(reader: Reader, ws: Any, layout: Layout, defn: Definition) -> bool:
    """Check headings and ids; False when columns moved (no cell can be trusted then)."""
    for col, expected in enumerate(layout.headers(), start=1):
        found = cell_text(ws.cell(row=HEADER_ROW, column=col))
        if found != expected:
            reader.problem(cell_name(QUESTIONS_SHEET, HEADER_ROW, col),
                           f"column heading changed: expected {expected!r}, found {found!r} "
                           "(columns must not be inserted, deleted or moved)")
            return False
    for index, question in enumerate(defn.questionnaire.questions):
        row = layout.row(index)
        found = cell_text(ws.cell(row=row, column=layout.id_col))
        if found != question.id:
            reader.problem(cell_name(QUESTIONS_SHEET, row, layout.id_col),
                           f"edited id: expected {question.id!r}, found {found!r} (rows must "
                           "not be edited, sorted or moved)")
    return True


def read_answers(reader: Reader, ws: Any, layout: Layout, defn: Definition,
             kept: dict[int, list[Extra]]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for index, question in enumerate(defn.questionnaire.questions):
        row = layout.row(index)

        def at(col: int, row: int = row) -> str:
            return cell_name(QUESTIONS_SHEET, row, col)

        value_cell = ws.cell(row=row, column=layout.answer_col)
        conf_cell = ws.cell(row=row, column=layout.confidence_col)
        notes = cell_text(ws.cell(row=row, column=layout.notes_col))
        extras = kept.get(index, [])
        fw = defn.framework_for(question)  # its own answers, not the framework's
        hint = defn.hint_for(question)
        if not cell_text(value_cell):
            for extra in extras:
                reader.problem(extra.where, "text here is kept only as a note of an answered "
                               f"question: choose an answer ({hint}) or clear it")
        elif extras:
            notes = "\n\n".join(part for part in (notes, *(e.text for e in extras)) if part)
        if len(notes) > MAX_NOTES:
            reader.problem(at(layout.notes_col), f"the notes, with the comments and spare "
                           f"columns of this row, come to {len(notes):,} characters, over the "
                           f"{MAX_NOTES:,} a note may have")
        shown = shown_otherwise(value_cell)
        if shown:
            reader.problem(at(layout.answer_col), shown)
            continue
        evidence = split_evidence(cell_text(ws.cell(row=row, column=layout.evidence_col)))
        for cell, col in ((value_cell, layout.answer_col), (conf_cell, layout.confidence_col)):
            if is_formula(cell):
                reader.problem(at(col), f"a formula ({cell_text(cell)}) is not read here; "
                               "choose the answer from the list")
        if is_formula(value_cell) or is_formula(conf_cell):
            continue
        answer: dict[str, Any] = {}
        if cell_text(value_cell):
            raw = value_cell.value if isinstance(value_cell.value, int | float) else \
                cell_text(value_cell)
            try:
                answer["value"] = parse_answer(raw, fw)
            except ValueError as exc:
                listed = accepted(fw) in str(exc)
                reader.problem(at(layout.answer_col), str(exc) if listed else
                               f"{exc} (answers: {hint})")
        try:
            confidence = parse_confidence(cell_text(conf_cell))
        except ValueError as exc:
            reader.problem(at(layout.confidence_col), str(exc))
            confidence = None
        answer.update(answer_details(confidence, notes, evidence))
        if answer and not cell_text(value_cell):
            reader.problem(at(layout.answer_col), "confidence, notes or evidence given without "
                           f"an answer: choose one ({hint}) or clear them")
        elif "value" in answer:
            answers[question.id] = answer
    return answers
