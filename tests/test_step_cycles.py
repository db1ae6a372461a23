"""Prerequisite cycles are checked on level steps, not on capabilities (DSOMM's dependsOn)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.cli import main
from assess.errors import AssessError
from assess.load.checks import prerequisite_cycle
from assess.models import CapabilityDependencies, DependencyModel, Prerequisite
from assess.prioritise import recommend
from assess.prioritise.links import join
from assess.prioritise.steps import build_steps
from assess.prioritise.synthetic import ScoredCapability, score_result

from .conftest import DATA

CROSSLEVEL = DATA / "prioritise" / "crosslevel"
COMMANDS = {"validate": ["validate", "ws"], "recommend": ["recommend", "ws"],
            "roadmap": ["roadmap", "ws"], "graph": ["graph", "ws", "--format", "json"]}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(catch_exceptions=False)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the cross-level example, run from its parent (paths shown relative)."""
    shutil.copytree(CROSSLEVEL, tmp_path / "ws")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "ws"


def _model(*prerequisites: tuple[str, str, int, int]) -> DependencyModel:
    """(capability, needs, level, for_level) quadruples as a dependency model."""
    entries: dict[str, list[Prerequisite]] = {}
    for cap, pre, level, for_level in prerequisites:
        entries.setdefault(cap, []).append(
            Prerequisite(capability=pre, level=level, for_level=for_level))
    return DependencyModel(schema_version=1, capabilities=[
        CapabilityDependencies(capability=c, prerequisites=p) for c, p in entries.items()])


def test_cross_level_prerequisites_are_no_cycle() -> None:
    # "A to 5 needs B at 4" and "B to 4 needs A at 1": the issue's own example.
    assert prerequisite_cycle(_model(("a", "b", 4, 5), ("b", "a", 1, 4))) == ([], (0, 0))
    assert prerequisite_cycle(_model(("a", "b", 4, 5), ("b", "a", 5, 4))) == (
        ["a:5", "b:4", "a:5"], (0, 0))


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_dsomm_like_model_runs_end_to_end(command: str, runner: CliRunner, ws: Path) -> None:
    result = runner.invoke(main, COMMANDS[command])
    assert result.exit_code == 0, result.output


def test_recommendations_and_roadmap_keep_every_step_after_its_prerequisites(
        runner: CliRunner, ws: Path) -> None:
    out = runner.invoke(main, ["recommend", "ws", "--format", "json"])
    requires = {r["id"]: r["requires"] for r in json.loads(out.stdout)["recommendations"]}
    assert requires == {
        "build:2": [], "test:2": ["build:2"], "build:3": ["build:2", "test:2"],
        "test:3": ["test:2"], "build:4": ["build:3", "test:3"], "test:4": ["build:3", "test:3"]}
    out = runner.invoke(main, ["roadmap", "ws", "--format", "json", "--capacity", "20"])
    plan = json.loads(out.stdout)
    order = [s for phase in plan["phases"] for s in phase["recommendations"]] + plan["backlog"]
    assert sorted(order) == sorted(requires)
    for step in order:
        assert all(order.index(req) < order.index(step) for req in requires[step]), step


def _add_cycle(ws: Path) -> None:
    # test to 2 needs build at 3, while build to 3 needs test at 2: a real step cycle.
    path = ws / "dependencies.yaml"
    path.write_text(path.read_text().replace(
        "{capability: build, level: 2, for_level: 2}", "{capability: build, level: 3, "
        "for_level: 2}"))


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_real_step_cycle_exits_3_naming_both_steps(command: str, runner: CliRunner,
                                                     ws: Path) -> None:
    _add_cycle(ws)
    result = runner.invoke(main, COMMANDS[command])
    assert result.exit_code == 3
    assert result.stderr == ("ws/dependencies.yaml:15: capabilities[0].prerequisites[0]: "
                             "prerequisite cycle: build:3 -> test:2 -> build:3\n")


def test_a_self_prerequisite_is_reported_once(runner: CliRunner, ws: Path) -> None:
    path = ws / "dependencies.yaml"
    path.write_text(path.read_text().replace("{capability: test, level: 3, for_level: 4}",
                                             "{capability: build, level: 3, for_level: 4}"))
    result = runner.invoke(main, ["validate", "ws"])
    assert result.exit_code == 3
    assert result.stderr == ("ws/dependencies.yaml:16: capabilities[0].prerequisites[1]: "
                             "a capability cannot be its own prerequisite\n")


def test_the_core_refuses_a_step_cycle_it_is_handed() -> None:
    model = _model(("a", "b", 3, 3), ("b", "a", 3, 2))
    result = score_result([ScoredCapability("a", "d", 1.0, 4.0),
                           ScoredCapability("b", "d", 1.0, 4.0)])
    with pytest.raises(AssessError, match=r"^prerequisite cycle: a:3 -> b:3 -> b:2 -> a:3$"):
        recommend(model, result)


CAPS = ["a", "b", "c"]
prerequisites = st.lists(st.tuples(st.sampled_from(CAPS), st.sampled_from(CAPS),
                                   st.integers(1, 5), st.integers(1, 5)), max_size=6)


@settings(max_examples=150, deadline=None)
@given(prerequisites)
def test_the_check_and_the_core_agree_on_cycles(found: list[tuple[str, str, int, int]]) -> None:
    """With every capability at 0 and a target of 5, every step exists: the core puts them
    in an order that can be carried out exactly when the check finds no cycle."""
    model = _model(*[p for p in found if p[0] != p[1]])
    cycle, _ = prerequisite_cycle(model)
    links = join(model, score_result([ScoredCapability(c, "d", 0.0, 5.0) for c in CAPS]))
    if cycle:
        with pytest.raises(AssessError, match=r"^prerequisite cycle: "):
            build_steps(links)
        return
    steps = build_steps(links).steps
    assert len(steps) == 15
    done: set[str] = set()
    for step in steps:
        assert set(step.requires) <= done
        done.add(step.id)
