"""Completed template workbooks -> response files.

Every problem is located as ``WORKBOOK: SHEET!CELL: message``; a workbook with any
problem writes nothing. Cells are read with ``data_only=False`` and never evaluated: a
formula in a free-text cell (respondent, notes, evidence) is kept as its literal text
(``=1+2`` stays ``=1+2``); a formula in an answer or confidence cell is refused, since
its literal text is not an answer and its cached result may be stale or forged.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assess.errors import AssessError, InvalidInput, Problem
from assess.load import yamlio
from assess.load.answers import accepted
from assess.load.checks import check_response
from assess.load.loader import load_model, validate_document
from assess.load.workspace import ASSESSMENT_FILE, responses_folder
from assess.models import ID_PATTERN, MAX_NOTES, Assessment, Response

from .definition import (
    Definition,
    for_audience,
    parse_answer,
    parse_confidence,
    resolve,
    response_filename,
    split_evidence,
)
from .layout import (
    FORMAT_VERSION,
    HEADER_ROW,
    META_SHEET,
    QUESTIONS_SHEET,
    RESPONDENT_ROWS,
    RESPONDENT_SHEET,
    TEMPLATE_FORMAT,
    Layout,
    cell_name,
    layout_for,
    meta_row,
)
from .xlsx_extras import Extra, read_extras, refused, shown_otherwise
from .xlsx_package import DAMAGED, package_problem


@dataclass(frozen=True)
class Imported:
    """One response file written (or to be written) from one workbook."""

    workbook: Path
    target: Path
    answers: int
    text: str = field(repr=False)


@dataclass
class ImportResult:
    """What an import wrote, and every problem of the workbooks it refused."""

    written: list[Imported] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _Reader:
    """Reads one workbook, collecting located problems instead of stopping at the first."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = yamlio.display_path(path)
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(Problem(self.name, 0, where, message))


def _is_formula(cell: Any) -> bool:
    return cell.data_type == "f" or hasattr(cell.value, "text")  # array / data-table formulas


def _text(cell: Any) -> str:
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


def _open(reader: _Reader) -> Any | None:
    """The workbook, or None after recording why it cannot be read. The package is checked
    (kind, bytes, counts) before openpyxl parses anything."""
    from openpyxl import load_workbook

    from assess.load.files import not_regular

    why = not_regular(reader.path)  # a FIFO would block the unzip, a device never end
    if why is not None:
        reader.problem("", why)
        return None
    try:
        why = package_problem(reader.path)
        if why:
            reader.problem("", why)
            return None
        with warnings.catch_warnings(), reader.path.open("rb") as fh:
            warnings.simplefilter("ignore")  # e.g. "extension not supported": not the user's
            return load_workbook(fh, data_only=False, keep_links=False)
    except Exception:  # any failure to parse an untrusted file is the file's fault
        reader.problem("", DAMAGED)
        return None


