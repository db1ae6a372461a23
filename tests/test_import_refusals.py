"""`assess import` refuses what it cannot read faithfully: a folder `score` would not read,
files that are not workbooks, hostile workbooks, merged or disguised answers, path ids."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from assess.cli import main

from .workshop_support import fill_workbook, mini_copy, mini_definition, write_template

ANN = {"name": "Ann Example", "role": "CIO", "date": dt.date(2026, 1, 14)}
ANSWERS = {"AL-A-01": {"value": 3}, "AL-A-02": {"value": 2}, "AL-B-01": {"value": 1},
           "AL-B-02": {"value": 4}}


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return mini_copy(tmp_path)


@pytest.fixture
def filled(mini: Path) -> Path:
    template = write_template(mini.parent / "template.xlsx", mini_definition(mini))
    return fill_workbook(template, mini.parent / "filled.xlsx", mini_definition(mini), ANN,
                         ANSWERS)


def _import(runner: CliRunner, book: Path, out: str) -> Any:
    return runner.invoke(main, ["import", book.name, "-o", out])


def _written(mini: Path) -> list[str]:
    return sorted(str(p.relative_to(mini.parent)) for p in mini.rglob("*.yaml")
                  if "questionnaires" not in p.parts and p.name != "assessment.yaml")


# --- B: -o must be the folder score reads ------------------------------------------------

@pytest.mark.parametrize(("out", "message"), [
    ("mini/response", "error: mini/response: not the folder `assess score` reads; the "
                      "responses of mini/assessment.yaml go in mini/responses/ (import -o "
                      "mini/responses/)\n"),
    ("mini", "error: mini: not the folder `assess score` reads; the responses of "
             "mini/assessment.yaml go in mini/responses/ (import -o mini/responses/)\n"),
    ("mini/responses/2026", "error: mini/responses/2026: not the folder `assess score` reads; "
                            "the responses of mini/assessment.yaml go in mini/responses/ "
                            "(import -o mini/responses/)\n"),
    ("elsewhere/responses", "error: elsewhere/responses: not an assessment's responses folder "
                            "(no assessment.yaml in elsewhere or above); import into "
                            "ASSESSMENT/responses/, beside the assessment's assessment.yaml\n"),
])
def test_output_folder_score_would_not_read_is_refused(runner: CliRunner, mini: Path,
                                                       filled: Path, out: str,
                                                       message: str) -> None:
    result = _import(runner, filled, out)
    assert (result.exit_code, result.stderr) == (3, message)
    assert _written(mini) == []
    assert not (mini.parent / "elsewhere").exists() and not (mini / "response").exists()


@pytest.mark.parametrize("out", ["mini/responses", "mini/responses/", "mini/./responses"])
def test_the_responses_folder_is_accepted(runner: CliRunner, mini: Path, filled: Path,
                                          out: str) -> None:
    result = _import(runner, filled, out)
    assert result.exit_code == 0, result.output
    assert _written(mini) == ["mini/responses/alpha.ann-example.yaml"]


# --- D: files that are not workbooks get one plain sentence ------------------------------

def _ods(path: Path) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return path


MADE_BY = "import the workbook made by `assess template QUESTIONNAIRE --format xlsx`"


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: _ods(p), "an OpenDocument spreadsheet (.ods), not an Excel workbook (.xlsx): in "
                        "LibreOffice use File > Save As > Excel 2007-365 (.xlsx) and import that"),
    (lambda p: p.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
     f"a PDF document, not an Excel workbook (.xlsx): {MADE_BY}"),
    (lambda p: p.write_text("Answer: 3\nNotes: see me\n"),
     f"a text file, not an Excel workbook (.xlsx): {MADE_BY}"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
     "an Excel 97-2003 workbook (.xls) or another old Office file, not an Excel workbook "
     "(.xlsx): open it in Excel or LibreOffice, save it as Excel Workbook (.xlsx) and import "
     "that"),
    (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
     f"not a zip package, not an Excel workbook (.xlsx): {MADE_BY}"),
], ids=["ods", "pdf", "text", "xls", "binary"])
def test_a_file_that_is_not_a_workbook_gets_one_sentence(runner: CliRunner, mini: Path,
                                                         make: Any, message: str) -> None:
    book = mini.parent / "x.xlsx"
    make(book)
    result = _import(runner, book, "mini/responses")
    assert (result.exit_code, result.stderr) == (3, f"x.xlsx: <root>: {message}\n")
    assert _written(mini) == []


def test_the_content_decides_not_the_name(runner: CliRunner, mini: Path, filled: Path) -> None:
    renamed = filled.rename(mini.parent / "filled.ods")
    result = _import(runner, renamed, "mini/responses")
    assert result.exit_code == 0, result.output
    assert _written(mini) == ["mini/responses/alpha.ann-example.yaml"]


# --- E: bounded by counts as well as bytes -----------------------------------------------

def _with_member(source: Path, target: Path, name: str, chunks: Any) -> Path:
    """A copy of ``source`` with one more (streamed) member: built with zipfile directly."""
    import zipfile

    with zipfile.ZipFile(source) as old, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, old.read(info))
        with new.open(name, "w") as member:
            for chunk in chunks:
                member.write(chunk)
    return target


def test_six_million_shared_strings_are_refused(runner: CliRunner, mini: Path,
                                                filled: Path) -> None:
    def strings() -> Any:
        yield (b'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxml'
               b'formats.org/spreadsheetml/2006/main" count="6000000" uniqueCount="6000000">')
        for _ in range(600):
            yield b"<si><t>ab</t></si>" * 10_000
        yield b"</sst>"

    bomb = _with_member(filled, mini.parent / "bomb.xlsx", "xl/sharedStrings.xml", strings())
    assert bomb.stat().st_size < 2_000_000  # small on disk, ~108 MB unpacked
    result = _import(runner, bomb, "mini/responses")
    assert (result.exit_code, result.stderr) == (
        3, "bomb.xlsx: <root>: refused: it holds over 50,000 shared strings "
           "(xl/sharedStrings.xml), more than a questionnaire workbook ever needs\n")
    assert _written(mini) == []


def test_too_many_cells_are_refused(runner: CliRunner, mini: Path, filled: Path) -> None:
    rows = (b'<row r="%d">' % r + b"".join(b'<c r="Z%d"/>' % r for _ in range(50)) + b"</row>"
            for r in range(1, 2_500))
    sheet = _with_member(filled, mini.parent / "cells.xlsx", "xl/worksheets/sheet9.xml",
                         [b'<worksheet xmlns="x"><sheetData>', *rows, b"</sheetData></worksheet>"])
    result = _import(runner, sheet, "mini/responses")
    assert result.exit_code == 3
    assert result.stderr == ("cells.xlsx: <root>: refused: it holds over 100,000 cells "
                             "(xl/worksheets/sheet9.xml), more than a questionnaire workbook "
                             "ever needs\n")


# --- G: the hidden sheet names an id, never a path ---------------------------------------

@pytest.mark.parametrize("ident", ["../../../../etc/passwd", "/etc/passwd", "alpha.yaml",
                                   "../questionnaires/alpha"])
def test_a_path_in_place_of_the_questionnaire_id_is_refused(runner: CliRunner, mini: Path,
                                                            filled: Path, ident: str) -> None:
    wb = load_workbook(filled)
    wb["assess"]["B3"] = ident
    wb.save(mini.parent / "tampered.xlsx")
    result = _import(runner, mini.parent / "tampered.xlsx", "mini/responses")
    assert (result.exit_code, result.stderr) == (
        3, f"tampered.xlsx: assess!B3: {ident!r} is not a questionnaire id (lower-case letters, "
           "digits, _ and -): the workbook was edited\n")
    assert _written(mini) == []


# --- H: a real SIGKILL during import leaves no truncated file and no temporary behind ------

KILLED_AT_RENAME = """
import os, signal, sys
real = os.replace
def replace(src, dst):
    if str(dst).endswith('.yaml'):
        os.kill(os.getpid(), signal.SIGKILL)  # after the temporary is written, before rename
    return real(src, dst)
