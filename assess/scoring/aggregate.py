"""Combine several respondents' answers to one question.

Rules (docs/scoring.md, "Several respondents"):

- A consensus response wins wherever it answers (its value, or its n/a).
- Otherwise the framework's (or assessment's) aggregation applies to the respondents who
  gave a value: ``median`` (default), ``mean`` or ``min``. For an even count the median
  of a label scale (C2M2 NI/PI/LI/FI, ISO N/P/L/F, SAMM's answer set) is the *lower*
  middle label, because labels are ordinal ([PI, FI] -> PI, never a made-up "LI"); on
  level numbers it is the mean of the two middle values ([2, 3] -> 2.5). ``consensus``
  counts only agreed answers, so a question without a consensus answer stays unanswered
  (and shows in the coverage).
- A respondent's n/a is no opinion on the value: the question is N/A only when everyone
  who answered it said n/a.
- Spread is max - min of the individual (non-consensus) values. A spread at or above the
  threshold with two or more values is a disagreement. The flag stays when a consensus
  answer has settled the question (``consensus`` is then true): the workshop's record
  shows that people disagreed and that it was settled.
- Confidence: the consensus answer's when it wins, else the median of the confidences
  given with values (the lower one of the middle two), None when nobody gave one.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from assess.models import Answer, Framework, Question

from .results import QuestionResult, RespondentAnswer

CONFIDENCE_ORDER = ("low", "medium", "high")
AGGREGATIONS = ("median", "mean", "min", "consensus")
TOLERANCE = 1e-9


def numeric(value: float | str, fw: Framework) -> float | None:
    """Numeric value of an answer (a level or a scale label); None for n/a."""
    if value == "n/a":
        return None
    if isinstance(value, str):
        assert fw.answer_scale is not None
        return next(e.value for e in fw.answer_scale if e.label == value)
    return float(value)


def combine(values: Sequence[float], how: str, ordinal: bool = False) -> float:
    """One value from several respondents' values: median, mean or min. ``ordinal`` (a
    label scale): the median of an even count is the lower middle value."""
    if how == "mean":
        return statistics.fmean(values)
    if how == "min":
        return min(values)
    if ordinal:
        return float(statistics.median_low(values))
    return float(statistics.median(values))


def middle_confidence(levels: Sequence[str | None]) -> str | None:
    """The median confidence given (rounded down), or None when nobody gave one."""
    ranks = sorted(CONFIDENCE_ORDER.index(c) for c in levels if c)
    if not ranks:
        return None
    return CONFIDENCE_ORDER[ranks[(len(ranks) - 1) // 2]]


def aggregate_question(
    question: Question,
    answers: Sequence[tuple[str, Answer, bool]],
    fw: Framework,
    how: str,
    threshold: float,
) -> QuestionResult:
    """Combine ``answers`` given as (respondent, answer, is_consensus) triples."""
    fw = fw.for_question(question)
    individual = [
        RespondentAnswer(who, a.value, numeric(a.value, fw), a.confidence, a.notes,
                         tuple(a.evidence), is_consensus)
        for who, a, is_consensus in answers
    ]
    agreed = [r for r, (_, _, is_consensus) in zip(individual, answers, strict=True)
              if is_consensus]
    people = [r for r, (_, _, is_consensus) in zip(individual, answers, strict=True)
              if not is_consensus]
    values = [r.numeric for r in people if r.numeric is not None]
    spread = max(values) - min(values) if values else 0.0

    if agreed:
        chosen = agreed[-1]  # several consensus files: the last by file name wins
        value, na = chosen.numeric, chosen.numeric is None
        confidence = chosen.confidence
    elif how == "consensus":
        value, na, confidence = None, False, None
    else:
        value = combine(values, how, ordinal=fw.answer_scale is not None) if values else None
        na = not values and bool(people)
        confidence = middle_confidence([r.confidence for r in people if r.numeric is not None])
    return QuestionResult(
        id=question.id,
        capability=question.capability,
        text=question.text,
        value=value,
        na=na,
        spread=spread,
        disagreement=len(values) > 1 and spread >= threshold - TOLERANCE,
        confidence=confidence,
        consensus=bool(agreed),
        answers=tuple(individual),
        scale=tuple((e.label, e.value) for e in fw.answer_scale or ()),
    )
