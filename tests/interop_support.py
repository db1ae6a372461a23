"""Small workspaces written to a temporary folder, for the format-growth, crosswalk and
importer tests: a framework, one questionnaire and responses, each stated in the test."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from assess.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = Path(os.environ.get("ASSESS_SAMPLES") or ROOT.parent / "shared" / "samples")
"""The published sample files, beside the repository (CI has them there; ASSESS_SAMPLES
names another place, e.g. for a git worktree)."""


def write(path: Path, data: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    return path


LEVELS = [{"level": n, "name": f"L{n}", "description": f"level {n}"} for n in range(0, 4)]


def workspace(root: Path, *, framework: dict[str, Any], questionnaire: dict[str, Any],
              responses: dict[str, dict[str, Any]] | None = None,
              **assessment: Any) -> Path:
    """An assessment folder holding its own framework and questionnaire."""
    fw = {"schema_version": 1, "name": "Test framework", "levels": LEVELS, **framework}
    q = {"schema_version": 1, "name": "Test domain", "framework": fw["id"], **questionnaire}
    write(root / "frameworks" / f"{fw['id']}.yaml", fw)
    write(root / "questionnaires" / f"{q['id']}.yaml", q)
    write(root / "assessment.yaml", {"schema_version": 1, "organisation": "Test Ltd",
                                     "date": "2026-01-05", "framework": fw["id"],
                                     "questionnaires": [q["id"]], **assessment})
    (root / "responses").mkdir(exist_ok=True)
    for name, answers in (responses or {}).items():
        write(root / "responses" / f"{q['id']}.{name}.yaml",
              {"schema_version": 1, "questionnaire": q["id"],
               "respondent": {"name": name.title(), "role": "Tester"}, "answers": answers})
    return root


def run(*args: str) -> Any:
    """Run the CLI; the result object (exit code, stdout, stderr)."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def score_json(path: Path) -> dict[str, Any]:
    result = run("score", path, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data
