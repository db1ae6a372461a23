"""Scoring methods: each turns one capability's combined answers into a score.

A method is one registered function. Frameworks name it in YAML::

    method: {name: weighted_mean, params: {}}

Adding a method means writing a function and decorating it with :func:`register`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assess.models import Framework, Question

from .results import QuestionResult

Scored = Sequence[tuple[Question, QuestionResult]]
ScoreFn = Callable[[Scored, Framework, Mapping[str, Any]], float | None]


@dataclass(frozen=True)
class ScoringMethod:
    name: str
    score: ScoreFn
    check: Callable[[Framework], list[str]]
    """Problems with the framework's parameters for this method."""
    scale: Callable[[Framework], tuple[float, float]]
    """Lowest and highest capability score the method can give."""
    description: str


METHODS: dict[str, ScoringMethod] = {}


def _no_problems(fw: Framework) -> list[str]:
    return []


def level_scale(fw: Framework) -> tuple[float, float]:
    return float(fw.levels[0].level), float(fw.levels[-1].level)


def register(
    name: str,
    *,
    check: Callable[[Framework], list[str]] = _no_problems,
    scale: Callable[[Framework], tuple[float, float]] = level_scale,
) -> Callable[[ScoreFn], ScoreFn]:
    """Register a scoring method under ``name``."""

    def decorate(fn: ScoreFn) -> ScoreFn:
        METHODS[name] = ScoringMethod(name, fn, check, scale, (fn.__doc__ or "").strip())
        return fn

    return decorate


def counted(items: Scored, fw: Framework) -> list[tuple[Question, float]]:
    """(question, value) pairs that count: answered ones, plus unanswered as 0 when the
    framework says unanswered counts as 0. N/A never counts."""
    floor = float(fw.levels[0].level)
    out = []
    for question, result in items:
        if result.na:
            continue
        if result.value is not None:
            out.append((question, result.value))
        elif fw.unanswered == "zero":
            out.append((question, floor))
    return out


@register("weighted_mean")
def weighted_mean(items: Scored, fw: Framework, params: Mapping[str, Any]) -> float | None:
    """Capability score = weighted mean of its questions' combined values."""
    pairs = counted(items, fw)
    total = sum(q.weight for q, _ in pairs)
    if not pairs or total <= 0:
        return None
    return sum(q.weight * v for q, v in pairs) / total
