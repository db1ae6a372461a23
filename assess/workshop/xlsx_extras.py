"""Everything in a returned workbook beyond the cells the import reads: kept or refused.

Nothing a respondent wrote may vanish. Each cell of the returned workbook is one of:

- a cell the import reads (respondent, answer, confidence, notes, evidence, the hidden
  sheet's keys) — read elsewhere;
- text the template wrote (headings, questions, descriptors, instructions) — must be
  unchanged (an edit is refused). The Instructions sheet is compared only when the workbook
  was made by this release of assess (its wording may change between releases), and the
  hidden sheet's ``made_by`` only has to name a release;
- text in a spare column of a question's row (right of Guidance), or a comment on any cell
  of a question's row — **kept**, appended to that answer's notes;
- anything else (a cell the template left empty, a comment elsewhere, another sheet, a
  merged range) — **refused**, naming the cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .definition import Definition
from .layout import (
    HEADER_ROW,
    INSTRUCTIONS_SHEET,
    META_SHEET,
    QUESTIONS_SHEET,
    RESPONDENT_ROWS,
    RESPONDENT_SHEET,
    Layout,
    cell_name,
    column_letter,
    meta_row,
)

MAX_PROBLEMS = 20
"""Stray cells reported one by one before the rest are counted in one line."""


@dataclass(frozen=True)
class Extra:
    """Text kept from outside the Notes cell, for the notes of one answer."""

    where: str
    """The cell it came from, e.g. ``Questions!Q5``."""
    text: str


@dataclass
class Extras:
    """What the whole workbook holds beyond the cells read: notes kept and cells refused."""

    notes: dict[int, list[Extra]] = field(default_factory=dict)
    """Question index -> text kept for its notes, in column order (cells, then comments)."""
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(cell, message) of everything refused."""


def _cells(ws: Any) -> list[Any]:
    """The cells the file holds (never the empty grid between them), row by row."""
    from openpyxl.cell.cell import MergedCell

    return sorted((c for c in ws._cells.values() if not isinstance(c, MergedCell)),
                  key=lambda c: (c.row, c.column))


def _template_cells(ws: Any, text: Callable[[Any], str]) -> dict[tuple[int, int], str]:
    return {(c.row, c.column): text(c) for c in _cells(ws) if text(c)}


