"""The bundled example assessments, copied out for a user to try every command on.

``assess demo --copy DIR`` puts into DIR the Northshire assessment, its baseline of the
year before (the ``baseline: ../northshire-2025`` link keeps working, the two stay side by
side), ``branding/`` (a logo and a templates folder for ``assess report``) and
``returned/``: one questionnaire workbook filled in as a respondent sends it back, to try
``assess import`` on, and ``imports/``: small files in published models' formats, to try
``assess import-framework`` on. Every example in the commands' ``--help`` runs after it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from assess.errors import AssessError
from assess.load.resources import content_path
from assess.load.yamlio import display_path

ASSESSMENTS = ("northshire", "northshire-2025")
FOLDERS = (*ASSESSMENTS, "branding", "imports")
RETURNED = ("northshire", "network", "tom-okafor")
"""(assessment, questionnaire, respondent) of the response the returned workbook holds."""


def copy_examples(dest: Path) -> list[Path]:
    """Copy the example assessments and a returned workbook into ``dest``, a new or empty
    folder; all or nothing. Returns what was written, top-level entries only."""
    if dest.exists() and not dest.is_dir():
        raise AssessError(f"{display_path(dest)}: is a file, not a folder; give a new or "
                          "empty folder (nothing was copied)")
    if dest.is_dir() and any(dest.iterdir()):
        raise AssessError(f"{display_path(dest)}: folder is not empty; give a new or empty "
                          "folder (nothing was copied)")
    # Built in a hidden folder (inside an empty destination, else beside it) and renamed
    # into place, so an interrupted copy never leaves half the examples behind.
    if dest.is_dir():
        staging = Path(tempfile.mkdtemp(prefix=".assess-demo-", dir=dest))
    else:
        dest.absolute().parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".assess-demo-", dir=dest.absolute().parent))
    moved: list[Path] = []
    try:
        for name in FOLDERS:
            shutil.copytree(content_path("examples", name), staging / name)
        assessment, questionnaire, respondent = RETURNED
        returned = staging / "returned"
        returned.mkdir()
        (returned / f"{questionnaire}.{respondent}.xlsx").write_bytes(returned_workbook(
            staging / assessment / "responses" / f"{questionnaire}.{respondent}.yaml"))
        if dest.is_dir():  # empty (perhaps the working folder): fill it, entry by entry
            for entry in sorted(staging.iterdir()):
                os.replace(entry, dest / entry.name)
                moved.append(dest / entry.name)
            staging.rmdir()
        else:
            umask = os.umask(0)
            os.umask(umask)
            staging.chmod(0o777 & ~umask)
            os.replace(staging, dest)
    except BaseException:
        for path in [staging, *moved]:
            shutil.rmtree(path, ignore_errors=True)
        raise
    return [dest / name for name in (*FOLDERS, "returned")]


def returned_workbook(response: Path) -> bytes:
    """The questionnaire workbook of ``response`` as its respondent would have filled it
    in: respondent, date and every answer typed into the blank template."""
    import io

    from openpyxl import load_workbook

    from assess.load.loader import load_model
    from assess.models import Response
    from assess.workshop.definition import resolve
    from assess.workshop.layout import (
        QUESTIONS_SHEET,
        RESPONDENT_ROWS,
        RESPONDENT_SHEET,
        layout_for,
    )
    from assess.workshop.template_xlsx import workbook_bytes

    answered, _ = load_model(response, Response)
    defn = resolve(answered.questionnaire, response.parent.parent)
    book = load_workbook(io.BytesIO(workbook_bytes(defn)))
    sheet = book[RESPONDENT_SHEET]
    if answered.respondent is not None:
        sheet.cell(row=RESPONDENT_ROWS["name"], column=2).value = answered.respondent.name
        sheet.cell(row=RESPONDENT_ROWS["role"], column=2).value = answered.respondent.role
    if answered.date is not None:
        sheet.cell(row=RESPONDENT_ROWS["date"], column=2).value = str(answered.date)
    layout = layout_for(defn)
    questions = book[QUESTIONS_SHEET]
    ids = [q.id for q in defn.questionnaire.questions]
    for qid, answer in answered.answers.items():
        row = layout.row(ids.index(qid))
        questions.cell(row=row, column=layout.answer_col).value = answer.value
        for col, text in ((layout.confidence_col, answer.confidence),
                          (layout.notes_col, answer.notes),
                          (layout.evidence_col, "; ".join(answer.evidence))):
            if text:
                questions.cell(row=row, column=col).value = text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
