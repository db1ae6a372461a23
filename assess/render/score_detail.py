"""Plain-language lines explaining how a method reached each capability's level.

weighted_mean needs no explanation (the score is the mean). The level-by-level methods
say which level was achieved and what blocks the next one (cumulative,
rated_attributes), or how the level means add up (sum_of_level_means).
"""

from __future__ import annotations

from collections.abc import Sequence

from assess.numbers import show_plain
from assess.scoring.results import CapabilityResult, LevelDetail, QuestionResult, ScoreResult


def show_value(value: float | None, scale: Sequence[tuple[str, float]] = ()) -> str:
    """A combined value as people read it: the scale label when it is one, else the number."""
    if value is None:
        return "–"
    for label, v in scale:
        if abs(v - value) < 1e-9:
            return label
    return show_plain(value)


def show_answer(value: float | str) -> str:
    """An answer as written ('FI', 'n/a', 3)."""
    return f"{value:g}" if isinstance(value, float | int) else str(value)


def _question_state(q: QuestionResult, scale: Sequence[tuple[str, float]]) -> str:
    if q.na:
        return "n/a"
    return "unanswered" if q.value is None else show_value(q.value, scale)


def _level_name(result: ScoreResult, level: int) -> str:
    name = result.level_names.get(level)
    return f"level {level} ({name})" if name else f"level {level}"


def explain(c: CapabilityResult, result: ScoreResult) -> str | None:
    """One line on how ``c``'s level was reached; None when the method gives no detail."""
    if not c.levels or c.score is None:
        return None
    if c.levels[0].achieved is None:
        return _explain_sum(c.levels)
    if any(lv.parts for lv in c.levels):
        return _explain_attributes(c, result)
    return _explain_practices(c, result)


def _next_blocked(c: CapabilityResult) -> LevelDetail | None:
    return next((lv for lv in c.levels if not lv.achieved), None)


def _reached(c: CapabilityResult, result: ScoreResult) -> str:
    achieved = [lv.level for lv in c.levels if lv.achieved]
    if achieved:
        return f"{_level_name(result, achieved[-1])} achieved"
    return f"stays at {_level_name(result, min(result.level_names, default=0))}"


def _explain_practices(c: CapabilityResult, result: ScoreResult) -> str:
    by_id = {q.id: q for q in c.questions}
    text = _reached(c, result)
    blocked = _next_blocked(c)
    if blocked is None:
        return text + "; every level achieved"
    if not blocked.blocking:
        return text + f"; {_level_name(result, blocked.level)} has no applicable practices"
    reasons = ", ".join(f"{qid} {_question_state(by_id[qid], by_id[qid].scale)}"
                        for qid in blocked.blocking)
    return text + f"; {_level_name(result, blocked.level)} blocked by {reasons}"


def _explain_attributes(c: CapabilityResult, result: ScoreResult) -> str:
    ratings = ", ".join(
        f"{p.id} {p.rating} ({show_value(p.value)} %)" if p.rating else f"{p.id} not rated"
        for lv in c.levels for p in lv.parts if p.questions)  # skip attributes never asked
    text = f"{ratings}: {_reached(c, result)}"
    blocked = _next_blocked(c)
    if blocked is None:
        return text
    return text + f"; {_level_name(result, blocked.level)} blocked by {', '.join(blocked.blocking)}"


def _explain_sum(levels: Sequence[LevelDetail]) -> str:
    terms = []
    for lv in levels:
        streams = ", ".join(f"{p.id} {'unanswered, 0' if p.value is None else show_value(p.value)}"
                            for p in lv.parts)
        terms.append(f"L{lv.level} {show_value(lv.value or 0.0)}"
                     + (f" ({streams})" if streams else ""))
    total = sum(lv.value or 0.0 for lv in levels)
    return " + ".join(terms) + f" = {show_value(total)}"


def level_dict(lv: LevelDetail) -> dict[str, object]:
    """JSON form of one level's detail."""
    return {
        "level": lv.level,
        "value": lv.value,
        "achieved": lv.achieved,
        "blocking": list(lv.blocking),
        "parts": [{"id": p.id, "value": p.value,
                   "rating": p.rating, "questions": list(p.questions)} for p in lv.parts],
    }
