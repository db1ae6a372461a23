"""Completed template workbooks -> response files.

Every problem is located as ``WORKBOOK: SHEET!CELL: message``; a workbook with any
problem writes nothing. Cells are read with ``data_only=False`` and never evaluated: a
formula in a free-text cell (respondent, notes, evidence) is kept as its literal text
(``=1+2`` stays ``=1+2``); a formula in an answer or confidence cell is refused, since
its literal text is not an answer and its cached result may be stale or forged.
"""

from __future__ import annotations

import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assess.errors import AssessError, InvalidInput, Problem
from assess.load import yamlio
from assess.load.checks import check_response
from assess.load.loader import load_model, validate_document
from assess.load.workspace import ASSESSMENT_FILE, responses_folder
from assess.models import ID_PATTERN, Assessment, Response

from .definition import Definition, for_audience, resolve, response_filename
from .import_sheets import Reader, cell_text, check_structure, read_answers, read_respondent
from .layout import (
    FORMAT_VERSION,
    META_SHEET,
    QUESTIONS_SHEET,
    RESPONDENT_ROWS,
    RESPONDENT_SHEET,
    TEMPLATE_FORMAT,
    cell_name,
    layout_for,
    meta_row,
)
from .lock import LockHeld, acquire
from .xlsx_extras import read_extras, refused
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


def _open(reader: Reader) -> Any | None:
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


def _definition(reader: Reader, wb: Any, root: Path,
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
        if cell_text(ws.cell(row=row, column=1)) != key:
            return "", cell_name(META_SHEET, row, 1)
        return cell_text(ws.cell(row=row, column=2)), cell_name(META_SHEET, row, 2)

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


def _scope_problem(reader: Reader, root: Path, ident: str) -> None:
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


def read_workbook(path: Path, out_dir: Path, definition: Path | None = None
                  ) -> tuple[Imported | None, list[Problem]]:
    """Read one completed workbook into the response file it gives (not written yet)."""
    reader = Reader(path)
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
    respondent = read_respondent(reader, wb)
    answers: dict[str, Any] = {}
    if check_structure(reader, wb[QUESTIONS_SHEET], layout, defn):
        extras = read_extras(wb, defn, layout, cell_text)
        for where, message in refused(extras):
            reader.problem(where, message)
        answers = read_answers(reader, wb[QUESTIONS_SHEET], layout, defn, extras.notes)
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
            try:  # never under a live capture session's feet (assess.workshop.lock)
                lock = acquire(target)
            except LockHeld as exc:
                result.problems.append(Problem(yamlio.display_path(items[0].workbook), 0,
                                               name_cell, f"not imported: {exc}"))
                continue
            try:
                yamlio.write_text(target, items[0].text)
            finally:
                lock.release()
            result.written.append(items[0])
    return result
