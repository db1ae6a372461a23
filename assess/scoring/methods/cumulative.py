"""``cumulative``: the C2M2 maturity-indicator-level (MIL) rule.

Level L is achieved when every practice tagged with a level <= L has an answer in the
achieving set (C2M2: Fully or Largely Implemented). An unanswered practice is never
achieved; an N/A practice leaves the set. The capability's score is the highest level
achieved, so one Partially Implemented practice at level 1 keeps it at level 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assess.models import Framework

from ..results import LevelDetail
from .base import (
    PARAMS,
    Finding,
    Outcome,
    Scored,
    counted,
    needs_scale,
    practice_levels,
    register,
    unknown_params,
)

TOLERANCE = 1e-9
"""Combined values come from means of scale values; 1.9999999999 still reaches 2."""


def achieving_labels(fw: Framework, params: Mapping[str, Any]) -> list[str]:
    """Labels that achieve a practice: ``params.achieving``, else the scale entries marked
    ``achieves: true``."""
    chosen = params.get("achieving")
    if chosen is not None:
        return [str(label) for label in chosen]
    return [e.label for e in fw.answer_scale or () if e.achieves]


def achieving_threshold(fw: Framework, params: Mapping[str, Any]) -> float:
    """Lowest value that achieves. The check makes the achieving set the top of the scale,
    so a combined value (e.g. the median of PI and FI) achieves when it reaches this."""
    labels = set(achieving_labels(fw, params))
    return min(e.value for e in fw.answer_scale or () if e.label in labels)


def _check(fw: Framework) -> list[Finding]:
    findings = unknown_params(fw, ("achieving",)) + needs_scale(fw)
    if fw.answer_scale is None:
        return findings
    labels = [e.label for e in fw.answer_scale]
    chosen = fw.method.params.get("achieving")
    if chosen is not None:
        if not isinstance(chosen, list) or not chosen or not all(
                isinstance(x, str) for x in chosen):
            return [*findings, ((*PARAMS, "achieving"), "expected a non-empty list of "
                                "answer labels, e.g. [FI, LI]")]
        unknown = [(i, x) for i, x in enumerate(chosen) if x not in labels]
        for i, label in unknown:
            findings.append(((*PARAMS, "achieving", i), f"{label!r} is not a label of "
                             f"the answer scale (known: {', '.join(labels)})"))
        if unknown:
            return findings
    achieving = achieving_labels(fw, fw.method.params)
    if not achieving:
        return [*findings, "no answer achieves a practice: mark answer_scale entries "
                "'achieves: true' or give params.achieving"]
    bar = achieving_threshold(fw, fw.method.params)
    # An achieving set with a hole (FI achieves, LI does not, but LI scores higher than PI
    # which does) would make raising an answer lower the level.
    holes = [e.label for e in fw.answer_scale if e.value >= bar and e.label not in achieving]
    if holes:
        findings.append(f"the achieving answers must be the highest-valued ones, but "
                        f"{', '.join(holes)} (not achieving) "
                        f"score{'s' if len(holes) == 1 else ''} at least as high as an "
                        "achieving answer")
    return findings


@register("cumulative", check=_check, check_questions=practice_levels)
def cumulative(items: Scored, fw: Framework, params: Mapping[str, Any]) -> Outcome:
    """Level L is achieved when every practice tagged L or lower is achieved (C2M2 MIL rule);
    unanswered practices are never achieved; N/A practices leave the set."""
    if not counted(items, fw):
        return Outcome(None)
    bar = achieving_threshold(fw, params)
    applicable = [(q, r) for q, r in items if not r.na]
    # A level above every applicable practice has nothing to show for it: not achieved.
    top = max((q.level for q, _ in applicable if q.level is not None), default=0)
    lowest = fw.levels[0].level
    score, still = lowest, True
    levels = []
    for level in (lv.level for lv in fw.levels[1:]):
        own = [(q, r) for q, r in applicable if q.level == level]
        own_met = sum(1 for _, r in own if r.value is not None and r.value >= bar - TOLERANCE)
        blocking = tuple(q.id for q, r in applicable
                         if q.level is not None and q.level <= level
                         and (r.value is None or r.value < bar - TOLERANCE))
        still = still and not blocking and level <= top
        if still:
            score = level
        levels.append(LevelDetail(level=level, value=own_met / len(own) if own else None,
                                  achieved=still, blocking=blocking))
    return Outcome(float(score), tuple(levels))
