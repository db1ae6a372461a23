"""`n/a` answers: response files accept the same spellings as the workshop forms."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.cli import main
from assess.models import Answer, normalise_na
from assess.workshop.definition import parse_answer

from .scoring_support import c2m2
from .workshop_support import MINI

SPELLINGS = ["n/a", "N/A", "n/A", "N/a", " n/a "]


def _mini_with(tmp_path: Path, value: str) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / "responses" / "alpha.bob.yaml").unlink()
    (root / "responses" / "alpha.ann.yaml").write_text(
        "schema_version: 1\nquestionnaire: alpha\nrespondent: {name: Ann}\nanswers:\n"
        f"  AL-A-01: {{value: 2}}\n  AL-A-02: {{value: {json.dumps(value)}, notes: ours}}\n")
    return root


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_response_file_reads_any_case_of_na(tmp_path: Path, runner: CliRunner,
                                              spelling: str) -> None:
    root = _mini_with(tmp_path, spelling)
    result = runner.invoke(main, ["score", str(root), "--questions", "--format", "json"])
    assert result.exit_code == 0, result.output
    questions = json.loads(result.stdout)["domains"][0]["capabilities"][0]["questions"]
    second = next(q for q in questions if q["id"] == "AL-A-02")
    assert second["na"] is True and second["answers"] == {"Ann": "n/a"}


def test_bare_na_is_still_refused(tmp_path: Path, runner: CliRunner) -> None:
    root = _mini_with(tmp_path, "NA")
    result = runner.invoke(main, ["validate", str(root)])
    assert result.exit_code == 3
    assert ("answers.AL-A-02.value: expected a level 0-5, a level name or n/a, got 'NA'"
            in result.stderr)


@settings(max_examples=50)
@given(st.tuples(*(st.sampled_from([c.lower(), c.upper()]) for c in "n/a")),
       st.sampled_from(["", " ", "\t"]))
def test_files_and_workbooks_accept_the_same_spellings(letters: tuple[str, ...],
                                                       pad: str) -> None:
    typed = pad + "".join(letters) + pad
    assert normalise_na(typed) == "n/a"
    assert Answer.model_validate({"value": typed}).value == "n/a"
    assert parse_answer(typed, c2m2()) == "n/a"


def test_other_text_is_left_alone() -> None:
    assert normalise_na("FI") == "FI" and normalise_na(3) == 3
    assert Answer.model_validate({"value": "na"}).value == "na"  # refused later, by checks