def read_extras(wb: Any, defn: Definition, layout: Layout,
                text: Callable[[Any], str]) -> Extras:
    """Sort every non-empty cell and comment of ``wb`` outside the cells read (docstring)."""
    from .template_xlsx import build_workbook

    template = build_workbook(defn)
    out = Extras()
    rows = {layout.row(i): i for i in range(len(defn.questionnaire.questions))}
    read = {(RESPONDENT_SHEET, row, 2) for row in RESPONDENT_ROWS.values()}
    read |= {(QUESTIONS_SHEET, row, col) for row in rows for col in layout.input_cols}
    headings = layout.headers()
    made_by = (META_SHEET, meta_row("made_by"), 2)
    this_release = text(template[META_SHEET].cell(row=made_by[1], column=2))

    def value_of(where: tuple[str, int, int]) -> str:
        sheet, row, col = where
        return text(wb[sheet].cell(row=row, column=col)) if sheet in wb.sheetnames else ""

    spare: dict[int, list[int]] = {}  # spare column -> rows with text kept from it

    def refuse(ws: Any, row: int, col: int, message: str) -> None:
        out.problems.append((cell_name(ws.title, row, col), message))

    for ws in wb.worksheets:
        expected = (_template_cells(template[ws.title], text)
                    if ws.title in template.sheetnames else None)
        for merged in ws.merged_cells.ranges:
            out.problems.append((f"{ws.title}!{merged.coord}", "merged cells are not read (one "
                                 "cell cannot answer or note several questions): unmerge them "
                                 "and fill in each cell"))
        for cell in _cells(ws):
            row, col = cell.row, cell.column
            comment = cell.comment.text.strip() if cell.comment and cell.comment.text else ""
            if comment:
                heading = (headings[col - 1] if col <= len(headings) else
                           f"column {column_letter(col)}")
                if ws.title == QUESTIONS_SHEET and row in rows:
                    out.notes.setdefault(rows[row], []).append(
                        Extra(cell_name(ws.title, row, col), f"Comment on {heading}: {comment}"))
                else:
                    refuse(ws, row, col, "a comment here is not read: put it in the Notes of "
                           "its question (or as a comment on that question's row)")
            value = text(cell)
            if not value or (ws.title, row, col) in read:
                continue
            if expected is None:
                refuse(ws, row, col, f"the sheet {ws.title!r} is not part of the questionnaire "
                       "and is not read: move its text to the Notes of the questions")
            elif ws.title == QUESTIONS_SHEET and col > len(headings):
                if row in rows:
                    spare.setdefault(col, []).append(row)
                    label = text(ws.cell(row=HEADER_ROW, column=col)) or \
                        f"Column {column_letter(col)}"
                    out.notes.setdefault(rows[row], []).append(
                        Extra(cell_name(ws.title, row, col), f"{label}: {value}"))
                elif row != HEADER_ROW:
                    refuse(ws, row, col, "content below the last question is not read; put "
                           "answers on their question's row")
            elif ws.title == QUESTIONS_SHEET and row not in rows and row != HEADER_ROW:
                refuse(ws, row, col, "content below the last question is not read; put answers "
                       "on their question's row")
            elif ws.title == QUESTIONS_SHEET and (row == HEADER_ROW or col == layout.id_col):
                continue  # headings and ids: checked, with their own messages, by the import
            elif (row, col) not in expected:
                refuse(ws, row, col, "this cell is not read, and the template left it empty: "
                       "put the text in the Notes of a question")
            elif (ws.title, row, col) == made_by:
                if not re.fullmatch(r"assess \S+", value):
                    refuse(ws, row, col, f"edited ({value[:60]!r}); it is not read")
            elif (ws.title != INSTRUCTIONS_SHEET or value_of(made_by) == this_release) and \
                    value != expected[(row, col)]:
                refuse(ws, row, col, f"the template's text was changed (to {value[:60]!r}); it "
                       "is not read: undo the change and write in the Notes column instead")
    ws = wb[QUESTIONS_SHEET] if QUESTIONS_SHEET in wb.sheetnames else None
    if ws is not None:
        for cell in _cells(ws):
            if cell.row == HEADER_ROW and cell.column > len(headings) and text(cell) \
                    and cell.column not in spare:
                refuse(ws, cell.row, cell.column, "a heading with nothing beneath it is not "
                       "read: write under it on the questions' rows, or clear it")
    return out


def refused(extras: Extras) -> list[tuple[str, str]]:
    """The problems to report: the first MAX_PROBLEMS, then one line counting the rest."""
    shown = extras.problems[:MAX_PROBLEMS]
    rest = len(extras.problems) - len(shown)
    if rest:
        shown.append(("", f"... and {rest} more cells or comments that are not read"))
    return shown


def shown_otherwise(cell: Any) -> str | None:
    """Why a number in ``cell`` is not what the sheet shows (a 3 formatted as a percentage
    shows 300%), or None when the format shows the number as it is."""
    fmt = str(cell.number_format or "General")
    if not isinstance(cell.value, int | float) or isinstance(cell.value, bool) or \
            fmt in ("General", "@") or set(fmt) <= set("0#,."):
        return None
    if "%" in fmt:
        return (f"the answer {cell.value:g} is formatted as a percentage and shows as "
                f"{cell.value * 100:g}%: clear the cell's number format and choose the answer "
                "from the list")
    return (f"the answer {cell.value:g} has the number format {fmt!r}, so the sheet may show "
            "something else: clear the cell's number format and choose the answer from the list")