def _definition(reader: _Reader, wb: Any, root: Path,
                definition: Path | None = None) -> Definition | None:
    """The questionnaire definition the workbook was made from, checked against its id:
    the assessment's effective content, or the ``definition`` file given (the version the
    workbook was made from), tailored by the assessment likewise."""
    if META_SHEET not in wb.sheetnames:
        reader.problem("", f"not an assess questionnaire workbook (no hidden {META_SHEET!r} "
                       "sheet); make one with `assess template QUESTIONNAIRE --format xlsx`")
        return None
    ws = wb[META_SHEET]

    def meta(key: str) -> tuple[str, str]:
        row = meta_row(key)
        if _text(ws.cell(row=row, column=1)) != key:
            return "", cell_name(META_SHEET, row, 1)
        return _text(ws.cell(row=row, column=2)), cell_name(META_SHEET, row, 2)

    fmt, fmt_at = meta("format")
    version_of_format, vf_at = meta("format_version")
    if fmt != TEMPLATE_FORMAT:
        reader.problem(fmt_at, f"not an assess questionnaire workbook (expected "
                       f"{TEMPLATE_FORMAT!r} here)")
        return None
    if version_of_format != str(FORMAT_VERSION):
        reader.problem(vf_at, f"workbook format {version_of_format!r} is not read by this "
                       f"release (reads {FORMAT_VERSION})")
        return None
    ident, ident_at = meta("questionnaire")
    if not re.fullmatch(ID_PATTERN, ident) or len(ident) > 80:
        # Only an id is looked up, in the assessment and the shipped content: never a path.
        reader.problem(ident_at, f"{ident[:80]!r} is not a questionnaire id (lower-case "
                       "letters, digits, _ and -): the workbook was edited")
        return None
    try:
        defn = (resolve(ident, root) if definition is None else
                resolve(str(definition), assessment=root))
        if defn.questionnaire.id != ident:
            reader.problem(ident_at, f"made from questionnaire {ident!r}, but "
                           f"{yamlio.display_path(definition or defn.path)} is "
                           f"{defn.questionnaire.id!r}")
            return None
    except InvalidInput as exc:
        reader.problems.extend(exc.problems)
        return None
    except AssessError as exc:
        reader.problem(ident_at, str(exc))
        return None
    audience, _ = meta("audience")
    defn = for_audience(defn, [t.strip() for t in audience.split(",") if t.strip()])
    q = defn.questionnaire
    version, version_at = meta("version")
    digest, digest_at = meta("checksum")
    if version != q.version:
        reader.problem(version_at, f"made from {q.id} version {version!r}, but "
                       f"{yamlio.display_path(defn.path)} is version {q.version!r}: make a new "
                       "template, or import with the definition it was made from")
        return None
    if digest != defn.checksum:
        reader.problem(digest_at, f"made from a different definition of {q.id} version "
                       f"{version!r} (checksum {digest[:12] or 'missing'}..., now "
                       f"{defn.checksum[:12]}...): {yamlio.display_path(defn.path)} changed "
                       "since the template was made")
        return None
    return defn


def _scope_problem(reader: _Reader, root: Path, ident: str) -> None:
    """Flag a questionnaire the target assessment does not cover (its responses would fail)."""
    file = root / ASSESSMENT_FILE
    if not file.is_file():
        return
    try:
        assessment = load_model(file, Assessment)[0]
    except AssessError:
        return  # `assess validate` reports a broken assessment; not this import's concern
    if ident not in assessment.questionnaires:
        reader.problem(cell_name(META_SHEET, meta_row("questionnaire"), 2),
                       f"questionnaire {ident!r} is not in the scope of "
                       f"{yamlio.display_path(file)} ({', '.join(assessment.questionnaires)})")


def _respondent(reader: _Reader, wb: Any) -> dict[str, Any]:
    ws = wb[RESPONDENT_SHEET]
    cells = {key: ws.cell(row=row, column=2) for key, row in RESPONDENT_ROWS.items()}
    out: dict[str, Any] = {"name": _text(cells["name"]), "role": _text(cells["role"])}
    if not out["name"]:
        reader.problem(cell_name(RESPONDENT_SHEET, RESPONDENT_ROWS["name"], 2),
                       "missing respondent name")
    raw = cells["date"].value
    if isinstance(raw, dt.datetime):
        out["date"] = raw.date()
    elif isinstance(raw, dt.date):
        out["date"] = raw
    elif raw is not None and _text(cells["date"]):
        try:
            out["date"] = dt.date.fromisoformat(_text(cells["date"]))
        except ValueError:
            reader.problem(cell_name(RESPONDENT_SHEET, RESPONDENT_ROWS["date"], 2),
                           f"expected a date (YYYY-MM-DD), got {_text(cells['date'])!r}")
    return out


