"""Every deliberately broken file in tests/data/invalid/ gives exactly its .expected text."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main

INVALID = Path(__file__).parent / "data" / "invalid"
CASES = sorted(p for p in INVALID.glob("*.yaml") if p.with_suffix(".expected").exists())


def test_every_invalid_file_has_an_expectation() -> None:
    missing = [p.name for p in INVALID.glob("*.yaml") if not p.with_suffix(".expected").exists()]
    assert missing == []


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_invalid_file_reports_exact_errors(path: Path, in_root: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", str(path.relative_to(in_root))])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == path.with_suffix(".expected").read_text(encoding="utf-8")


def test_oversized_file_is_refused(tmp_path: Path, runner: CliRunner) -> None:
    from assess.load import yamlio

    big = tmp_path / "big.yaml"
    big.write_text("schema_version: 1\n" + "# padding\n" * (yamlio.MAX_FILE_BYTES // 10 + 1))
    result = runner.invoke(main, ["validate", str(big)])
    assert result.exit_code == 3
    assert "byte limit for one file" in result.stderr
    assert str(big) in result.stderr


def test_errors_from_several_files_are_all_listed(tmp_path: Path, runner: CliRunner) -> None:
    one = tmp_path / "one.yaml"
    two = tmp_path / "two.yaml"
    one.write_text("schema_version: 1\nquestionnaire: alpha\nrespondent: {name: A}\nextra: 1\n")
    two.write_text("schema_version: 1\nquestionnaire: alpha\nrespondent: {name: 5}\n")
    result = runner.invoke(main, ["validate", str(one), str(two)])
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert any(line.endswith("one.yaml:4: extra: unknown key 'extra'") for line in lines)
    assert any(line.endswith("two.yaml:3: respondent.name: expected text, got 5") for line in lines)


MISTAKES = """schema_version: 1
questionnaire: alpha
respondent: {name: Bob}
colour: blue
answers:
  AL-A-01: {value: 7, confidence: sure}
  AL-X-99: {value: 2}
  AL-A-02: 3
  AL-B-01: {value: null}
