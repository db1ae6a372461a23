"""`assess init --pin` and `assess template --assessment`: an assessment keeps the exact
questionnaires and framework it handed out, whatever the shipped content becomes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main
from assess.workshop.definition import resolve

from .conftest import ROOT
from .workshop_support import MINI, fill_workbook


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Stand-in for the shipped content (one questionnaire), which a test can "upgrade"."""
    root = tmp_path / "shipped"
    (root / "questionnaires").mkdir(parents=True)
    (root / "frameworks" / "dependencies").mkdir(parents=True)
    shutil.copy(MINI / "questionnaires" / "alpha.yaml", root / "questionnaires")
    shutil.copy(ROOT / "frameworks" / "digital-foundations.yaml", root / "frameworks")
    (root / "frameworks" / "dependencies" / "default.yaml").write_text("schema_version: 1\n")
    monkeypatch.setattr("assess.load.resources.content_root", lambda: root)
    monkeypatch.chdir(tmp_path)
    return root


def _upgrade(shipped: Path) -> None:
    """A later release renames a question: answers to AL-A-02 no longer match it."""
    path = shipped / "questionnaires" / "alpha.yaml"
    path.write_text(path.read_text().replace("AL-A-02", "AL-A-03"))


def _init(runner: CliRunner, folder: str, *extra: str) -> None:
    result = runner.invoke(main, ["init", folder, "--organisation", "Acme", *extra])
    assert result.exit_code == 0, result.output


def test_init_pin_copies_the_content_in_scope(runner: CliRunner, shipped: Path) -> None:
    result = runner.invoke(main, ["init", "client", "--pin"])
    assert result.exit_code == 0, result.output
    assert "pinned the questionnaires and framework in client/questionnaires/ and " \
        "client/frameworks/" in result.stdout
    for kind, name in (("questionnaires", "alpha.yaml"),
                       ("frameworks", "digital-foundations.yaml")):
        assert (Path("client") / kind / name).read_bytes() == \
            (shipped / kind / name).read_bytes()
    assert sorted(p.name for p in Path("client/frameworks").iterdir()) == \
        ["digital-foundations.yaml"]
    assert "# Pinned: questionnaires/ and frameworks/" in Path("client/assessment.yaml").read_text()


def test_init_without_pin_copies_nothing(runner: CliRunner, shipped: Path) -> None:
    _init(runner, "client")
    assert not Path("client/questionnaires").exists()
    assert not Path("client/frameworks").exists()


def test_a_pinned_assessment_scores_after_an_upgrade(runner: CliRunner, shipped: Path) -> None:
    _init(runner, "pinned", "--pin")
    _init(runner, "unpinned")
    response = (MINI / "responses" / "alpha.ann.yaml").read_text()
    for folder in ("pinned", "unpinned"):
        Path(folder, "responses", "alpha.ann.yaml").write_text(response)
    before = runner.invoke(main, ["score", "pinned", "--format", "json"])
    assert before.exit_code == 0, before.output
    _upgrade(shipped)
    after = runner.invoke(main, ["score", "pinned", "--format", "json"])
    assert after.exit_code == 0, after.output
    assert json.loads(after.stdout) == json.loads(before.stdout)
    unpinned = runner.invoke(main, ["score", "unpinned"])
    assert unpinned.exit_code == 3
    assert "answers.AL-A-02: unknown question 'AL-A-02'" in unpinned.stderr


def test_template_from_the_pinned_copy_imports_after_an_upgrade(runner: CliRunner,
                                                                 shipped: Path) -> None:
    _init(runner, "client", "--pin")
    made = runner.invoke(main, ["template", "alpha", "--assessment", "client", "--format",
                                "xlsx", "-o", "alpha.xlsx"])
    assert made.exit_code == 0, made.output
    _upgrade(shipped)
    defn = resolve("client/questionnaires/alpha.yaml")
    fill_workbook(Path("alpha.xlsx"), Path("filled.xlsx"), defn, {"name": "Ann Example"},
                  {"AL-A-01": {"value": 3}, "AL-A-02": {"value": 4}})
    imported = runner.invoke(main, ["import", "filled.xlsx", "-o", "client/responses"])
    assert imported.exit_code == 0, imported.output
    scored = runner.invoke(main, ["score", "client", "--format", "json"])
    assert scored.exit_code == 0, scored.output
    assert json.loads(scored.stdout)["domains"][0]["capabilities"][0]["score"] == 3.75
    # Made after the upgrade from the pinned copy: still the questionnaire handed out.
    again = runner.invoke(main, ["template", "alpha", "--assessment", "client/assessment.yaml"])
    assert "AL-A-02:" in again.stdout and "AL-A-03" not in again.stdout
    shipped_form = runner.invoke(main, ["template", "alpha"])
    assert "AL-A-03:" in shipped_form.stdout


