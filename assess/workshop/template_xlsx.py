"""The Excel questionnaire: instructions, respondent, questions with drop-downs, hidden id.

Protection is against accidental edits, not against a determined user: sheets are
protected without a password (answer cells unlocked) and the workbook structure is
locked so sheets cannot be renamed, moved or unhidden by mistake. The importer checks
everything again regardless.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping
from typing import Any

from assess import __version__
from assess.render.text import literal_text

from .definition import CONFIDENCES, Definition
from .layout import (
    FIRST_QUESTION_ROW,
    FORMAT_VERSION,
    GLOSSARY_SHEET,
    HEADER_ROW,
    INSTRUCTIONS_SHEET,
    META_KEYS,
    META_SHEET,
    QUESTIONS_SHEET,
    RESPONDENT_LABELS,
    RESPONDENT_ROWS,
    RESPONDENT_SHEET,
    TEMPLATE_FORMAT,
    Layout,
    column_letter,
    layout_for,
    option_text,
)

INPUT_FILL = "FFF4CC"  # pale yellow: "type here"
HEADER_FILL = "D9E1F2"
LINE_HEIGHT = 15.0
MAX_INLINE_LIST = 255  # Excel's limit for a literal list in a data validation
LIST_COL = 4  # hidden sheet: the first long drop-down list is in column D


def _text(ws: Any, row: int, col: int, value: str) -> Any:
    """Write ``value`` as literal text, as written and never a formula (see literal_text)."""
    return literal_text(ws.cell(row=row, column=col), value)


def _header(ws: Any, row: int, headers: list[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for col, title in enumerate(headers, start=1):
        cell = _text(ws, row, col, title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _unlock(cell: Any, text: bool) -> None:
    """Make ``cell`` an input: unlocked, highlighted, and typed text kept as text."""
    from openpyxl.styles import Alignment, PatternFill, Protection

    cell.protection = Protection(locked=False)
    cell.fill = PatternFill("solid", fgColor=INPUT_FILL)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if text:
        # Text format: Excel and LibreOffice keep "=..." or "-..." typed here as text.
        cell.number_format = "@"


def _protect(ws: Any) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # resizing columns and rows stays allowed
    ws.protection.formatRows = False


def _list_validation(ws: Any, values: list[str], title: str, prompt: str,
                     list_col: int = LIST_COL) -> Any:
    """A drop-down of ``values``; the list lives on the hidden sheet, in column
    ``list_col``, when too long inline (see :func:`answer_lists`)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    inline = ",".join(values)
    if len(inline) + 2 <= MAX_INLINE_LIST and not any("," in v or '"' in v for v in values):
        formula = f'"{inline}"'
    else:
        col = column_letter(list_col)
        formula = f"'{META_SHEET}'!${col}$1:${col}${len(values)}"
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False,
                        showErrorMessage=True, showInputMessage=True, errorStyle="stop",
                        errorTitle="Not a valid answer", promptTitle=title, prompt=prompt,
                        error=f"Choose one of: {', '.join(values)}"[:255])
    ws.add_data_validation(dv)
    return dv


def answer_lists(defn: Definition) -> list[list[str]]:
    """The distinct answer drop-down lists of ``defn``'s questions, in order of first use;
    list ``i`` is written to column ``LIST_COL + i`` of the hidden sheet."""
    lists: list[list[str]] = []
    for question in defn.questionnaire.questions:
        choices = defn.choices_for(question)
        if choices not in lists:
            lists.append(choices)
    return lists


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Ascending ``rows`` as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