def _structure(reader: _Reader, ws: Any, layout: Layout, defn: Definition) -> bool:
    """Check headings and ids; False when columns moved (no cell can be trusted then)."""
    for col, expected in enumerate(layout.headers(), start=1):
        found = _text(ws.cell(row=HEADER_ROW, column=col))
        if found != expected:
            reader.problem(cell_name(QUESTIONS_SHEET, HEADER_ROW, col),
                           f"column heading changed: expected {expected!r}, found {found!r} "
                           "(columns must not be inserted, deleted or moved)")
            return False
    for index, question in enumerate(defn.questionnaire.questions):
        row = layout.row(index)
        found = _text(ws.cell(row=row, column=layout.id_col))
        if found != question.id:
            reader.problem(cell_name(QUESTIONS_SHEET, row, layout.id_col),
                           f"edited id: expected {question.id!r}, found {found!r} (rows must "
                           "not be edited, sorted or moved)")
    return True


def _answers(reader: _Reader, ws: Any, layout: Layout, defn: Definition,
             kept: dict[int, list[Extra]]) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for index, question in enumerate(defn.questionnaire.questions):
        row = layout.row(index)

        def at(col: int, row: int = row) -> str:
            return cell_name(QUESTIONS_SHEET, row, col)

        value_cell = ws.cell(row=row, column=layout.answer_col)
        conf_cell = ws.cell(row=row, column=layout.confidence_col)
        notes = _text(ws.cell(row=row, column=layout.notes_col))
        extras = kept.get(index, [])
        if not _text(value_cell):
            for extra in extras:
                reader.problem(extra.where, "text here is kept only as a note of an answered "
                               f"question: choose an answer ({defn.choices_hint}) or clear it")
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
        evidence = split_evidence(_text(ws.cell(row=row, column=layout.evidence_col)))
        for cell, col in ((value_cell, layout.answer_col), (conf_cell, layout.confidence_col)):
            if _is_formula(cell):
                reader.problem(at(col), f"a formula ({_text(cell)}) is not read here; "
                               "choose the answer from the list")
        if _is_formula(value_cell) or _is_formula(conf_cell):
            continue
        answer: dict[str, Any] = {}
        if _text(value_cell):
            raw = value_cell.value if isinstance(value_cell.value, int | float) else \
                _text(value_cell)
            try:
                answer["value"] = parse_answer(raw, defn.framework)
            except ValueError as exc:
                listed = accepted(defn.framework) in str(exc)
                reader.problem(at(layout.answer_col), str(exc) if listed else
                               f"{exc} (answers: {defn.choices_hint})")
        try:
            confidence = parse_confidence(_text(conf_cell))
        except ValueError as exc:
            reader.problem(at(layout.confidence_col), str(exc))
            confidence = None
        if confidence:
            answer["confidence"] = confidence
        if notes:
            answer["notes"] = notes
        if evidence:
            answer["evidence"] = evidence
        if answer and not _text(value_cell):
            reader.problem(at(layout.answer_col), "confidence, notes or evidence given without "
                           f"an answer: choose one ({defn.choices_hint}) or clear them")
        elif "value" in answer:
            answers[question.id] = answer
    return answers


def read_workbook(path: Path, out_dir: Path, definition: Path | None = None
                  ) -> tuple[Imported | None, list[Problem]]:
    """Read one completed workbook into the response file it gives (not written yet)."""
    reader = _Reader(path)
    wb = _open(reader)
    defn = _definition(reader, wb, out_dir.parent, definition) if wb is not None else None
    if wb is None or defn is None:
        return None, reader.problems
    _scope_problem(reader, out_dir.parent, defn.questionnaire.id)
    for sheet in (RESPONDENT_SHEET, QUESTIONS_SHEET):
        if sheet not in wb.sheetnames:
            reader.problem("", f"the {sheet!r} sheet is missing")
    if reader.problems:
        return None, reader.problems
    layout = layout_for(defn)
    respondent = _respondent(reader, wb)
    answers: dict[str, Any] = {}
    if _structure(reader, wb[QUESTIONS_SHEET], layout, defn):
        extras = read_extras(wb, defn, layout, _text)
        for where, message in refused(extras):
            reader.problem(where, message)
        answers = _answers(reader, wb[QUESTIONS_SHEET], layout, defn, extras.notes)
    if reader.problems:
        return None, reader.problems

    q = defn.questionnaire
    data: dict[str, Any] = {"schema_version": 1, "questionnaire": q.id,
                            "respondent": {"name": respondent["name"]}}
    if respondent["role"]:
        data["respondent"]["role"] = respondent["role"]
    if "date" in respondent:
        data["date"] = respondent["date"]
    data["answers"] = answers
    target = out_dir / response_filename(q.id, respondent["name"])
    text = (f"# Imported by `assess import` from {path.name} (questionnaire {q.id}, version "
            f"{q.version}).\n" + yamlio.dump(data))
    # The file must validate as written: parse it back and run the response checks.
    try:
        doc = yamlio.parse(text, target)
        response = validate_document(doc, Response)
        problems = check_response(response, doc, q, defn.framework)
    except InvalidInput as exc:
        problems = list(exc.problems)
    if problems:  # the cell checks above should make this unreachable
        return None, [Problem(reader.name, 0, "", f"would write an invalid {target.name}: {p}")
                      for p in problems]
    return Imported(path, target, len(answers), text), []


