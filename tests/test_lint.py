"""``assess lint`` on paths that are not questionnaires, and its summary line."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from assess.cli import main

from .conftest import EXAMPLE, ROOT


def test_a_responses_folder_is_not_linted_as_questionnaires(in_root: Path,
                                                             runner: CliRunner) -> None:
    # It used to report every response file as a questionnaire missing id, name, ...
    result = runner.invoke(main, ["lint", "examples/northshire/responses"])
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "examples/northshire/responses: <root>: no questionnaire files in this folder (assess "
        "lint checks questionnaires, folders of them and assessments; check other files with "
        "assess validate)",
        "1 finding in 0 files"]


def test_a_lone_file_of_another_kind_is_named(in_root: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["lint", "frameworks/dependencies/default.yaml"])
    assert result.exit_code == 3
    first = result.stderr.splitlines()[0]
    assert first.startswith("frameworks/dependencies/default.yaml: <root>: not a questionnaire "
                            "(this is a dependency model)")
    response = next((EXAMPLE / "responses").glob("*.yaml"))
    result = runner.invoke(main, ["lint", str(response.relative_to(ROOT))])
    assert "not a questionnaire (this is a response file)" in result.stderr


def test_a_folder_mixing_kinds_lints_only_its_questionnaires(tmp_path: Path,
                                                             runner: CliRunner) -> None:
    (tmp_path / "cloud.yaml").write_text((ROOT / "questionnaires" / "cloud.yaml").read_text())
    (tmp_path / "notes.yaml").write_text("schema_version: 1\nquestionnaire: cloud\nanswers: {}\n")
    result = runner.invoke(main, ["lint", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "ok  1 file, no findings\n"
