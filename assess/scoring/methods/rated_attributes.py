"""``rated_attributes``: ISO/IEC 33020 process-attribute ratings.

Each question is an indicator of one process attribute (e.g. PA2.1) and is answered on a
percentage scale. An attribute's achievement is the weighted mean of its indicators, rated
N (0-15 %), P (>15-50 %), L (>50-85 %) or F (>85-100 %): each band's upper bound belongs
to it, so 15 % is N and 50 % is P. Capability level n is achieved when every attribute of
level n is rated L or F and every attribute of a lower level is rated F.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assess.models import Framework, Questionnaire

from ..results import LevelDetail, PartDetail
from .base import (
    PARAMS,
    Finding,
    Loc,
    Outcome,
    Scored,
    counted,
    needs_scale,
    register,
    unknown_params,
    weighted,
)

RATINGS = ("N", "P", "L", "F")
DEFAULT_BANDS: dict[str, float] = {"N": 15.0, "P": 50.0, "L": 85.0, "F": 100.0}
TOLERANCE = 1e-9
"""A mean that float arithmetic puts at 50.000000001 is still 50 %, so still P."""


def bands_of(params: Mapping[str, Any]) -> list[tuple[str, float]]:
    """(rating, upper bound) pairs, lowest band first."""
    bands = params.get("bands") or DEFAULT_BANDS
    return [(r, float(bands[r])) for r in RATINGS]


def rate(percent: float, bands: list[tuple[str, float]] | None = None) -> str:
    """N, P, L or F for an achievement percentage; a band's upper bound belongs to it."""
    for rating, upper in bands or bands_of({}):
        if percent <= upper + TOLERANCE:
            return rating
    return RATINGS[-1]


def attributes_of(params: Mapping[str, Any]) -> dict[str, int]:
    """Attribute id -> the level it belongs to, in level then id order."""
    attrs: Mapping[str, int] = params.get("attributes") or {}
    return dict(sorted(attrs.items(), key=lambda kv: (kv[1], kv[0])))


def _check(fw: Framework) -> list[Finding]:
    findings = unknown_params(fw, ("attributes", "bands")) + needs_scale(fw)
    for i, entry in enumerate(fw.answer_scale or ()):
        if not 0 <= entry.value <= 100:
            findings.append((("answer_scale", i, "value"), f"{entry.value:g} is not a "
                             "percentage (0-100)"))
    params = fw.method.params
    levels = {lv.level for lv in fw.levels}
    lowest = fw.levels[0].level
    attrs = params.get("attributes")
    if not isinstance(attrs, dict) or not attrs:
        findings.append((PARAMS, "give 'attributes': a mapping of process attribute to its "
                         "level, e.g. {PA1.1: 1, PA2.1: 2, PA2.2: 2}"))
    else:
        for name, level in attrs.items():
            if isinstance(level, bool) or not isinstance(level, int) or level not in levels \
                    or level == lowest:
                findings.append(((*PARAMS, "attributes", name), f"attribute {name!r}: "
                                 f"level {level!r} is not a level of the framework above "
                                 f"{lowest}"))
        missing = sorted(levels - {lowest} - set(attrs.values()))
        if missing:
            findings.append(((*PARAMS, "attributes"), f"levels {missing} have no process "
                             "attribute, so they could never be achieved"))
    bands = params.get("bands")
    if bands is not None:
        ok = (isinstance(bands, dict) and list(bands) == list(RATINGS)
              and all(isinstance(v, int | float) and not isinstance(v, bool)
                      for v in bands.values()))
        bounds = [float(bands[r]) for r in RATINGS] if ok else []
        if not ok or bounds != sorted(set(bounds)) or bounds[0] <= 0 or bounds[-1] != 100:
            findings.append(((*PARAMS, "bands"), "expected upper bounds {N: .., P: .., L: .., "
                             "F: 100} rising from above 0, e.g. {N: 15, P: 50, L: 85, F: 100}"))
    return findings


def _check_questions(q: Questionnaire, fw: Framework) -> list[tuple[Loc, str]]:
    attrs = attributes_of(fw.method.params)
    findings: list[tuple[Loc, str]] = []
    for i, question in enumerate(q.questions):
        if question.attribute is None:
            findings.append((("questions", i), "method 'rated_attributes' scores process "
                             f"attributes: the question needs 'attribute' (one of "
                             f"{', '.join(attrs)})"))
        elif question.attribute not in attrs:
            findings.append((("questions", i, "attribute"), f"unknown process attribute "
                             f"{question.attribute!r} (known: {', '.join(attrs)})"))
        elif question.level is not None and question.level != attrs[question.attribute]:
            findings.append((("questions", i, "level"), f"level {question.level} contradicts "
                             f"attribute {question.attribute} (level "
                             f"{attrs[question.attribute]})"))
    return findings


@register("rated_attributes", check=_check, check_questions=_check_questions)
def rated_attributes(items: Scored, fw: Framework, params: Mapping[str, Any]) -> Outcome:
    """Attributes rated N/P/L/F from the mean of their indicators; level n is achieved when
    level-n attributes are L or F and every lower attribute is F (ISO/IEC 33020)."""
    pairs = counted(items, fw)
    if not pairs:
        return Outcome(None)
    bands = bands_of(params)
    attrs = attributes_of(params)
    rated: dict[str, PartDetail] = {}
    for attr in attrs:
        percent = weighted((q, v) for q, v in pairs if q.attribute == attr)
        rated[attr] = PartDetail(
            id=attr, value=percent, rating=None if percent is None else rate(percent, bands),
            questions=tuple(q.id for q, _ in items if q.attribute == attr))
    score, still = fw.levels[0].level, True
    levels = []
    for level in (lv.level for lv in fw.levels[1:]):
        blocking = tuple(a for a, at in attrs.items()
                         if (at == level and rated[a].rating not in ("L", "F"))
                         or (at < level and rated[a].rating != "F"))
        still = still and not blocking
        if still:
            score = level
        levels.append(LevelDetail(level=level, value=None, achieved=still, blocking=blocking,
                                  parts=tuple(rated[a] for a, at in attrs.items()
                                              if at == level)))
    return Outcome(float(score), tuple(levels))
