"""The agreed plan as a file: assess roadmap --save writes plan.yaml; the next assessment's
progress reads its statuses beside the maturity measured."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main
from assess.load.loader import load_model
from assess.models import Plan
from assess.prioritise.plan_file import add_months
from assess.progress import compare_paths
from assess.report import build_context, load_inputs

from .conftest import ROOT


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    return tmp_path / "examples"


def _save(folder: Path, *extra: str) -> tuple[int, str]:
    out = CliRunner().invoke(main, ["roadmap", str(folder), "--save", "--format", "json",
                                    *extra])
    return out.exit_code, out.output


def _status(plan: Path, sid: str, status: str) -> None:
    text = plan.read_text()
    i = text.index(f"- id: {sid}\n")
    j = text.index("  status: planned", i)
    plan.write_text(text[:j] + f"  status: {status}" + text[j + len("  status: planned"):])


def test_save_writes_every_scheduled_step_with_phase_owner_status_and_dates(
        examples: Path) -> None:
    code, output = _save(examples / "northshire")
    assert code == 0, output
    plan, _ = load_model(examples / "northshire" / "plan.yaml", Plan)
    roadmap = json.loads(output[output.index("{"):])
    scheduled = [s for p in roadmap["phases"] for s in p["recommendations"]]
    assert [s.id for s in plan.steps] == scheduled
    first = plan.steps[0]
    assert (first.id, first.phase, first.owner, first.status) == (
        "power_cooling:2", "0-6 months", "Facilities Manager", "planned")
    assert (first.start, first.end) == (dt.date(2026, 10, 20), dt.date(2027, 4, 19))
    last = plan.steps[-1]
    assert (last.phase, last.start, last.end) == (
        "12-24 months", dt.date(2027, 10, 20), dt.date(2028, 10, 19))
    assert plan.organisation == "Northshire Council"


def test_an_existing_plan_is_kept_unless_forced(examples: Path) -> None:
    folder = examples / "northshire"
    assert _save(folder)[0] == 0
    _status(folder / "plan.yaml", "power_cooling:2", "done")
    kept = (folder / "plan.yaml").read_text()
    code, output = _save(folder)
    assert code == 3  # like every refusal to overwrite (OutputError)
    assert "plan.yaml: a plan exists already (it may hold the client's statuses); give " \
        "--force to replace it" in output
    assert (folder / "plan.yaml").read_text() == kept
    assert _save(folder, "--force")[0] == 0
    assert "status: done" not in (folder / "plan.yaml").read_text()
    out = CliRunner().invoke(main, ["roadmap", str(folder), "--force"])
    assert out.exit_code == 2


def test_schema_and_validation_of_the_plan(examples: Path) -> None:
    out = CliRunner().invoke(main, ["schema", "plan"])
    schema = json.loads(out.output)
    assert schema["$defs"]["PlannedStep"]["properties"]["status"]["enum"] == [
        "planned", "in_progress", "done", "dropped"]
    folder = examples / "northshire"
    _save(folder)
    _status(folder / "plan.yaml", "power_cooling:2", "finished")
    out = CliRunner().invoke(main, ["validate", str(folder)])
    assert out.exit_code == 3
    assert "plan.yaml:16: steps[0].status: input should be 'planned', 'in_progress', " \
        "'done' or 'dropped', got 'finished'" in out.output


def test_round_trip_the_next_assessment_reads_the_plan(examples: Path) -> None:
    """Save the baseline's plan, edit statuses over the year, re-run the next assessment."""
    base = examples / "northshire-2025"
    assert _save(base)[0] == 0
    plan = base / "plan.yaml"
    _status(plan, "power_cooling:2", "done")       # reported done; scores still level 1
    _status(plan, "finops_governance:1", "done")   # done and visible
    _status(plan, "segmentation:1", "in_progress")  # achieved, not marked done
    _status(plan, "identity_access:3", "dropped")
    outcome = compare_paths(None, examples / "northshire").plan
    assert outcome is not None and outcome.from_plan_file
    by_id = {s.id: s for s in outcome.steps}
    assert by_id["power_cooling:2"].review == "reported done, not yet visible in the scores"
    assert by_id["finops_governance:1"].review == "delivered, visible in the scores"
    assert by_id["segmentation:1"].review == \
        "achieved in the scores, still in progress in the plan"
    assert by_id["identity_access:3"].status == "dropped" and not by_id["identity_access:3"].due
    inputs = load_inputs(examples / "northshire")
    ctx = build_context(inputs, progress=inputs.progress)
    review = ctx["progress"]["sentences"]["plan_review"]
    assert "1 step reported done but not yet visible in the scores (Power and cooling " \
        "resilience to level 2)" in review
    assert "1 dropped" in review


def test_months_are_added_within_the_month() -> None:
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 10, 20), 18) == dt.date(2028, 4, 20)
