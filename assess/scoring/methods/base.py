"""The scoring-method registry and what every method shares.

A method turns one capability's combined answers into a score. It is one function,
registered under the name frameworks use in YAML::

    method: {name: cumulative, params: {achieving: [FI, LI]}}

The function returns the score (a float, or None when nothing counts), or an
:class:`Outcome` that also explains each level. Optional hooks check the framework's
parameters and the questionnaire's questions, so mistakes surface in ``assess validate``
with file, line and field rather than as wrong numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assess.models import Framework, Question, Questionnaire

from ..results import LevelDetail, QuestionResult

Scored = Sequence[tuple[Question, QuestionResult]]
Loc = tuple[Any, ...]
Finding = str | tuple[Loc, str]
"""A problem message, optionally with its place in the framework file (e.g.
``("method", "params", "achieving", 1)``); a bare message is placed at ``method``."""
PARAMS: Loc = ("method", "params")


@dataclass(frozen=True)
class Outcome:
    """A capability score and, for methods that work level by level, how each level went."""

    score: float | None
    levels: tuple[LevelDetail, ...] = ()


ScoreFn = Callable[[Scored, Framework, Mapping[str, Any]], float | Outcome | None]
CheckFn = Callable[[Framework], list[Finding]]
QuestionCheckFn = Callable[[Questionnaire, Framework], list[tuple[Loc, str]]]
ScaleFn = Callable[[Framework], tuple[float, float]]


@dataclass(frozen=True)
class ScoringMethod:
    """A registered method: the scoring function and its hooks."""

    name: str
    run: ScoreFn
    check: CheckFn
    """Problems with the framework (answer scale, ``method.params``) for this method."""
    scale: ScaleFn
    """Lowest and highest capability score the method can give."""
    description: str
    check_questions: QuestionCheckFn
    """Problems with a questionnaire's questions (e.g. a practice without its level)."""

    def evaluate(self, items: Scored, fw: Framework, params: Mapping[str, Any]) -> Outcome:
        """Score one capability's (question, combined result) pairs, with the detail."""
        out = self.run(items, fw, params)
        return out if isinstance(out, Outcome) else Outcome(out)

    def score(self, items: Scored, fw: Framework, params: Mapping[str, Any]) -> float | None:
        """Score one capability's (question, combined result) pairs."""
        return self.evaluate(items, fw, params).score


METHODS: dict[str, ScoringMethod] = {}


def no_findings(fw: Framework) -> list[Finding]:
    return []


def no_question_findings(q: Questionnaire, fw: Framework) -> list[tuple[Loc, str]]:
    return []


def level_scale(fw: Framework) -> tuple[float, float]:
    """The framework's lowest and highest level."""
    return float(fw.levels[0].level), float(fw.levels[-1].level)


def register(
    name: str,
    *,
    check: CheckFn = no_findings,
    scale: ScaleFn = level_scale,
    check_questions: QuestionCheckFn = no_question_findings,
) -> Callable[[ScoreFn], ScoreFn]:
    """Register a scoring method under ``name`` (the name frameworks use in YAML)."""

    def decorate(fn: ScoreFn) -> ScoreFn:
        METHODS[name] = ScoringMethod(name, fn, check, scale, (fn.__doc__ or "").strip(),
                                      check_questions)
        return fn

    return decorate


def floor_value(fw: Framework) -> float:
    """What an unanswered question counts as when the framework says 'zero': the lowest
    value of the answer scale, or the lowest level for level-anchored answers."""
    if fw.answer_scale:
        return min(e.value for e in fw.answer_scale)
    return float(fw.levels[0].level)


def counted(items: Scored, fw: Framework) -> list[tuple[Question, float]]:
    """(question, value) pairs that count: answered ones, plus unanswered ones at the
    floor value when the framework says unanswered counts as 0. N/A never counts."""
    out = []
    for question, result in items:
        if result.na:
            continue
        if result.value is not None:
            out.append((question, result.value))
        elif fw.unanswered == "zero":
            out.append((question, floor_value(fw.for_question(question))))
    return out


def weighted(pairs: Iterable[tuple[Question, float]]) -> float | None:
    """Weighted mean of (question, value) pairs by question weight; None when empty."""
    pairs = list(pairs)
    total = sum(q.weight for q, _ in pairs)
    if not pairs or total <= 0:
        return None
    return sum(q.weight * v for q, v in pairs) / total


def unknown_params(fw: Framework, known: Iterable[str]) -> list[Finding]:
    """Findings for parameters the method does not read (a typo would otherwise be ignored)."""
    known = sorted(known)
    shown = ", ".join(known) if known else "none"
    return [((*PARAMS, key), f"unknown parameter {key!r} for method {fw.method.name!r} "
             f"(known: {shown})") for key in sorted(fw.method.params) if key not in known]


def needs_scale(fw: Framework) -> list[Finding]:
    """A finding when the framework has no answer scale (practice methods need one)."""
    if fw.answer_scale is None and not fw.answer_sets:
        return [f"method {fw.method.name!r} needs an 'answer_scale' (labels and values)"]
    return []


def practice_levels(q: Questionnaire, fw: Framework) -> list[tuple[Loc, str]]:
    """Every question must be a practice tagged with a level above the lowest."""
    lowest = fw.levels[0].level
    findings: list[tuple[Loc, str]] = []
    for i, question in enumerate(q.questions):
        if question.level is None:
            findings.append((("questions", i), f"method {fw.method.name!r} scores practices: "
                             f"the question needs 'level' (a level above {lowest})"))
        elif question.level <= lowest:
            findings.append((("questions", i, "level"), f"a practice cannot belong to the "
                             f"lowest level {lowest}; use {lowest + 1} or higher"))
    return findings