"""


def _mini_with(tmp_path: Path, text: str) -> Path:
    import shutil

    mini = tmp_path / "mini"
    shutil.copytree(Path(__file__).parent / "data" / "mini", mini)
    (mini / "responses" / "alpha.bob.yaml").write_text(text, encoding="utf-8")
    return mini


@pytest.mark.parametrize("target", ["assessment", "file"])
def test_shape_errors_do_not_hide_meaning_errors(tmp_path: Path, runner: CliRunner,
                                                 target: str) -> None:
    # A bad confidence or an answer that is not a mapping used to stop the salvage, so the
    # out-of-range value and the unknown question only showed on the second run.
    mini = _mini_with(tmp_path, MISTAKES)
    path = mini if target == "assessment" else mini / "responses" / "alpha.bob.yaml"
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 3
    found = [line.split(": ", 1)[1] for line in result.stderr.splitlines()
             if "alpha.bob.yaml" in line]
    assert found == [
        "colour: unknown key 'colour'",
        "answers.AL-A-01.confidence: input should be 'low', 'medium' or 'high', got 'sure'",
        "answers.AL-A-01.value: 7 is outside the levels 0-5",
        "answers.AL-X-99: unknown question 'AL-X-99' in questionnaire 'alpha'",
        "answers.AL-A-02: expected a mapping, got 3",
        "answers.AL-B-01.value: expected a level number, a label of the answer scale or n/a, "
        "got nothing (null)",
    ]


def test_problems_are_listed_with_numbers_in_number_order() -> None:
    from assess.errors import InvalidInput, Problem

    cells = ["Questions!J10", "Questions!J5", "Questions!A7", "Respondent!B2", "Questions!J9"]
    err = InvalidInput(Problem("wb.xlsx", 0, cell, "m") for cell in cells)
    assert [p.path for p in err.problems] == [
        "Questions!A7", "Questions!J5", "Questions!J9", "Questions!J10", "Respondent!B2"]


def test_the_same_respondent_twice_is_refused(tmp_path: Path, runner: CliRunner) -> None:
    # A copied or renamed response file used to count one person's answers twice.
    mini = _mini_with(tmp_path, (Path(__file__).parent / "data" / "mini" / "responses" /
                                 "alpha.bob.yaml").read_text(encoding="utf-8"))
    ann = (mini / "responses" / "alpha.ann.yaml").read_text(encoding="utf-8")
    (mini / "responses" / "ann.yaml").write_text(ann.replace("name: Ann", "name: ' ann '"),
                                                 encoding="utf-8")
    for command in ("validate", "score"):
        result = runner.invoke(main, [command, str(mini)])
        assert result.exit_code == 3
        line, = result.stderr.splitlines()
        assert line.endswith("/ann.yaml:3: respondent.name: ' ann ' already answered "
                             f"'alpha' in {mini / 'responses' / 'alpha.ann.yaml'}; their answers "
                             "would count twice (keep one file per respondent per "
                             "questionnaire)")


@pytest.mark.parametrize(("targets", "where"), [
    ("alpha: 7", "targets.alpha: target 7"),
    ("alpha: {target: 3, capabilities: {beta_cap: 5.5}}",
     "targets.alpha.capabilities.beta_cap: target 5.5"),
])
def test_a_target_off_the_scale_is_refused(tmp_path: Path, runner: CliRunner, targets: str,
                                           where: str) -> None:
    mini = _mini_with(tmp_path, (Path(__file__).parent / "data" / "mini" / "responses" /
                                 "alpha.bob.yaml").read_text(encoding="utf-8"))
    path = mini / "assessment.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("alpha: {target: 3, capabilities: {beta_cap: 4}}", targets),
                    encoding="utf-8")
    result = runner.invoke(main, ["score", str(mini)])
    assert result.exit_code == 3
    assert result.stderr.endswith(f"assessment.yaml:7: {where} is outside the framework's "
                                  "levels 0-5\n")


def test_a_file_of_another_kind_is_named_not_picked_apart(tmp_path: Path,
                                                         runner: CliRunner) -> None:
    # A response given to `assess template` used to be reported as a questionnaire missing
    # id, name, capabilities and questions, with every response key "unknown".
    response = Path(__file__).parent / "data" / "mini" / "responses" / "alpha.ann.yaml"
    result = runner.invoke(main, ["template", str(response)])
    assert result.exit_code == 3
    assert result.stderr.endswith("alpha.ann.yaml:1: <root>: this looks like a response file, "
                                  "not a questionnaire\n")
    assert len(result.stderr.splitlines()) == 1
    mini = _mini_with(tmp_path, (Path(__file__).parent / "data" / "mini" / "questionnaires" /
                                 "alpha.yaml").read_text(encoding="utf-8"))
    result = runner.invoke(main, ["validate", str(mini)])
    assert result.exit_code == 3
    assert result.stderr.endswith("alpha.bob.yaml:1: <root>: this looks like a questionnaire, "
                                  "not a response file\n")


def test_a_stray_key_of_another_kind_is_still_reported_as_unknown(tmp_path: Path,
                                                                  runner: CliRunner) -> None:
    text = (Path(__file__).parent / "data" / "mini" / "questionnaires" /
            "alpha.yaml").read_text(encoding="utf-8")
    path = tmp_path / "alpha.yaml"
    path.write_text(text + "answers: {}\n", encoding="utf-8")
    result = runner.invoke(main, ["template", str(path)])
    assert result.exit_code == 3
    assert "answers: unknown key 'answers'" in result.stderr


def test_a_mistyped_programme_weight_is_refused(tmp_path: Path, runner: CliRunner) -> None:
    # It used to be ignored, leaving the intended programme's weight unchanged.
    acme = tmp_path / "acme"
    assert runner.invoke(main, ["init", str(acme)]).exit_code == 0
    with (acme / "assessment.yaml").open("a", encoding="utf-8") as out:
        out.write("dependencies: {programme_weights: {digital_frist: 6, digital_first: 6}}\n")
    for command in ("validate", "recommend"):
        result = runner.invoke(main, [command, str(acme)])
        assert result.exit_code == 3
        line, = result.stderr.splitlines()
        assert ": dependencies.programme_weights.digital_frist: unknown programme " \
            "'digital_frist' (known: digital_first, " in line


def test_validate_reports_a_baseline_that_is_not_there(tmp_path: Path,
                                                       runner: CliRunner) -> None:
    acme = tmp_path / "acme"
    assert runner.invoke(main, ["init", str(acme)]).exit_code == 0
    with (acme / "assessment.yaml").open("a", encoding="utf-8") as out:
        out.write("baseline: ../acme-2025\n")
    line = len((acme / "assessment.yaml").read_text(encoding="utf-8").splitlines())
    result = runner.invoke(main, ["validate", str(acme)])
    assert result.exit_code == 3
    assert result.stderr.endswith(f"assessment.yaml:{line}: baseline: no assessment at "
                                  f"'../acme-2025' (looked for "
                                  f"{tmp_path / 'acme-2025' / 'assessment.yaml'})\n")
    assert runner.invoke(main, ["score", str(acme)]).exit_code == 0   # scoring needs none
    (tmp_path / "acme-2025").mkdir()
    assert runner.invoke(main, ["init", str(tmp_path / "acme-2025")]).exit_code == 0
    assert runner.invoke(main, ["validate", str(acme)]).exit_code == 0
