"""Comparisons that say when they are not like for like: a questionnaire in one
assessment's scope only is "out of scope", and the headline says on how many
capabilities the comparison rests (docs/progress.md, "When the scopes differ")."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main

from .conftest import DATA

PROGRESS = DATA / "progress"


@pytest.fixture
def narrowed(tmp_path: Path) -> tuple[Path, Path]:
    """The progress fixture with Gamma taken out of the current assessment's scope."""
    base, current = tmp_path / "base", tmp_path / "current"
    shutil.copytree(PROGRESS / "base", base)
    shutil.copytree(PROGRESS / "current", current)
    yaml = current / "assessment.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8")
                    .replace("questionnaires: [alpha, gamma]", "questionnaires: [alpha]")
                    .replace("targets: {alpha: 3, gamma: 2}", "targets: {alpha: 3}"),
                    encoding="utf-8")
    (current / "responses" / "gamma.ann.yaml").unlink()
    return base, current


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_headline_says_on_how_many_capabilities_it_rests(
        narrowed: tuple[Path, Path]) -> None:
    base, current = narrowed
    data = json.loads(_run("compare", str(base), str(current), "--format", "json"))
    assert data["headline"].startswith(
        "Overall maturity rose from 1.96 to 2.03 (+0.07) between June 2025 and June 2026. "
        "The scopes differ: the comparison rests on the 2 capabilities in both assessments "
        "(Gamma in the baseline only). 1 of 2 capabilities improved, 0 were unchanged and 1 "
        "declined.")
    table = _run("compare", str(base), str(current))
    assert "The scopes differ: the comparison rests on the 2 capabilities" in table


def test_questions_out_of_the_current_scope_are_not_removed(
        narrowed: tuple[Path, Path]) -> None:
    base, current = narrowed
    data = json.loads(_run("compare", str(base), str(current), "--format", "json"))
    questions = data["questions"]
    assert [q["id"] for q in questions["removed"]] == ["AL-B-GONE"]  # a real removal
    assert questions["out_of_scope"] == [
        {"questionnaire": "gamma", "id": "GA-01", "capability": "gamma_cap"}]
    reasons = {q["baseline"] or q["current"]: q["reason"] for q in questions["not_compared"]}
    assert reasons["GA-01"] == \
        "out of scope now (its questionnaire is not in the current assessment)"
    assert reasons["AL-B-GONE"] == "removed since the baseline"
    table = _run("compare", str(base), str(current))
    assert "removed since the baseline" not in table.split("AL-B-GONE")[0]
    assert "Gamma was in one assessment's scope only." in table
    markdown = _run("compare", str(base), str(current), "--format", "markdown")
    assert "GA-01" not in markdown and "Gamma was in one assessment's scope only." in markdown


def test_the_same_scope_keeps_the_short_headline() -> None:
    data = json.loads(_run("compare", str(PROGRESS / "base"), str(PROGRESS / "current"),
                           "--format", "json"))
    assert "scopes differ" not in data["headline"]
    assert data["questions"]["out_of_scope"] == [] == data["questions"]["new_in_scope"]


def test_the_report_says_so_too(narrowed: tuple[Path, Path]) -> None:
    from assess.report import build_context, load_inputs
    from assess.report.markdown import render_markdown

    _, current = narrowed
    inputs = load_inputs(current)
    markdown, _ = render_markdown(build_context(inputs, progress=inputs.progress), charts={})
    section = markdown.split("## 2 Progress since the baseline")[1]
    assert "The scopes differ: the comparison rests on the 2 capabilities in both " \
           "assessments (Gamma in the baseline only)." in section
    assert "Gamma was in one assessment's scope only." in section
    # The questions not compared are listed in the annex, for the working team.
    from assess.report.markdown import render_markdown_annex

    annex = render_markdown_annex(build_context(inputs, progress=inputs.progress))
    assert "GA-01" not in annex and "| AL-B-GONE | removed since the baseline |" in annex
