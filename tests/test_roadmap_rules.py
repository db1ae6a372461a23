"""Pacing, must-do steps and team capacities on small inputs and on the example."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main
from assess.models import Action, Assessment, CapabilityDependencies, DependencyModel
from assess.prioritise import (
    Analysis,
    PhaseSpec,
    Rules,
    analyse,
    plan_roadmap,
    recommend,
    rules_for,
)
from assess.prioritise.synthetic import ScoredCapability, score_result

from .conftest import DATA, EXAMPLE

WORKED = DATA / "prioritise" / "worked"


@pytest.fixture(scope="module")
def example() -> Analysis:
    return analyse(EXAMPLE)


def _model(**owners: str) -> DependencyModel:
    return DependencyModel(schema_version=1, capabilities=[
        CapabilityDependencies(capability=cap, risk=3 if cap != "hot" else 5, actions={
            level: Action(action=f"{cap} {level}.", effort=10, cost_band="S",
                          owner=owners.get(cap, "CIO"))
            for level in (2, 3, 4)})
        for cap in ("hot", "cold")])


SCORES = [ScoredCapability("hot", "d", 1.0, 4.0, 5.0), ScoredCapability("cold", "d", 1.0, 2.0)]
PHASES = [PhaseSpec("a", 6, 100), PhaseSpec("b", 6, 100), PhaseSpec("c", 12, 100)]


def test_default_pacing_is_one_step_per_capability_per_phase() -> None:
    result = score_result(SCORES)
    recs = recommend(_model(), result)
    paced = plan_roadmap(recs, result, PHASES)
    assert [p.recommendations for p in paced.phases] == [
        ("hot:2", "cold:2"), ("hot:3",), ("hot:4",)]
    unpaced = plan_roadmap(recs, result, PHASES, Rules(per_phase=None))
    assert unpaced.phases[0].recommendations == ("hot:2", "hot:3", "hot:4", "cold:2")


def test_minimum_months_between_steps() -> None:
    result = score_result(SCORES)
    recs = recommend(_model(), result)
    plan = plan_roadmap(recs, result, PHASES, Rules(per_phase=None, min_months=12))
    # hot:3 may start 12 months after hot:2 (month 0): phase c starts at month 12
    assert [p.recommendations for p in plan.phases] == [("hot:2", "cold:2"), (), ("hot:3",)]
    assert plan.backlog == ("hot:4",)


def test_pacing_from_the_assessment() -> None:
    a = Assessment.model_validate({
        "schema_version": 1, "organisation": "X", "date": "2026-01-01", "questionnaires": ["q"],
        "pacing": {"steps_per_capability_per_phase": 2, "min_months_between_steps": 3},
        "teams": {"Security Team": {"capacity": 40}, "Network Team": {"fte": 1.5}}})
    rules = rules_for(a, 200)
    assert (rules.per_phase, rules.min_months) == (2, 3)
    assert rules.team_capacity("Security Team", 12) == 40
    assert rules.team_capacity("Network Team", 6) == pytest.approx(1.5 * 200 / 2)
    assert rules.team_capacity("CIO", 6) is None
    assert rules_for(None).per_phase == 1


def test_must_do_from_the_assessment_goes_first_and_says_why() -> None:
    result = score_result(SCORES)
    recs = recommend(_model(), result, must_do=["cold:2"])
    cold = recs.by_id()["cold:2"]
    assert cold.urgent == "must_do"
    assert cold.rationale.startswith("Must do first (named must-do). ")
    plan = plan_roadmap(recs, result, [PhaseSpec("a", 6, 10), PhaseSpec("b", 6, 10)])
    assert [p.recommendations for p in plan.phases] == [("cold:2",), ("hot:2",)]


def test_urgent_in_the_dependency_model_pulls_its_prerequisites_forward() -> None:
    model = _model()
    hot, cold = model.capabilities
    urgent = {**cold.actions, 3: cold.actions[3].model_copy(update={"urgent": "legal_duty"})}
    model = model.model_copy(update={"capabilities": [
        hot, cold.model_copy(update={"actions": urgent})]})
    result = score_result([SCORES[0], ScoredCapability("cold", "d", 1.0, 3.0)])
    recs = recommend(model, result)
    assert recs.by_id()["cold:3"].rationale.startswith("Must do first (a legal duty). ")
    plan = plan_roadmap(recs, result, [PhaseSpec("a", 6, 10)] * 3)
    # cold:2 is needed first by the urgent cold:3, so both come before hot's steps
    assert [p.recommendations for p in plan.phases] == [("cold:2",), ("cold:3",), ("hot:2",)]


def test_team_capacity_and_what_waits_for_the_team() -> None:
    result = score_result(SCORES)
    recs = recommend(_model(hot="Security Team"), result)
    rules = Rules(teams=(("Security Team", 5.0, None),))
    plan = plan_roadmap(recs, result, PHASES, rules)
    assert [p.recommendations for p in plan.phases] == [("cold:2",), (), ()]
    assert plan.phases[0].waiting == (("Security Team", ("hot:2",)),)
    assert plan.phases[0].teams == (("CIO", 10.0, None), ("Security Team", 0.0, 5.0))
    assert plan.backlog_teams == (("Security Team", ("hot:2",)),)


def test_example_identity_climbs_one_level_per_phase(example: Analysis) -> None:
    plan = example.roadmap()
    by_id = example.recommendations.by_id()
    for phase in plan.phases:
        caps = [by_id[s].capability for s in phase.recommendations]
        assert len(caps) == len(set(caps)), phase.name
    identity = [p.name for p in plan.phases for s in p.recommendations
                if s.startswith("identity_access:")]
    assert identity == ["0-6 months", "6-12 months", "12-24 months"]


def test_example_ups_batteries_are_in_the_first_phase(example: Analysis) -> None:
    ups = example.recommendations.by_id()["power_cooling:2"]
    assert "UPS batteries" in ups.action
    assert ups.urgent == "safety"
    assert ups.rationale.startswith("Must do first (a safety finding). ")
    assert "power_cooling:2" in example.roadmap().phases[0].recommendations


def test_worked_example_under_the_default_pacing() -> None:
    worked = analyse(WORKED)
    a = worked.assessment.model_copy(update={"pacing": Assessment.model_fields[
        "pacing"].default_factory()})  # type: ignore[misc]
    plan = Analysis(a, worked.model, worked.result, worked.recommendations).roadmap()
    assert [p.recommendations for p in plan.phases] == [
        ("identity:2", "cloud:2"), ("identity:3",), ("network:3",)]
    assert plan.backlog == ("cloud:3",)


def test_must_do_naming_an_unknown_capability_is_invalid_input(tmp_path: Path,
                                                               runner: CliRunner) -> None:
    folder = tmp_path / "a"
    shutil.copytree(WORKED, folder)
    with (folder / "assessment.yaml").open("a") as fh:
        fh.write("must_do: [identity:2, nosuch:3]\n")
    out = runner.invoke(main, ["roadmap", str(folder)])
    assert out.exit_code == 3
    assert out.output.strip().endswith("assessment.yaml:15: must_do[1]: unknown capability "
                                       "'nosuch' in step 'nosuch:3' (not in the questionnaires "
                                       "in scope)")


def test_a_team_no_step_belongs_to_is_invalid_input(tmp_path: Path, runner: CliRunner) -> None:
    folder = tmp_path / "a"
    shutil.copytree(WORKED, folder)
    with (folder / "assessment.yaml").open("a") as fh:
        fh.write("teams:\n  Security team: {capacity: 20}\n")
    out = runner.invoke(main, ["roadmap", str(folder)])
    assert out.exit_code == 3
    assert out.output.strip().endswith(
        "assessment.yaml:16: teams.Security team: no step of the dependency model is owned by "
        "'Security team' (owners: Cloud Platform Team, Network Team, Security Team, "
        "Unassigned)")