def check_output_folder(out_dir: Path) -> None:
    """Refuse a folder ``assess score`` would not read: only ``ASSESSMENT/responses/`` (the
    folder beside an ``assessment.yaml``) is one. The error names the folder it would read."""
    given = Path(os.path.abspath(out_dir))
    shown = yamlio.display_path(out_dir)
    if given.resolve() == responses_folder(given.resolve().parent).resolve() and \
            (given.resolve().parent / ASSESSMENT_FILE).is_file():
        return
    for root in (given, *given.parents):
        if (root / ASSESSMENT_FILE).is_file():
            wanted = yamlio.display_path(responses_folder(root))
            raise AssessError(f"{shown}: not the folder `assess score` reads; the responses of "
                              f"{yamlio.display_path(root / ASSESSMENT_FILE)} go in {wanted}/ "
                              f"(import -o {wanted}/)")
    raise AssessError(f"{shown}: not an assessment's responses folder (no {ASSESSMENT_FILE} in "
                      f"{yamlio.display_path(given.parent)} or above); import into "
                      f"ASSESSMENT/responses/, beside the assessment's {ASSESSMENT_FILE}")


def import_workbooks(paths: list[Path], out_dir: Path, force: bool = False,
                     definition: Path | None = None) -> ImportResult:
    """Import completed template workbooks into ``out_dir`` (an assessment's responses/).

    A workbook with any problem writes nothing; the others are written. Never overwrites
    an existing response file unless ``force``; two workbooks giving the same file both
    fail. Definitions are looked up in the assessment (``out_dir``'s parent) first;
    ``definition`` (a questionnaire file) is used instead when given.
    """
    check_output_folder(out_dir)
    yamlio.remove_stale_temporaries(out_dir)  # left by an import or capture that was killed
    result = ImportResult()
    ready: list[Imported] = []
    for path in dict.fromkeys(paths):
        imported, problems = read_workbook(path, out_dir, definition)
        result.problems += problems
        if imported is not None:
            ready.append(imported)
    by_target: dict[Path, list[Imported]] = {}
    for item in ready:
        by_target.setdefault(item.target, []).append(item)
    name_cell = cell_name(RESPONDENT_SHEET, RESPONDENT_ROWS["name"], 2)
    for target, items in by_target.items():
        shown = yamlio.display_path(target)
        if len(items) > 1:
            names = ", ".join(yamlio.display_path(i.workbook) for i in items)
            result.problems += [Problem(yamlio.display_path(i.workbook), 0, name_cell,
                                        f"{names} all give {shown}: one respondent per "
                                        "questionnaire") for i in items]
        elif target.exists() and not force:
            result.problems.append(Problem(yamlio.display_path(items[0].workbook), 0,
                                           name_cell, f"{shown} already exists; use --force "
                                           "to replace it"))
        else:
            yamlio.write_text(target, items[0].text)
            result.written.append(items[0])
    return result
