"""Several respondents' answers combined per question, and the roll-ups above them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from assess.models import Answer, Assessment, Questionnaire, Response
from assess.scoring import Inputs, score_assessment
from assess.scoring.aggregate import aggregate_question, combine, middle_confidence

from .scoring_support import c2m2, framework, question

LEVELS = framework("weighted_mean", low=0, high=5)


def answers(*specs: Any) -> list[tuple[str, Answer, bool]]:
    """(who, value[, confidence]) triples; who 'Consensus' marks the agreed answer."""
    out = []
    for spec in specs:
        who, value, *rest = spec
        out.append((who, Answer(value=value, confidence=rest[0] if rest else None),
                    who == "Consensus"))
    return out


def agg(how: str, *specs: Any, threshold: float = 2, fw: Any = LEVELS) -> Any:
    return aggregate_question(question("Q1"), answers(*specs), fw, how, threshold)


@pytest.mark.parametrize(("how", "values", "expected"), [
    ("median", [1, 3, 4], 3), ("median", [1, 3], 2), ("median", [0, 1, 4, 5], 2.5),
    ("mean", [1, 2, 4], 7 / 3), ("min", [3, 1, 4], 1)])
def test_combine(how: str, values: list[float], expected: float) -> None:
    assert combine(values, how) == pytest.approx(expected)


def test_median_is_the_default_and_spread_is_max_minus_min() -> None:
    q = agg("median", ("Ann", 1.0), ("Bob", 4.0), ("Cy", 2.0))
    assert q.value == 2 and q.spread == 3 and q.disagreement and not q.consensus


def test_consensus_wins_where_it_answers() -> None:
    q = agg("median", ("Ann", 1.0), ("Bob", 5.0), ("Consensus", 2.0, "high"))
    assert q.value == 2 and q.consensus and q.confidence == "high"
    # spread and the flag are those of the individual answers: the record of the workshop
    assert q.spread == 4 and q.disagreement
    # a consensus n/a makes the question N/A even where people gave values
    q = agg("mean", ("Ann", 1.0), ("Consensus", "n/a"))
    assert q.na and q.value is None


def test_consensus_aggregation_counts_only_agreed_answers() -> None:
    q = agg("consensus", ("Ann", 3.0), ("Bob", 3.0))
    assert q.value is None and not q.na and not q.answered
    assert agg("consensus", ("Ann", 1.0), ("Consensus", 4.0)).value == 4


def test_a_respondents_na_is_no_opinion() -> None:
    q = agg("median", ("Ann", "n/a"), ("Bob", 3.0))
    assert q.value == 3 and not q.na and q.spread == 0
    q = agg("median", ("Ann", "n/a"), ("Bob", "n/a"))
    assert q.na and q.value is None
    q = agg("median")
    assert not q.na and not q.answered


@pytest.mark.parametrize(("values", "threshold", "flagged"), [
    ([1.0, 3.0], 2, True), ([1.0, 2.9], 2, False), ([1.0, 2.0], 1, True),
    ([2.0, 2.0], 0.5, False)])
def test_disagreement_threshold_is_inclusive(values: list[float], threshold: float,
                                             flagged: bool) -> None:
    q = agg("median", *[(f"R{i}", v) for i, v in enumerate(values)], threshold=threshold)
    assert q.disagreement is flagged


def test_one_respondent_never_disagrees() -> None:
    assert not agg("median", ("Ann", 0.0), threshold=0.1).disagreement


def test_labels_are_combined_by_their_values() -> None:
    q = agg("median", ("Ann", "PI"), ("Bob", "FI"), fw=c2m2())
    # Labels are ordinal: the lower middle label (PI), never (1 + 3) / 2 = LI's value.
    assert q.value == 1 and q.spread == 2 and q.disagreement


@pytest.mark.parametrize(("given", "expected"), [
    (["low", "high"], "low"), (["low", "medium", "high"], "medium"),
    (["high", "high", "low", "medium"], "medium"), ([None, None], None), ([None, "high"], "high")])
def test_confidence_is_the_lower_middle(given: list[str | None], expected: str | None) -> None:
    assert middle_confidence(given) == expected


def test_question_confidence_comes_from_those_who_gave_a_value() -> None:
    q = agg("median", ("Ann", 2.0, "high"), ("Bob", "n/a", "low"), ("Cy", 2.0, "high"))
    assert q.confidence == "high"


# --- roll-ups through score_assessment ----------------------------------------------------


def inputs(responses: list[dict[str, Any]], fw: Any = LEVELS, **assessment: Any) -> Inputs:
    q = Questionnaire.model_validate({
        "schema_version": 1, "id": "dom", "name": "Domain", "framework": "test",
        "capabilities": [{"id": "one", "name": "One", "weight": 1.0},
                         {"id": "two", "name": "Two", "weight": 3.0}],
        "questions": [
            {"id": f"Q{i}", "capability": cap, "text": "?",
             "levels": {n: "x" for n in range(6)}}
            for i, cap in enumerate(["one", "one", "two", "two"], start=1)]})
    a = Assessment(schema_version=1, organisation="Org", date=dt.date(2026, 1, 1),
                   framework="test", questionnaires=["dom"], **assessment)
    rs = [Response.model_validate({"schema_version": 1, "questionnaire": "dom", **r})
          for r in responses]
    return Inputs(a, fw, [q], rs)


ANN = {"respondent": {"name": "Ann"}, "answers": {"Q1": {"value": 1.0}, "Q2": {"value": 5.0},
                                                  "Q3": {"value": 2.0}, "Q4": {"value": "n/a"}}}
BOB = {"respondent": {"name": "Bob"}, "answers": {"Q1": {"value": 2.0}, "Q2": {"value": 1.0},
                                                  "Q3": {"value": 4.0}}}


def test_rollup_weights_and_coverage() -> None:
    result = score_assessment(inputs([ANN, BOB]))
    one, two = result.domains[0].capabilities
    assert one.score == pytest.approx((1.5 + 3) / 2) and one.coverage == 1
    assert two.score == 3 and two.coverage == 1  # Q4 n/a leaves the denominator
    # domain: capability weights 1 and 3
    assert result.domains[0].score == pytest.approx((2.25 * 1 + 3 * 3) / 4)
    assert result.overall.score == result.domains[0].score


def test_assessment_overrides_the_frameworks_aggregation_and_threshold() -> None:
    result = score_assessment(inputs([ANN, BOB], aggregation="min",
                                     disagreement_threshold=4))
    one = result.domains[0].capabilities[0]
    assert one.score == pytest.approx((1 + 1) / 2)
    assert one.disagreement  # Q2: 5 - 1 = 4
    assert not result.domains[0].capabilities[1].disagreement  # Q3: 4 - 2 = 2
    assert result.aggregation == "min"


def test_unanswered_questions_show_in_coverage_at_every_level() -> None:
    only_q1 = {"respondent": {"name": "Ann"}, "answers": {"Q1": {"value": 3.0}}}
    result = score_assessment(inputs([only_q1]))
    one, two = result.domains[0].capabilities
    assert (one.score, one.coverage) == (3, 0.5)
    assert (two.score, two.coverage) == (None, 0)
    assert result.domains[0].coverage == 0.25 and result.overall.coverage == 0.25
    # a capability without a score leaves the domain mean
    assert result.domains[0].score == 3


def test_several_consensus_files_last_one_wins() -> None:
    first = {"consensus": True, "answers": {"Q1": {"value": 1.0}}}
    second = {"consensus": True, "answers": {"Q1": {"value": 4.0}}}
    result = score_assessment(inputs([ANN, first, second]))
    assert result.domains[0].capabilities[0].questions[0].value == 4
