"""Money and people: cost model, FTE, capex/opex ranges, time to target."""

from __future__ import annotations

import json

import pytest

from assess.models import (
    Action,
    BandCost,
    CapabilityDependencies,
    CostModel,
    DependencyModel,
)
from assess.prioritise import PhaseSpec, analyse, plan_roadmap, recommend
from assess.prioritise.resourcing import resourcing
from assess.prioritise.synthetic import ScoredCapability, score_result
from assess.render.money import fte, money, money_range, months_text
from assess.render.roadmap import render_roadmap

from .conftest import EXAMPLE

COSTS = CostModel(currency="GBP", working_days_per_fte=200, bands={
    "S": BandCost(capex=[0, 10_000], opex_per_year=[1_000, 2_000])})


def _model(costs: CostModel | None = COSTS) -> DependencyModel:
    return DependencyModel(schema_version=1, cost_bands={"S": "small", "M": "medium"},
                           costs=costs, capabilities=[
        CapabilityDependencies(capability="a", actions={
            2: Action(action="A2.", effort=50, cost_band="S", owner="CIO"),
            3: Action(action="A3.", effort=100, cost_band="M", owner="CIO",
                      capex=[200_000, 300_000], opex_per_year=[0, 0])}),
        CapabilityDependencies(capability="b", actions={
            2: Action(action="B2.", effort=25, cost_band="M", owner="Network Team")})])


SCORES = [ScoredCapability("a", "d", 1.0, 3.0), ScoredCapability("b", "e", 1.0, 2.0)]


def test_each_step_costs_its_own_figures_else_its_band() -> None:
    recs = recommend(_model(), score_result(SCORES))
    by_id = recs.by_id()
    assert by_id["a:2"].capex == (0, 10_000) and by_id["a:2"].opex_per_year == (1_000, 2_000)
    assert by_id["a:3"].capex == (200_000, 300_000)
    assert by_id["b:2"].capex is None  # band M is not priced
    assert (recs.currency, recs.working_days_per_fte) == ("GBP", 200)


def test_phase_fte_capex_and_opex() -> None:
    result = score_result(SCORES)
    recs = recommend(_model(), result)
    plan = plan_roadmap(recs, result, [PhaseSpec("first", 6, 100), PhaseSpec("next", 12, 100)])
    res = resourcing(plan, recs)
    first, nxt = res.phases
    assert plan.phases[0].recommendations == ("a:2", "b:2")
    # 75 person-days over half a year of 200 working days: 0.75 FTE
    assert (first.effort, first.fte) == (75, pytest.approx(0.75))
    assert (first.capex, first.opex_per_year, first.uncosted) == ((0, 10_000), (1_000, 2_000), 1)
    assert (nxt.effort, nxt.fte, nxt.capex) == (100, pytest.approx(0.5), (200_000, 300_000))
    assert res.total.fte == pytest.approx(175 / (200 * 18 / 12))
    assert [(b.key, b.total.effort) for b in res.owners] == [("CIO", 150), ("Network Team", 25)]
    data = json.loads(render_roadmap(plan, recs, "json"))
    assert data["phases"][0]["cost"] == {"currency": "GBP", "capex": [0, 10_000],
                                         "opex_per_year": [1_000, 2_000]}
    assert data["phases"][0]["fte"] == 0.75


def test_without_a_cost_model_no_money_is_shown() -> None:
    result = score_result(SCORES)
    recs = recommend(_model(costs=None), result)
    plan = plan_roadmap(recs, result, [PhaseSpec("first", 6, 100)])
    text = render_roadmap(plan, recs, "table")
    assert "capex" not in text.split("Resourcing")[0]
    assert "no cost model, so no money is shown" in text


def test_money_is_shown_rounded_for_a_budget() -> None:
    assert [money(v, "GBP") for v in (0, 8_000, 25_000, 999_999, 1_250_000)] == [
        "£0", "£8k", "£25k", "£1m", "£1.2m"]
    assert money(5_000, "CHF") == "5k CHF"
    assert money_range((25_000, 100_000), "GBP") == "£25k–£100k"
    assert money_range((0, 0), "GBP") == "£0"
    assert money_range((0, 1), "") == "–"
    assert (fte(0.7499), fte(None)) == ("0.7", "–")
    assert (months_text(None, 60), months_text(0, 60), months_text(18, 60)) == (
        "not within 5 years", "at target now", "by month 18")


def test_time_to_target_projects_beyond_the_last_phase() -> None:
    result = score_result(SCORES)
    recs = recommend(_model(), result)
    # 60 a phase: a:2 and b:2 do not both fit; a:3 (100) only fits alone, as an oversize step
    plan = plan_roadmap(recs, result, [PhaseSpec("only", 6, 60)])
    assert plan.phases[0].recommendations == ("a:2",)
    ttt = dict(plan.time_to_target)
    assert ttt["d"] == 12  # a:3, more urgent, alone in the six months after the plan
    assert ttt["e"] == 18  # b:2 in the six months after that
    assert ttt["overall"] == 18
    data = json.loads(render_roadmap(plan, recs, "json"))
    assert data["time_to_target"] == {"d": {"months": 12}, "e": {"months": 18}}
    assert data["time_to_target_overall"] == {"months": 18}
    tiny = plan_roadmap(recs, result, [PhaseSpec("only", 60, 1)])
    assert dict(tiny.time_to_target)["d"] is None  # never within five years


def test_example_resourcing_in_pounds() -> None:
    analysis = analyse(EXAMPLE)
    plan = analysis.roadmap()
    res = resourcing(plan, analysis.recommendations)
    assert res.currency == "GBP"
    for r in res.phases:
        assert r.effort > 0 and r.fte is not None and r.capex[1] > 0
        assert r.opex_per_year[1] > 0 and r.uncosted == 0
    text = render_roadmap(plan, analysis.recommendations, "table")
    assert "FTE; capex £" in text and "a year" in text
    assert "Time to target" in text
    for name in ("Data centres", "Cloud", "Network", "User interaction", "Cybersecurity"):
        assert f"  {name}: " in text
    md = render_roadmap(plan, analysis.recommendations, "markdown")
    assert "## Resourcing" in md and "| Total planned |" in md
