"""The Governance section's data: who owns the plan, which board oversees it, how it
reports, and the measures to watch (plain data; assessment.yaml ``governance``).

Where the assessment says nothing, the section says what a sound programme needs and
the executive summary asks the board to decide it (:func:`governance_decisions`). The
default measures (KPIs) are the capabilities of the most urgent gaps, each measured by
the level-4 ("managed") descriptor of its weakest question: what the client should be
able to show when the capability is well run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assess.models import Governance, Questionnaire
from assess.numbers import level_of, show_target
from assess.scoring.results import ScoreResult

Row = dict[str, Any]
KPI_LEVEL = 4
DEFAULT_BOARD = ("a programme board chaired by the senior responsible owner, with the step "
                 "owners listed below")
DEFAULT_REPORTING = ("monthly to the programme board (steps started, finished and late; "
                     "spend against the ranges); quarterly to the leadership team; the "
                     "maturity re-assessed after twelve months against this baseline")


def _descriptor(questionnaires: Sequence[Questionnaire], question: str, level: int) -> str:
    for q in questionnaires:
        for item in q.questions:
            if item.id == question and item.levels:
                return " ".join(item.levels.get(level, "").split())
    return ""


def _weakest(result: ScoreResult, capability: str) -> str | None:
    cap = next((c for c in result.capabilities() if c.id == capability), None)
    if cap is None:
        return None
    answered = [q for q in cap.questions if q.value is not None] or list(cap.questions)
    weakest = min(answered, key=lambda q: (q.value if q.value is not None else -1.0, q.id),
                  default=None)
    return None if weakest is None else weakest.id


def _kpi_row(result: ScoreResult, capability: str | None, measure: str, target: str
             ) -> Row:
    cap = next((c for c in result.capabilities() if c.id == capability), None)
    return {"capability": "" if cap is None else cap.name, "measure": measure,
            "score": None if cap is None else cap.score,
            "level": None if cap is None or cap.score is None else level_of(cap.score),
            "target": target or ("" if cap is None else show_target(cap.target))}


def governance_section(governance: Governance, result: ScoreResult,
                       questionnaires: Sequence[Questionnaire],
                       top_gaps: Sequence[Mapping[str, Any]]) -> Row:
    """``governance`` of the report context."""
    if governance.kpis:
        kpis = [_kpi_row(result, k.capability, " ".join(k.measure.split()), k.target)
                for k in governance.kpis]
        source = "agreed"
    else:
        kpis = []
        for gap in top_gaps:
            question = _weakest(result, gap["id"])
            measure = _descriptor(questionnaires, question, KPI_LEVEL) if question else ""
            if measure:
                kpis.append(_kpi_row(result, gap["id"], measure, ""))
        source = "default"
    return {
        "senior_responsible_owner": governance.senior_responsible_owner,
        "programme_board": governance.programme_board or DEFAULT_BOARD,
        "board_given": bool(governance.programme_board),
        "reporting": governance.reporting or DEFAULT_REPORTING,
        "reporting_given": bool(governance.reporting),
        "kpis": kpis, "kpi_source": source,
    }


def governance_decisions(section: Mapping[str, Any]) -> list[str]:
    """What the board is asked to settle about governance (nothing when it is set)."""
    sro, board = section["senior_responsible_owner"], section["board_given"]
    if not sro and not board:
        return ["Name a senior responsible owner and set up the programme board."]
    if not sro:
        return ["Name a senior responsible owner for the plan."]
    if not board:
        return ["Set up the programme board and agree its reporting."]
    return []
