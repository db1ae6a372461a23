"""Shared helpers for the workshop-kit tests: a private copy of the mini assessment, and
workbooks filled in the way a respondent would (with openpyxl)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from assess.workshop.definition import Definition, resolve
from assess.workshop.layout import (
    QUESTIONS_SHEET,
    RESPONDENT_ROWS,
    RESPONDENT_SHEET,
    layout_for,
)
from assess.workshop.template_xlsx import workbook_bytes

from .conftest import DATA

MINI = DATA / "mini"


def mini_copy(tmp_path: Path, responses: bool = False) -> Path:
    """A copy of tests/data/mini (without its responses unless asked) to write into."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    if not responses:
        for path in (target / "responses").glob("*.yaml"):
            path.unlink()
    return target


def mini_definition(root: Path | None = None) -> Definition:
    return resolve(str((root or MINI) / "questionnaires" / "alpha.yaml"))


def write_template(path: Path, defn: Definition) -> Path:
    path.write_bytes(workbook_bytes(defn))
    return path


def fill_workbook(template: Path, target: Path, defn: Definition,
                  respondent: Mapping[str, Any] | None,
                  answers: Mapping[str, Mapping[str, Any]]) -> Path:
    """Fill a template as a respondent would: cells typed, nothing else touched.

    ``answers`` maps question id -> {value, confidence, notes, evidence (a cell's text)}.
    """
    from openpyxl import load_workbook

    wb = load_workbook(template)
    if respondent is not None:
        sheet = wb[RESPONDENT_SHEET]
        for key, value in respondent.items():
            sheet.cell(row=RESPONDENT_ROWS[key], column=2).value = value
    layout = layout_for(defn)
    ws = wb[QUESTIONS_SHEET]
    ids = [x.id for x in defn.questionnaire.questions]
    for qid, answer in answers.items():
        row = layout.row(ids.index(qid))
        for key, col in (("value", layout.answer_col), ("confidence", layout.confidence_col),
                         ("notes", layout.notes_col), ("evidence", layout.evidence_col)):
            if key in answer:
                ws.cell(row=row, column=col).value = answer[key]
    wb.save(target)
    return target


def soffice() -> str:
    """The LibreOffice binary, or skip the test (CI may not have it)."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        pytest.skip("LibreOffice is not installed")
    return binary


def libreoffice_convert(source: Path, out_dir: Path,
                        target: str) -> subprocess.CompletedProcess[str]:
    """``soffice --headless --convert-to TARGET`` with a private profile (parallel-safe)."""
    profile = out_dir / "lo-profile"
    return subprocess.run(
        [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--convert-to", target, "--outdir", str(out_dir), str(source)],
        capture_output=True, text=True, timeout=120, check=False)