def test_template_assessment_falls_back_to_shipped_content(runner: CliRunner,
                                                           shipped: Path) -> None:
    _init(runner, "client")
    own = runner.invoke(main, ["template", "alpha", "--assessment", "client"])
    assert own.exit_code == 0, own.output
    assert own.stdout == runner.invoke(main, ["template", "alpha"]).stdout
    every = runner.invoke(main, ["template", "--all", "--assessment", "client", "-o", "pack"])
    assert every.exit_code == 0, every.output
    assert (every.stdout, every.stderr) == ("", "wrote pack/alpha-response.yaml\n")
    assert sorted(p.name for p in Path("pack").iterdir()) == ["alpha-response.yaml"]


def test_template_assessment_must_be_an_assessment(runner: CliRunner, shipped: Path) -> None:
    Path("empty").mkdir()
    result = runner.invoke(main, ["template", "alpha", "--assessment", "empty"])
    assert result.exit_code == 3
    assert result.stderr == "error: empty/assessment.yaml: no assessment here (expected a " \
        "folder holding assessment.yaml, or that file)\n"


_MODEL = """\
schema_version: 1
programmes: [{id: prog, name: Programme}]
technologies: [{id: tech, name: Technology, programmes: [{programme: prog}]}]
capabilities:
  - capability: alpha_cap
    technologies: [{technology: tech}]
    prerequisites: [{capability: %s, level: 2, for_level: 3}]
    actions:
      1: {action: Start, effort: 1, cost_band: S, owner: Team}
  - capability: %s
    technologies: [{technology: tech}]
    actions:
      1: {action: Begin, effort: 1, cost_band: S, owner: Team}
"""


def _add_capability(shipped: Path) -> None:
    """A later release adds capability gamma_cap and names it in the default model."""
    path = shipped / "questionnaires" / "alpha.yaml"
    path.write_text(path.read_text().replace(
        "questions:\n", "  - {id: gamma_cap, name: Gamma}\nquestions:\n", 1).replace(
        "  - id: AL-A-01\n", "  - id: AL-G-01\n    capability: gamma_cap\n    text: New?\n"
        "    levels: {0: a, 1: b, 2: c, 3: d, 4: e, 5: f}\n  - id: AL-A-01\n", 1))
    (shipped / "frameworks" / "dependencies" / "default.yaml").write_text(
        _MODEL % ("gamma_cap", "gamma_cap"))


def test_a_pinned_assessment_recommends_after_the_default_model_grows(
        runner: CliRunner, shipped: Path) -> None:
    """The default model is not pinned: entries and prerequisites naming capabilities the
    assessment's questionnaires do not have are left out, not reported as unknown."""
    _init(runner, "pinned", "--pin")
    Path("pinned/responses/alpha.ann.yaml").write_text(
        (MINI / "responses" / "alpha.ann.yaml").read_text())
    _add_capability(shipped)
    result = runner.invoke(main, ["recommend", "pinned", "--format", "json"])
    assert result.exit_code == 0, result.output
    recommendations = json.loads(result.stdout)["recommendations"]
    named = [r["id"] for r in recommendations] + [x for r in recommendations
                                                  for x in r["requires"]]
    assert recommendations and not [x for x in named if x.startswith("gamma_cap")]


def test_a_client_model_naming_an_unknown_capability_is_still_an_error(
        runner: CliRunner, shipped: Path) -> None:
    _init(runner, "client")
    Path("client/responses/alpha.ann.yaml").write_text(
        (MINI / "responses" / "alpha.ann.yaml").read_text())
    Path("client/own.yaml").write_text(_MODEL % ("gamma_cap", "gamma_cap"))
    text = Path("client/assessment.yaml").read_text()
    Path("client/assessment.yaml").write_text(text + "dependencies: {file: own.yaml}\n")
    result = runner.invoke(main, ["recommend", "client"])
    assert result.exit_code == 3
    assert "unknown capability 'gamma_cap'" in result.stderr
