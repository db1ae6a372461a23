"""``sum_of_level_means``: OWASP SAMM v2 practice scores.

Answers carry the answer set's values (SAMM: 0, 0.25, 0.5, 1). For each maturity level
the capability's streams (SAMM: A and B) are averaged; the capability score is the sum of
those level means, 0-3 for three levels. No level gates another. A stream asked at a level
but left unanswered counts as 0 in that level's mean, as the SAMM toolbox counts it (the
coverage still reports the unanswered questions); a stream whose questions are all n/a
is left out. A capability with no answer at all has no score.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from typing import Any

from assess.models import Framework, Questionnaire, ScaleEntry

from ..results import LevelDetail, PartDetail
from .base import (
    PARAMS,
    Finding,
    Loc,
    Outcome,
    Scored,
    counted,
    needs_scale,
    practice_levels,
    register,
    unknown_params,
    weighted,
)

DEFAULT_STREAMS = ("A", "B")


def streams_of(params: Mapping[str, Any]) -> list[str]:
    return [str(s) for s in params.get("streams") or DEFAULT_STREAMS]


def _check(fw: Framework) -> list[Finding]:
    findings = unknown_params(fw, ("streams",)) + needs_scale(fw)
    scales: list[tuple[tuple[str, ...], list[ScaleEntry]]] = [
        (("answer_scale",), fw.answer_scale or []),
        *((("answer_sets", name), entries) for name, entries in fw.answer_sets.items())]
    for at, entries in scales:
        for i, entry in enumerate(entries):
            if not 0 <= entry.value <= 1:
                findings.append(((*at, i, "value"), f"{entry.value:g} is outside 0-1 "
                                 "(each level adds at most 1 to the score)"))
    if fw.levels[0].level != 0:
        findings.append((("levels", 0, "level"), "the levels must start at 0: the score is a "
                         "sum of level means"))
    streams = fw.method.params.get("streams")
    if streams is not None and (not isinstance(streams, list) or not streams
                                or not all(isinstance(s, str) for s in streams)
                                or len(set(streams)) != len(streams)):
        findings.append(((*PARAMS, "streams"), "expected a list of distinct stream names, "
                         "e.g. [A, B]"))
    return findings


def _check_questions(q: Questionnaire, fw: Framework) -> list[tuple[Loc, str]]:
    findings = practice_levels(q, fw)
    streams = streams_of(fw.method.params)
    for i, question in enumerate(q.questions):
        if question.stream is None:
            findings.append((("questions", i), "method 'sum_of_level_means' needs the "
                             f"question's 'stream' (one of {', '.join(streams)})"))
        elif question.stream not in streams:
            findings.append((("questions", i, "stream"), f"unknown stream "
                             f"{question.stream!r} (known: {', '.join(streams)})"))
    return findings


@register("sum_of_level_means", check=_check, check_questions=_check_questions)
def sum_of_level_means(items: Scored, fw: Framework, params: Mapping[str, Any]) -> Outcome:
    """Per level the mean of the streams' values; capability score = sum over levels
    (OWASP SAMM)."""
    pairs = counted(items, fw)
    if not pairs:
        return Outcome(None)
    total = 0.0
    levels = []
    for level in (lv.level for lv in fw.levels[1:]):
        parts = []
        for stream in streams_of(params):
            here = [(q, r) for q, r in items if q.level == level and q.stream == stream]
            if here and not all(r.na for _, r in here):
                value = weighted((q, v) for q, v in pairs
                                 if q.level == level and q.stream == stream)
                parts.append(PartDetail(id=stream, value=value,
                                        questions=tuple(q.id for q, _ in here)))
        values = [0.0 if p.value is None else p.value for p in parts]
        mean = statistics.fmean(values) if values else None
        total += mean or 0.0
        levels.append(LevelDetail(level=level, value=mean, achieved=None, parts=tuple(parts)))
    return Outcome(total, tuple(levels))