def _instructions(ws: Any, defn: Definition) -> None:
    from openpyxl.styles import Alignment, Font

    q, fw = defn.questionnaire, defn.framework
    lines: list[tuple[str, str]] = [
        ("title", f"{q.name} — maturity questionnaire"),
        ("", f"Questionnaire {q.id}, version {q.version}; framework {fw.name}."),
    ]
    if q.description:
        lines.append(("", q.description))
    lines += [
        ("", ""),
        ("heading", "How to fill it in"),
        ("", f"1. On the {RESPONDENT_SHEET} sheet give your name (required), role and the date."),
        ("", f"2. On the {QUESTIONS_SHEET} sheet read each question and the descriptors beside "
             "it, then pick in the yellow Answer cell the one that best matches what can be "
             f"shown today ({defn.choices_hint}). Pick n/a when the question does not apply "
             "and say why in Notes."),
        ("", "3. Confidence: high when you could show evidence, medium when you are fairly "
             "sure, low when it is your impression."),
        ("", "4. Notes and Evidence are free text; separate evidence items with ; or line "
             "breaks."),
        ("", "5. Leave the answer blank when you cannot answer; notes on a question without an "
             "answer cannot be read back, so answer n/a if you want them kept."),
        ("", "6. Only the yellow cells can be edited; the rest is protected (no password) "
             "against accidental edits. Do not rename sheets, move rows or change ids: the "
             "file is read back by `assess import`."),
    ]
    if fw.answering:
        lines += [("", ""), ("heading", "When no level fits exactly")]
        lines += [("", p.strip()) for p in fw.answering.splitlines() if p.strip()]
    if defn.glossary:
        lines += [("", ""), ("", f"Terms used in the questions are explained on the "
                               f"{GLOSSARY_SHEET} sheet.")]
    lines += [
        ("", ""),
        ("heading", "Answers"),
    ]
    for lv in fw.levels:
        lines.append(("", f"{lv.level} {lv.name}: {lv.description}"))
    scales = defn.scales
    if len(scales) > 1:
        lines.append(("", "The answers differ between questions (each has an answer scale "
                      f"of its own): they are listed beside each question on the "
                      f"{QUESTIONS_SHEET} sheet and offered in its Answer drop-down."))
    for entry in (scales[0] or []) if len(scales) == 1 else []:
        lines.append(("", f"{entry.label} {entry.name}: {entry.description}".rstrip(": ")))
    lines.append(("", "n/a: the question does not apply to the organisation."))
    ws.column_dimensions["A"].width = 110
    for row, (kind, text) in enumerate(lines, start=1):
        cell = _text(ws, row, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if kind:
            cell.font = Font(bold=True, size=14 if kind == "title" else 12)
        ws.row_dimensions[row].height = LINE_HEIGHT * max(1, math.ceil(len(text) / 120))
    _protect(ws)


def _respondent(ws: Any, defn: Definition, who: Mapping[str, str] | None = None) -> None:
    from openpyxl.styles import Font

    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 50
    _text(ws, 1, 1, "Respondent").font = Font(bold=True)
    _text(ws, 1, 2, f"{defn.questionnaire.name} questionnaire")
    for key, row in RESPONDENT_ROWS.items():
        _text(ws, row, 1, RESPONDENT_LABELS[key])
        cell = ws.cell(row=row, column=2)
        _unlock(cell, text=key != "date")
        if who and who.get(key):
            cell.value = who[key]          # filled in for them (per-respondent workbooks)
        if key == "date":
            cell.number_format = "yyyy-mm-dd"
    _protect(ws)


def _row_height(texts: list[tuple[str, float]]) -> float:
    """Rough height for wrapped text of (text, column width) pairs; spreadsheets do not
    always fit rows written by a library."""
    lines = max((math.ceil(len(t) / max(w - 2, 1)) for t, w in texts if t), default=1)
    return LINE_HEIGHT * max(1, min(lines, 25))


def _questions(ws: Any, defn: Definition, layout: Layout) -> None:
    from openpyxl.styles import Alignment

    widths = {layout.id_col: 12, layout.capability_col: 22, layout.text_col: 48,
              layout.answer_col: 10, layout.confidence_col: 12, layout.notes_col: 40,
              layout.evidence_col: 30, layout.to_show_col: 30, layout.guidance_col: 40}
    for i in range(layout.option_count):
        widths[layout.first_option_col + i] = 28
    for col, width in widths.items():
        ws.column_dimensions[column_letter(col)].width = width
    _header(ws, HEADER_ROW, layout.headers())

    # One drop-down per distinct answer list: each question offers its own answers.
    lists = answer_lists(defn)
    rows: list[list[int]] = [[] for _ in lists]
    for index, question in enumerate(defn.questionnaire.questions):
        rows[lists.index(defn.choices_for(question))].append(layout.row(index))
    answer_letter = column_letter(layout.answer_col)
    for i, values in enumerate(lists):
        hint = defn.hint_for(defn.questionnaire.questions[rows[i][0] - FIRST_QUESTION_ROW])
        dv = _list_validation(ws, values, "Answer",
                              f"{hint}; blank if you cannot answer"[:255], LIST_COL + i)
        for first, last in _runs(rows[i]):
            dv.add(f"{answer_letter}{first}:{answer_letter}{last}")
    confidence = _list_validation(ws, list(CONFIDENCES), "Confidence", "low, medium or high")
    top = Alignment(wrap_text=True, vertical="top")
    for index, question in enumerate(defn.questionnaire.questions):
        row = layout.row(index)
        options = defn.options(question)
        descriptors = {c.value: c.descriptor for c in options}
        cells = {layout.id_col: question.id,
                 layout.capability_col: defn.capability_name(question.capability),
                 layout.text_col: question.text,
                 layout.to_show_col: "; ".join(question.evidence),
                 layout.guidance_col: question.guidance}
        for i, option in enumerate(layout.options):
            cells[layout.first_option_col + i] = descriptors.get(option.value, "")
        for i in range(layout.own_options):
            cells[layout.first_option_col + i] = (option_text(options[i])
                                                  if i < len(options) else "")
        for col, text in cells.items():
            _text(ws, row, col, text).alignment = top
        for col in layout.input_cols:
            _unlock(ws.cell(row=row, column=col), text=col != layout.answer_col)
        ws.row_dimensions[row].height = _row_height([(t, widths[c]) for c, t in cells.items()])
    last = layout.row(len(defn.questionnaire.questions) - 1)
    confidence.add(f"{column_letter(layout.confidence_col)}{FIRST_QUESTION_ROW}:"
                   f"{column_letter(layout.confidence_col)}{last}")
    ws.freeze_panes = ws.cell(row=FIRST_QUESTION_ROW, column=layout.first_option_col)
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _protect(ws)


def _glossary(ws: Any, defn: Definition) -> None:
    from openpyxl.styles import Alignment

    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 100
    _header(ws, 1, ["Term", "Meaning"])
    top = Alignment(wrap_text=True, vertical="top")
    for row, entry in enumerate(defn.glossary, start=2):
        _text(ws, row, 1, entry.term).alignment = top
        _text(ws, row, 2, entry.meaning).alignment = top
        ws.row_dimensions[row].height = _row_height([(entry.meaning, 100)])
    _protect(ws)


def _meta(ws: Any, defn: Definition) -> None:
    q = defn.questionnaire
    values = {"format": TEMPLATE_FORMAT, "format_version": str(FORMAT_VERSION),
              "questionnaire": q.id, "version": q.version, "checksum": defn.checksum,
              "framework": defn.framework.id, "questions": str(len(q.questions)),
              "made_by": f"assess {__version__}", "audience": ", ".join(defn.audience)}
    for row, key in enumerate(META_KEYS, start=1):
        _text(ws, row, 1, key)
        _text(ws, row, 2, values[key])
    for i, choices in enumerate(answer_lists(defn)):  # long drop-down lists point here
        for row, choice in enumerate(choices, start=1):
            _text(ws, row, LIST_COL + i, choice)
    ws.sheet_state = "hidden"
    _protect(ws)


def workbook_bytes(defn: Definition, who: Mapping[str, str] | None = None) -> bytes:
    """The template workbook for ``defn`` as .xlsx bytes (``who``: name and role filled
    in)."""
    buffer = io.BytesIO()
    build_workbook(defn, who).save(buffer)
    return buffer.getvalue()


def build_workbook(defn: Definition, who: Mapping[str, str] | None = None) -> Any:
    """The template workbook for ``defn`` (an openpyxl Workbook; the importer compares a
    returned workbook with it)."""
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    layout = layout_for(defn)
    wb = Workbook()
    instructions = wb.active
    instructions.title = INSTRUCTIONS_SHEET
    _instructions(instructions, defn)
    _respondent(wb.create_sheet(RESPONDENT_SHEET), defn, who)
    _questions(wb.create_sheet(QUESTIONS_SHEET), defn, layout)
    if defn.glossary:
        _glossary(wb.create_sheet(GLOSSARY_SHEET), defn)
    _meta(wb.create_sheet(META_SHEET), defn)
    wb.active = 1  # open on the respondent sheet: the first thing to fill in
    for ws in wb.worksheets:  # else Excel opens with two sheets grouped
        ws.sheet_view.tabSelected = ws.title == RESPONDENT_SHEET
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.title = f"{defn.questionnaire.name} questionnaire"
    wb.properties.creator = f"assess {__version__}"
    return wb
