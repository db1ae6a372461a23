"""The command line: help with examples, version, exit codes, init -> score."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess import __version__
from assess.cli import COMMANDS, main

from .conftest import DATA


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"assess, version {__version__}"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(name: str, runner: CliRunner) -> None:
    result = runner.invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.stdout
    assert f"assess {name}" in result.stdout.split("Example:")[1]


def test_usage_error_exits_2(runner: CliRunner) -> None:
    assert runner.invoke(main, ["score"]).exit_code == 2
    assert runner.invoke(main, ["no-such-command"]).exit_code == 2


def test_missing_assessment_exits_3(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["score", str(tmp_path)])
    assert result.exit_code == 3
    assert result.stderr == f"error: {tmp_path / 'assessment.yaml'}: no assessment here " \
        "(expected a folder holding assessment.yaml, or that file)\n"


def test_init_hints_can_be_pasted_into_a_shell(tmp_path: Path, runner: CliRunner) -> None:
    # A folder with a space used to be printed unquoted, and the baseline hint kept
    # apostrophes, accents and '#'.
    folder = tmp_path / "client 2026"
    result = runner.invoke(main, ["init", str(folder), "--organisation", "Zoë's Council #1"])
    assert result.exit_code == 0, result.output
    assert f"then `assess score '{folder}'`" in result.stdout
    text = (folder / "assessment.yaml").read_text()
    assert f"`assess validate '{folder}'`" in text
    assert "# baseline: ../zoes-council-1-2025\n" in text


def test_init_then_score_an_empty_workspace(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "client"
    result = runner.invoke(main, ["init", str(folder), "--organisation", "Acme Ltd"])
    assert result.exit_code == 0, result.output
    assert (folder / "responses").is_dir()
    text = (folder / "assessment.yaml").read_text()
    assert 'organisation: "Acme Ltd"' in text
    assert runner.invoke(main, ["validate", str(folder)]).exit_code == 0
    scored = runner.invoke(main, ["score", str(folder), "--format", "json"])
    assert scored.exit_code == 0, scored.output
    data = json.loads(scored.stdout)
    assert data["assessment"]["organisation"] == "Acme Ltd"
    assert data["overall"]["coverage"] == 0.0
    again = runner.invoke(main, ["init", str(folder)])
    assert again.exit_code == 3
    assert "already exists" in again.stderr


def test_score_writes_output_file(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "scores.csv"
    result = runner.invoke(main, ["score", str(DATA / "mini"), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text().splitlines()[0].startswith("domain,capability,name,score")


def test_schema_usage_names_the_argument_plainly(runner: CliRunner) -> None:
    # The choice list used to be the metavar, wrapped mid-word ("assessmen t").
    result = runner.invoke(main, ["schema", "--help"])
    assert "schema [OPTIONS] NAME\n" in result.stdout
    assert "framework, questionnaire, dependencies, assessment," in result.stdout
    result = runner.invoke(main, ["schema", "nosuch"])
    assert result.exit_code == 2
    assert "Invalid value for 'NAME': 'nosuch' is not one of" in result.stderr


def test_schema_prints_json_schema(runner: CliRunner) -> None:
    for kind in ("framework", "questionnaire", "dependencies", "assessment", "response"):
        result = runner.invoke(main, ["schema", kind])
        assert result.exit_code == 0
        schema = json.loads(result.stdout)
        assert schema["additionalProperties"] is False
        assert "schema_version" in schema["required"]


def test_unexpected_error_is_one_line_without_traceback(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import assess.scoring

    def boom(*args: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(assess.scoring, "score_assessment", boom)
    result = runner.invoke(main, ["score", str(DATA / "mini")])
    assert result.exit_code == 1
    assert result.stderr == ("unexpected error: RuntimeError: kaboom "
                             "(run with -v for the traceback)\n")
    verbose = runner.invoke(main, ["-v", "score", str(DATA / "mini")])
    assert verbose.exit_code == 1
    assert "Traceback" in verbose.stderr


HEAVY = ("matplotlib", "jinja2", "openpyxl", "weasyprint")


@pytest.mark.parametrize("argv", [["--help"], ["score", str(DATA / "mini"), "--format", "json"]])
def test_light_commands_do_not_import_heavy_libraries(argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from assess.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_core_never_imports_click() -> None:
    package = Path(__file__).resolve().parent.parent / "assess"
    offenders = [
        str(p.relative_to(package)) for p in package.rglob("*.py")
        if "cli" not in p.relative_to(package).parts
        and any(line.strip().startswith(("import click", "from click"))
                for line in p.read_text().splitlines())
    ]
    assert offenders == []


def test_text_tables_neutralise_terminal_escapes() -> None:
    from assess.render.text import table

    out = table(["a"], [["\x1b[31mred\x1b[0m\nnext"]])
    assert "\x1b" not in out
    assert "?[31mred?[0m?next" in out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_listed_summary_is_the_commands_own(name: str) -> None:
    import click

    command = main.get_command(click.Context(main), name)
    assert command is not None
    assert COMMANDS[name][1] == command.get_short_help_str(limit=200)


def test_top_level_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for name, (_, summary) in COMMANDS.items():
        assert name in result.stdout
        assert summary.split()[0] in result.stdout
