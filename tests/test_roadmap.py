"""Roadmap: phases, capacity, prerequisites first, oversize steps, backlog, projections."""

from __future__ import annotations

import json

import pytest

from assess.models import Action, Assessment, CapabilityDependencies, DependencyModel, Phase
from assess.prioritise import Analysis, PhaseSpec, analyse, phases_for, plan_roadmap, recommend
from assess.prioritise.synthetic import ScoredCapability, score_result
from assess.render.roadmap import render_roadmap

from .conftest import DATA

WORKED = DATA / "prioritise" / "worked"


@pytest.fixture(scope="module")
def worked() -> Analysis:
    return analyse(WORKED)


def test_worked_example_phases(worked: Analysis) -> None:
    plan = worked.roadmap()
    assert [(p.name, p.capacity, p.recommendations, p.effort) for p in plan.phases] == [
        ("0-6 months", 50.0, ("identity:2", "identity:3"), 50.0),
        ("6-12 months", 50.0, ("cloud:2", "network:3"), 40.0),
        ("12-24 months", 50.0, ("cloud:3",), 40.0),
    ]
    assert plan.backlog == ()
    assert [(p.start_month, p.end_month) for p in plan.phases] == [(0, 6), (6, 12), (12, 24)]


def test_projected_scores_count_delivered_levels(worked: Analysis) -> None:
    plan = worked.roadmap()
    assert plan.current == (("infra", pytest.approx(7.5 / 4.5)),)
    assert [dict(p.projected)["infra"] for p in plan.phases] == [
        pytest.approx(10.5 / 4.5), pytest.approx(12.5 / 4.5), 3.0]
    assert plan.phases[0].levels == (("identity", 3),)
    assert plan.phases[-1].projected_overall == 3.0


def test_capacity_option_overrides_every_phase(worked: Analysis) -> None:
    plan = worked.roadmap(capacity=200)
    assert [p.capacity for p in plan.phases] == [200.0] * 3
    # everything fits in the first phase, in an order that can be carried out
    assert plan.phases[0].recommendations == (
        "identity:2", "identity:3", "cloud:2", "network:3", "cloud:3")


def test_what_does_not_fit_is_the_backlog(worked: Analysis) -> None:
    plan = worked.roadmap(capacity=20)
    assert [p.recommendations for p in plan.phases] == [("identity:2",), ("identity:3",),
                                                       ("cloud:2",)]
    assert plan.phases[1].oversize == ("identity:3",)  # 30 > 20: alone and flagged
    assert plan.phases[1].effort == 30.0
    assert plan.backlog == ("cloud:3", "network:3")


def test_step_larger_than_a_phase_goes_alone_and_is_flagged() -> None:
    model = DependencyModel(schema_version=1, capabilities=[
        CapabilityDependencies(capability="big", risk=5, actions={
            2: Action(action="Huge.", effort=500, cost_band="XL", owner="CIO")}),
        CapabilityDependencies(capability="small", risk=1, actions={
            2: Action(action="Tiny.", effort=5, cost_band="S", owner="CIO")}),
    ])
    result = score_result([ScoredCapability("big", "d", 1.0, 2.0),
                           ScoredCapability("small", "d", 1.0, 2.0)])
    recs = recommend(model, result)
    plan = plan_roadmap(recs, result, [PhaseSpec("one", 6, 100), PhaseSpec("two", 6, 100)])
    assert [(p.recommendations, p.oversize, p.effort) for p in plan.phases] == [
        (("big:2",), ("big:2",), 500.0), (("small:2",), (), 5.0)]


