"""One rule for each number (docs/scoring.md, "Numbers"): the level of a score, how
scores, targets, gaps, spreads and shares are shown, full precision in JSON and CSV, and
roll-up targets on the basis of the score."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.load.workspace import load_framework
from assess.models import Assessment, Questionnaire, Response
from assess.numbers import (
    level_of,
    score_value,
    show_gap,
    show_percent,
    show_score,
    show_target,
)
from assess.render.scores import render_scores
from assess.scoring import Inputs, score_assessment
from assess.scoring.results import ScoreResult

FW = load_framework("digital-foundations")[0]


def _questionnaire(ident: str, caps: dict[str, list[tuple[str, float]]],
                   weights: dict[str, float] | None = None) -> dict[str, Any]:
    """``caps``: capability id -> [(question id, question weight)]."""
    return {"schema_version": 1, "id": ident, "name": ident.capitalize(), "framework": FW.id,
            "capabilities": [{"id": c, "name": c.replace("_", " ").capitalize(),
                              "weight": (weights or {}).get(c, 1.0)} for c in caps],
            "questions": [{"id": q, "capability": c, "text": "?", "weight": w,
                           "levels": {lv.level: "descriptor" for lv in FW.levels}}
                          for c, qs in caps.items() for q, w in qs]}


def score(questionnaires: list[dict[str, Any]], answers: dict[str, dict[str, Any]],
          targets: dict[str, Any] | None = None) -> ScoreResult:
    """Score ``questionnaires`` with one respondent's ``answers`` (questionnaire id ->
    question id -> value)."""
    a = Assessment(schema_version=1, organisation="Numbers Ltd", date=dt.date(2026, 1, 1),
                   questionnaires=[q["id"] for q in questionnaires], targets=targets or {})
    responses = [Response.model_validate({
        "schema_version": 1, "questionnaire": q, "respondent": {"name": "Ann"},
        "answers": {k: {"value": v} for k, v in given.items()}})
        for q, given in answers.items() if given]
    return score_assessment(Inputs(a, FW, [Questionnaire.model_validate(q)
                                           for q in questionnaires], responses))


# --- the level rule ------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "level"), [
    (2.9999999999, 3), (3.0, 3), (2.999999, 2), (2.9999999, 2), (2.5, 2), (0.0, 0),
    (4.9999999999, 5), (1e-12, 0), (3.0000000001, 3),
])
def test_level_of_floors_with_a_relative_guard(value: float, level: int) -> None:
    assert level_of(value) == level


def test_weights_one_in_a_million_apart_do_not_reach_the_next_level() -> None:
    # (0.001 x 2 + 1000 x 3) / 1000.001 = 2.999999000001: level 2 (the old 1e-6 guard said 3)
    q = _questionnaire("dom", {"cap": [("Q1", 0.001), ("Q2", 1000.0)]})
    cap = score([q], {"dom": {"Q1": 2, "Q2": 3}}).capability("cap")
    assert cap.score == pytest.approx(2.999999000001, abs=1e-12)
    assert cap.level == 2
    assert show_score(cap.score) == "2.99"
    # Truly 3 within float error: level 3.
    q = _questionnaire("dom", {"cap": [("Q1", 0.1), ("Q2", 0.2)]})
    assert score([q], {"dom": {"Q1": 3, "Q2": 3}}).capability("cap").level == 3


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 5), st.floats(0, 1, exclude_max=True))
def test_level_of_is_the_floor_away_from_float_noise(whole: int, part: float) -> None:
    value = whole + part
    assert level_of(value) == (whole + 1 if value >= whole + 1 - 1e-9 * (whole + 1)
                               else math.floor(value))


# --- the display rule ----------------------------------------------------------------------


@pytest.mark.parametrize(("value", "shown"), [
    (1.9954, "1.99"), (2.0, "2.00"), (1.995, "1.99"), (1.994, "1.99"), (2.004, "2.00"),
    (2.9999999999, "3.00"), (2.999999, "2.99"), (2.456, "2.46"), (None, "–"),
])
def test_a_score_never_shows_on_a_level_it_has_not_reached(value: float | None,
                                                           shown: str) -> None:
    assert show_score(value) == shown


@settings(max_examples=500, deadline=None)
@given(st.floats(0, 5, allow_nan=False))
def test_property_shown_score_never_rounds_onto_an_unreached_level(value: float) -> None:
    shown = float(show_score(value))
    assert level_of(shown) <= level_of(value)   # never onto a boundary not reached
    assert abs(shown - value) <= 0.01 + 1e-12   # and never far from the score
    assert shown == score_value(value)


def test_targets_gaps_and_shares_have_one_format_each() -> None:
    assert [show_target(t) for t in (3.0, 3.5, 3.25, 10 / 3, 0.0)] == \
        ["3", "3.5", "3.25", "3.33", "0"]
    # The gap beside a shown score is worked out from the shown figures.
    assert show_gap(3.0, 1.9954) == "1.01"
    assert show_gap(3.0, 3.0) == "0.00"
    assert show_gap(3.0, None) == "–"
    assert [show_percent(s) for s in (0.0, 0.002, 0.5, 2 / 3, 0.996, 1.0, None)] == \
        ["0%", "1%", "50%", "67%", "99%", "100%", "–"]


# --- full precision in machine output -----------------------------------------------------


def _fraction_mean(pairs: list[tuple[Fraction, Fraction]]) -> Fraction:
    return sum((w * v for w, v in pairs), Fraction(0)) / sum((w for w, _ in pairs),
                                                             Fraction(0))


def test_json_and_csv_carry_8_3_and_43_24_unrounded() -> None:
    # Answers 2, 3, 3 -> 8/3 (JSON used to say 2.6667).
    q = _questionnaire("dom", {"a": [("A1", 1), ("A2", 1), ("A3", 1)],
                               "b": [("B1", 1), ("B2", 3)]}, weights={"a": 1, "b": 2})
    result = score([q], {"dom": {"A1": 2, "A2": 3, "A3": 3, "B1": 0, "B2": 2}})
    data = json.loads(render_scores(result, "json"))
    cap_a = data["domains"][0]["capabilities"][0]
    assert cap_a["score"] == pytest.approx(8 / 3, abs=1e-12) and cap_a["score"] != 2.6667
    # b = (0 + 3 x 2) / 4 = 1.5; domain = (8/3 + 2 x 1.5) / 3 = 17/9
    assert data["domains"][0]["score"] == pytest.approx(17 / 9, abs=1e-12)
    assert data["overall"]["gap"] == pytest.approx(3 - 17 / 9, abs=1e-12)
    assert data["domains"][0]["coverage"] == 1.0
    rows = list(csv.DictReader(io.StringIO(render_scores(result, "csv"))))
    assert float(rows[1]["score"]) == pytest.approx(8 / 3, abs=1e-12)
    assert len(rows[1]["score"]) > 10  # not cut to 4 decimals


def test_43_over_24_to_1e9() -> None:
    # Capability a: answers 1 and 2 -> 3/2; b: answer 2; capability weights 5 and 7 ->
    # (5 x 3/2 + 7 x 2) / 12 = 43/24.
    q = _questionnaire("dom", {"a": [("A1", 1), ("A2", 1)], "b": [("B1", 1)]},
                       weights={"a": 5, "b": 7})
    result = score([q], {"dom": {"A1": 1, "A2": 2, "B1": 2}})
    a = _fraction_mean([(Fraction(1), Fraction(1)), (Fraction(1), Fraction(2))])
    domain = _fraction_mean([(Fraction(5), a), (Fraction(7), Fraction(2))])
    assert domain == Fraction(43, 24)
    data = json.loads(render_scores(result, "json"))
    assert abs(data["overall"]["score"] - 43 / 24) < 1e-9
    assert data["overall"]["score"] != round(43 / 24, 4)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(1, 9)), min_size=1, max_size=6))
def test_property_json_scores_equal_the_exact_fraction(answers: list[tuple[int, int]]) -> None:
    q = _questionnaire("dom", {"cap": [(f"Q{i}", float(w)) for i, (_, w) in enumerate(answers)]})
    result = score([q], {"dom": {f"Q{i}": v for i, (v, _) in enumerate(answers)}})
    exact = _fraction_mean([(Fraction(w), Fraction(v)) for v, w in answers])
    data = json.loads(render_scores(result, "json"))
    for figure in (data["overall"]["score"], data["domains"][0]["score"],
                   data["domains"][0]["capabilities"][0]["score"]):
        assert abs(figure - exact) < 1e-9
    assert data["overall"]["level"] == math.floor(exact)


# --- roll-up targets on the basis of the score --------------------------------------------


def test_unanswered_domains_with_lower_targets_do_not_change_the_headline_gap() -> None:
    cloud = _questionnaire("cloud", {"landing": [("C1", 1)], "finops": [("C2", 1)]})
    network = _questionnaire("network", {"wan": [("N1", 1)]})
    extra = [_questionnaire("spare", {"s": [("S1", 1)]}),
             _questionnaire("other", {"o": [("O1", 1)]})]
    targets = {"cloud": 4.0, "network": 3.5, "spare": 2.0, "other": 2.0}
    answers = {"cloud": {"C1": 2, "C2": 3}, "network": {"N1": 2}}
    before = score([cloud, network], answers, targets)
    after = score([cloud, network, *extra], answers, targets)
    assert after.overall.score == before.overall.score
    assert after.overall.target == before.overall.target == pytest.approx(3.75)
    assert after.overall.gap == before.overall.gap == pytest.approx(3.75 - 2.25)
    table = render_scores(after, "table")
    assert "The overall score, target and gap are based on 3 of 5 capabilities; Spare and " \
           "Other not scored." in table


def test_a_domain_target_is_over_the_scored_capabilities() -> None:
    q = _questionnaire("dom", {"a": [("A1", 1)], "b": [("B1", 1)], "c": [("C1", 1)]},
                       weights={"a": 1, "b": 3, "c": 1})
    targets = {"dom": {"target": 3.0, "capabilities": {"b": 4.0, "c": 1.0}}}
    result = score([q], {"dom": {"A1": 2, "B1": 3}}, targets)
    d = result.domains[0]
    assert d.target == pytest.approx((1 * 3 + 3 * 4) / 4)  # c (unscored) left out
    assert d.gap == pytest.approx(d.target - d.score)
    nothing = score([q], {}, targets).domains[0]
    assert nothing.target == pytest.approx((3 + 12 + 1) / 5)  # none scored: all of them


def test_float_noise_is_no_gap() -> None:
    q = _questionnaire("dom", {"a": [("A1", 0.1), ("A2", 0.2)], "b": [("B1", 1)]},
                       weights={"a": 0.1, "b": 0.2})
    result = score([q], {"dom": {"A1": 3, "A2": 3, "B1": 3}}, {"dom": 3.0})
    assert result.overall.score == 3.0 and result.overall.gap == 0.0
    assert all(c.gap == 0.0 for c in result.capabilities())


def test_every_human_output_shows_1_9954_as_1_99_beside_level_1() -> None:
    # Weights 4.6 and 995.4 on answers 1 and 2: (4.6 + 1990.8) / 1000 = 1.9954, level 1.
    q = _questionnaire("dom", {"cap": [("Q1", 4.6), ("Q2", 995.4)]})
    result = score([q], {"dom": {"Q1": 1, "Q2": 2}})
    assert result.overall.score == pytest.approx(1.9954) and result.overall.level == 1
    table = render_scores(result, "table")
    assert "OVERALL               1.99  1 Initial       3  1.01      100%" in table
    assert "2.00" not in table
    markdown = render_scores(result, "markdown")
    assert "**Overall: 1.99 (1 Initial) against a target of 3; coverage 100%.**" in markdown
    from assess.report.templating import environment

    env = environment("markdown")
    assert env.filters["num"](1.9954) == "1.99"
    assert env.filters["gap"]({"score": 1.9954, "target": 3.0}) == "1.01"
    assert env.filters["pct"](0.996) == "99%"


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.floats(0.001, 1000)), min_size=1,
                max_size=4),
       st.lists(st.tuples(st.integers(0, 5), st.floats(0.001, 1000)), min_size=1,
                max_size=4))
def test_property_no_table_row_shows_a_score_on_a_level_it_has_not_reached(
        first: list[tuple[int, float]], second: list[tuple[int, float]]) -> None:
    q = _questionnaire("dom", {"a": [(f"A{i}", w) for i, (_, w) in enumerate(first)],
                               "b": [(f"B{i}", w) for i, (_, w) in enumerate(second)]})
    answers = {**{f"A{i}": v for i, (v, _) in enumerate(first)},
               **{f"B{i}": v for i, (v, _) in enumerate(second)}}
    table = render_scores(score([q], {"dom": answers}), "table")
    rows = [re.search(r"  (\d+\.\d\d)  (\d) ", line) for line in table.splitlines()]
    shown = [(float(m[1]), int(m[2])) for m in rows if m]
    assert len(shown) == 4  # domain, two capabilities, overall
    for value, level in shown:
        assert level_of(value) <= level
