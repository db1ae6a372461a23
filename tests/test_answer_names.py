"""A level's name is an answer wherever its number is: response files, workbooks, capture."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from assess.cli import main
from assess.load.answers import parse_answer
from assess.load.workspace import load_framework
from assess.workshop.capture import open_session
from assess.workshop.capture_loop import walk

from .scoring_support import c2m2, framework
from .workshop_support import MINI, fill_workbook, mini_definition, write_template

DF = load_framework("digital-foundations")[0]
LEVELS = [(lv.level, lv.name) for lv in DF.levels]


def _spell(text: str, case: str) -> str:
    return {"lower": text.lower(), "upper": text.upper(), "title": text.title()}.get(case, text)


@given(level=st.sampled_from(LEVELS), case=st.sampled_from(["lower", "upper", "title", "as"]),
       form=st.sampled_from(["{name}", "{n} {name}", "{n} - {name}", "{n}. {name}",
                             "{n}: {name}", "({n}) {name}", "{n}-{name}"]),
       pad=st.sampled_from(["", " ", "  \t"]))
def test_every_spelling_of_a_level_reads_as_its_number(level: tuple[int, str], case: str,
                                                      form: str, pad: str) -> None:
    number, name = level
    typed = pad + _spell(form.format(n=number, name=name), case) + pad
    assert parse_answer(typed, DF) == number


@pytest.mark.parametrize(("typed", "message"), [
    ("Definde", "expected a level 0-5, a level name or n/a, got 'Definde' (0 Absent, "
                "1 Initial, 2 Developing, 3 Defined, 4 Managed, 5 Optimised or n/a)"),
    ("2 Defined", "'2 Defined' contradicts itself: 2 is Developing, Defined is 3 (0 Absent, "
                  "1 Initial, 2 Developing, 3 Defined, 4 Managed, 5 Optimised or n/a)"),
])
def test_unknown_or_contradicting_text_lists_the_answers(typed: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_answer(typed, DF)
    assert str(caught.value) == message


def test_scale_names_and_labels_in_any_case() -> None:
    fw = c2m2()
    assert [parse_answer(t, fw) for t in ("fi", "Fully Implemented", "LI - largely implemented",
                                          " PI ")] == ["FI", "FI", "LI", "PI"]


def test_ambiguous_text_is_refused() -> None:
    fw = framework("cumulative", scale=[
        {"label": "P", "name": "Partial", "value": 1.0},
        {"label": "Partial", "name": "Partly done", "value": 2.0}])
    assert parse_answer("Partial", fw) == "Partial"  # a label as written is that label
    with pytest.raises(ValueError, match="'partial' could mean P and Partial"):
        parse_answer("partial", fw)


def _mini(tmp_path: Path, value: str) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    (root / "responses" / "alpha.bob.yaml").unlink()
    (root / "responses" / "alpha.ann.yaml").write_text(
        "schema_version: 1\nquestionnaire: alpha\nrespondent: {name: Ann}\nanswers:\n"
        f"  AL-A-01: {{value: {json.dumps(value)}}}\n  AL-A-02: {{value: 1}}\n")
    return root


@pytest.mark.parametrize("value", ["Defined", "3 defined", " 3 - DEFINED "])
def test_a_response_file_scores_a_level_name_as_its_number(tmp_path: Path, runner: CliRunner,
                                                           value: str) -> None:
    named = runner.invoke(main, ["score", str(_mini(tmp_path / "a", value)), "--questions",
                                 "--format", "json"])
    numbered = runner.invoke(main, ["score", str(_mini(tmp_path / "b", "3")), "--questions",
                                    "--format", "json"])
    assert named.exit_code == 0, named.output
    assert json.loads(named.stdout) == json.loads(numbered.stdout)
    assert '"Ann": 3' in named.stdout


def test_a_response_file_with_an_unknown_name_is_located(tmp_path: Path,
                                                         runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", str(_mini(tmp_path, "Definde"))])
    assert result.exit_code == 3
    assert result.stderr.endswith("alpha.ann.yaml:5: answers.AL-A-01.value: expected a level "
                                  "0-5, a level name or n/a, got 'Definde' (0 Absent, 1 Initial, "
                                  "2 Developing, 3 Defined, 4 Managed, 5 Optimised or n/a)\n")


def test_a_workbook_answer_may_be_a_level_name(tmp_path: Path, runner: CliRunner) -> None:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    for path in (root / "responses").glob("*.yaml"):
        path.unlink()
    template = write_template(tmp_path / "t.xlsx", mini_definition(root))
    book = fill_workbook(template, tmp_path / "filled.xlsx", mini_definition(root),
                         {"name": "Ann"}, {"AL-A-01": {"value": "3 - Defined"},
                                           "AL-A-02": {"value": "managed"}})
    result = runner.invoke(main, ["import", str(book), "-o", str(root / "responses")])
    assert result.exit_code == 0, result.output
    text = (root / "responses" / "alpha.ann.yaml").read_text()
    assert "AL-A-01:\n    value: 3\n" in text and "AL-A-02:\n    value: 4\n" in text


class _Script:
    def __init__(self, lines: list[str]) -> None:
        self.lines, self.shown = lines, []  # type: ignore[var-annotated]

    def show(self, text: str) -> None:
        self.shown.append(text)

    def ask(self, prompt: str) -> str | None:
        return self.lines.pop(0) if self.lines else None


def test_capture_reads_a_level_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    monkeypatch.chdir(tmp_path)
    session = open_session(root, "alpha", "Cara")
    term = _Script(["Definde", "3 Defined", "", "", ""])
    walk(session, term)
    assert session.answers["AL-A-01"]["value"] == 3
    assert any("got 'Definde'" in line for line in term.shown)