def test_phases_from_the_assessment() -> None:
    a = Assessment.model_validate({
        "schema_version": 1, "organisation": "X", "date": "2026-01-01",
        "questionnaires": ["q"], "capacity": 80,
        "phases": [{"name": "Now", "months": 3, "capacity": 30}, {"name": "Next", "months": 9}],
    })
    assert phases_for(a) == (PhaseSpec("Now", 3, 30.0), PhaseSpec("Next", 9, 80.0))
    assert phases_for(a, capacity=10) == (PhaseSpec("Now", 3, 10.0), PhaseSpec("Next", 9, 10.0))
    bare = a.model_copy(update={"phases": None, "capacity": None})
    assert phases_for(bare) == (PhaseSpec("0-6 months", 6, 120.0),
                                PhaseSpec("6-12 months", 6, 120.0),
                                PhaseSpec("12-24 months", 12, 240.0))
    assert isinstance(a.phases[0], Phase)  # type: ignore[index]


def test_json_has_the_fixed_keys(worked: Analysis) -> None:
    data = json.loads(render_roadmap(worked.roadmap(), worked.recommendations, "json"))
    assert list(data)[:2] == ["phases", "backlog"]
    first = data["phases"][0]
    assert list(first)[:4] == ["name", "capacity", "recommendations", "projected"]
    assert first["projected"] == {"infra": pytest.approx(7 / 3, abs=1e-12)}
    assert first["effort_by_owner"] == {"Security Team": 50.0}
    assert first["cost_bands"] == {"M": 1, "S": 1}


def test_markdown_and_table(worked: Analysis) -> None:
    md = render_roadmap(worked.roadmap(), worked.recommendations, "markdown")
    assert md.startswith("# Roadmap\n")
    assert "## 0-6 months (months 0-6): 50 of 50 person-days, 2 steps" in md
    assert "Nothing left over" in md
    text = render_roadmap(worked.roadmap(capacity=20), worked.recommendations, "table")
    assert "! one step larger than the phase's capacity" in text
    assert "\nBacklog: 2 steps, 65 person-days: Cloud platform to 3, Network to 3\n" in text
    assert "Projected if delivered: Infrastructure 1.67 -> 2.00; overall 1.67 -> 2.00" in text


def test_human_output_names_capabilities_json_and_csv_keep_ids(worked: Analysis) -> None:
    plan = worked.roadmap(capacity=20)
    assert plan.backlog == ("cloud:3", "network:3")
    text = render_roadmap(plan, worked.recommendations, "table")
    md = render_roadmap(plan, worked.recommendations, "markdown")
    for out in (text, md):
        assert "cloud:3" not in out and "network:3" not in out
    assert json.loads(render_roadmap(plan, worked.recommendations, "json"))["backlog"] == [
        "cloud:3", "network:3"]


def test_csv_has_a_row_per_planned_and_backlog_step(worked: Analysis) -> None:
    import csv
    import io

    plan = worked.roadmap(capacity=20)
    rows = list(csv.DictReader(io.StringIO(
        render_roadmap(plan, worked.recommendations, "csv"))))
    assert list(rows[0]) == ["phase", "order", "id", "capability", "capability_name", "domain",
                             "from_level", "to_level", "effort", "owner", "cost_band",
                             "priority", "rank", "urgent", "capex_low", "capex_high",
                             "opex_per_year_low", "opex_per_year_high"]
    assert [(r["phase"], r["order"], r["id"]) for r in rows] == [
        ("0-6 months", "1", "identity:2"), ("6-12 months", "1", "identity:3"),
        ("12-24 months", "1", "cloud:2"), ("backlog", "1", "cloud:3"),
        ("backlog", "2", "network:3")]
    first = rows[0]
    assert (first["capability"], first["capability_name"], first["domain"]) == (
        "identity", "Identity", "infra")
    assert (first["from_level"], first["to_level"], first["effort"], first["owner"],
            first["cost_band"], first["priority"], first["rank"]) == (
        "1", "2", "20.0", "Security Team", "S", "104.25", "1")
    # Within a phase the order is the one to carry the steps out in.
    full = list(csv.DictReader(io.StringIO(
        render_roadmap(worked.roadmap(), worked.recommendations, "csv"))))
    assert [(r["phase"], r["order"], r["id"]) for r in full if r["phase"] == "0-6 months"] \
        == [("0-6 months", "1", "identity:2"), ("0-6 months", "2", "identity:3")]