os.replace = replace
from assess.cli import main
sys.argv = ['assess', *sys.argv[1:]]
main()
"""


def _run(*args: str, killed: bool = False) -> Any:
    import subprocess
    import sys

    command = [sys.executable, "-c", KILLED_AT_RENAME] if killed else \
        [sys.executable, "-m", "assess"]
    return subprocess.run([*command, *args], capture_output=True, text=True, timeout=120,
                          check=False)


def test_sigkill_during_import_leaves_nothing_half_written(mini: Path, filled: Path) -> None:
    import signal

    responses = mini / "responses"
    killed = _run("import", "filled.xlsx", "-o", "mini/responses", killed=True)
    assert killed.returncode == -signal.SIGKILL
    # Killed mid-way: its temporary, and the lock it held while writing (stale now: the
    # next import or capture takes it over and removes it).
    left = sorted(p.name for p in responses.iterdir() if not p.name.endswith(".lock"))
    assert len(left) == 1 and left[0].startswith(".alpha.ann-example.yaml.")
    assert left[0].endswith(".tmp")

    again = _run("import", "filled.xlsx", "-o", "mini/responses")
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in responses.iterdir()) == ["alpha.ann-example.yaml"]
    before = (responses / "alpha.ann-example.yaml").read_bytes()

    wb = load_workbook(filled)
    wb["Questions"]["J2"] = 5
    wb.save(filled)
    forced = _run("import", "filled.xlsx", "-o", "mini/responses", "--force", killed=True)
    assert forced.returncode == -signal.SIGKILL
    assert (responses / "alpha.ann-example.yaml").read_bytes() == before  # old file whole
    assert _run("validate", "mini").returncode == 0  # the temporary is not read as a response


def test_a_temporary_file_of_a_living_writer_is_left_alone(mini: Path) -> None:
    from assess.load import yamlio

    target = mini / "responses" / "alpha.x.yaml"
    with yamlio.atomic_open(target) as fh:
        fh.write("schema_version: 1\n")
        assert yamlio.remove_stale_temporaries(mini / "responses") == []
    assert sorted(p.name for p in (mini / "responses").iterdir()) == ["alpha.x.yaml"]
