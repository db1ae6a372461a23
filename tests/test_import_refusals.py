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
