"""Delivery realism: the baseline's planned and delivered effort beside this plan's demand."""

from __future__ import annotations

import json

from click.testing import CliRunner

from assess.cli import main
from assess.prioritise import PhaseSpec, Recommendations, Roadmap, plan_roadmap, recommend
from assess.progress.achieved import PlanOutcome, StepOutcome
from assess.progress.delivery import WARN_RATIO, delivery
from assess.render.resourcing import delivery_sentence

from .conftest import EXAMPLE
from .test_resourcing import SCORES, _model, score_result


def _step(sid: str, effort: float, due: bool, achieved: bool) -> StepOutcome:
    cap, _, level = sid.partition(":")
    return StepOutcome(id=sid, rank=1, capability=cap, capability_name=cap, domain="d",
                       from_level=int(level) - 1, to_level=int(level), action="", phase="x",
                       due=due, current_level=None, achieved=achieved, effort=effort)


def _plan() -> tuple[Recommendations, Roadmap]:
    result = score_result(SCORES)
    recs = recommend(_model(), result)
    return recs, plan_roadmap(recs, result, [PhaseSpec("a", 6, 100), PhaseSpec("b", 6, 100),
                                              PhaseSpec("c", 12, 100)])


def test_delivered_share_and_demand_over_the_same_months() -> None:
    recs, plan = _plan()
    outcome = PlanOutcome(12, (_step("x:2", 40, True, True), _step("x:3", 60, True, False),
                               _step("y:2", 99, False, True)))
    d = delivery(outcome, plan, recs)
    assert (d.planned_steps, d.planned_effort, d.delivered_steps, d.delivered_effort) == (
        2, 100, 1, 40)
    assert d.share == 0.4
    # phases a and b end within 12 months: a:2 + b:2 (75) then a:3 (100)
    assert (d.demand_months, d.demand_effort) == (12, 175)
    assert d.ratio == 175 / 40 and d.ratio > WARN_RATIO and d.warning
    text = delivery_sentence(d)
    assert "1 of the 2 steps its roadmap planned for that time was delivered: 40 of 100 " \
        "planned person-days (40%)" in text
    assert "175 person-days (3 steps) in its first 12 months, 4.4 times what was " \
        "delivered" in text
    assert "much more than the organisation has shown it can deliver" in text


def test_no_warning_when_the_plan_matches_what_was_delivered() -> None:
    recs, plan = _plan()
    outcome = PlanOutcome(6, (_step("x:2", 75, True, True),))
    d = delivery(outcome, plan, recs)
    assert (d.demand_months, d.demand_effort, d.ratio, d.warning) == (6, 75, 1.0, False)
    assert "much more" not in delivery_sentence(d)
    nothing = delivery(PlanOutcome(6, (_step("x:2", 75, True, False),)), plan, recs)
    assert nothing.ratio is None and nothing.warning


def test_example_roadmap_shows_the_baseline_delivery() -> None:
    out = CliRunner().invoke(main, ["roadmap", str(EXAMPLE), "--format", "json"],
                             catch_exceptions=False)
    d = json.loads(out.stdout)["delivery"]
    assert d["baseline_planned_effort"] > d["baseline_delivered_effort"] >= 0
    assert d["plan_effort"] > 0 and d["warning"] is True
    text = CliRunner().invoke(main, ["roadmap", str(EXAMPLE)], catch_exceptions=False).stdout
    assert "! Delivery: In the 12 months since the baseline" in text


def test_roadmap_json_has_the_fixed_keys_of_spec_section_8() -> None:
    out = CliRunner().invoke(main, ["roadmap", str(EXAMPLE), "--format", "json"],
                             catch_exceptions=False)
    data = json.loads(out.stdout)
    assert {"phases", "backlog", "time_to_target", "delivery"} <= set(data)
    for phase in data["phases"]:
        assert {"name", "months", "capacity", "effort", "fte", "cost", "teams",
                "recommendations", "projected"} <= set(phase)
        assert set(phase["cost"]) == {"currency", "capex", "opex_per_year"}
        assert phase["cost"]["currency"] == "GBP"
        assert len(phase["cost"]["capex"]) == len(phase["cost"]["opex_per_year"]) == 2
        for team in phase["teams"].values():
            assert set(team) == {"effort", "capacity"}
    assert data["phases"][0]["teams"]["Security Team"]["capacity"] == 1.5 * 210 / 2
    assert set(data["time_to_target"]) == {"data-centres", "cloud", "network",
                                           "user-interaction", "cybersecurity",
                                           "digital-governance"}
    assert all(set(v) == {"months"} for v in data["time_to_target"].values())
    assert {"baseline_planned_effort", "baseline_delivered_effort"} <= set(data["delivery"])
