"""The per-domain part of the report context: capability tables, strengths, gaps, quotes,
disagreements, and every answer for the annex.

Plain data only (dicts, lists, str, numbers, None): the templates, the workbook and the
charts all read the same values. Selection rules (which notes become quotes, what counts
as a strength) are documented in docs/report.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assess.models import Questionnaire
from assess.numbers import level_of, show_score, show_target
from assess.render.attribution import Attribution
from assess.render.score_detail import show_answer, show_value
from assess.scoring.results import (
    CapabilityResult,
    DomainResult,
    QuestionResult,
    RespondentAnswer,
    ScoreResult,
)

QUOTES_PER_DOMAIN = 3
QUOTES_PER_RESPONDENT = 2
QUOTE_MIN_CHARS = 40
"""Shorter notes ("see policy") say too little to quote."""
STRENGTHS_PER_DOMAIN = 3
STRONG_LEVEL = 3
"""A practice at this level or above (or at the domain's target, if lower) is a strength."""

Row = dict[str, Any]


def level_label(result: ScoreResult, level: int | None) -> str:
    """'2 Developing', or '–' without a level."""
    if level is None:
        return "–"
    name = result.level_names.get(level, "")
    return f"{level} {name}".strip()


def capability_row(result: ScoreResult, cap: CapabilityResult,
                   next_steps: Mapping[str, Row]) -> Row:
    """One capability as every table and chart shows it."""
    status = "unscored" if cap.score is None else "gap" if cap.gap else "met"
    return {
        "id": cap.id, "name": cap.name, "domain": cap.domain, "weight": cap.weight,
        "score": cap.score, "level": cap.level, "level_label": level_label(result, cap.level),
        "target": cap.target, "gap": cap.gap, "coverage": cap.coverage, "spread": cap.spread,
        "disagreement": cap.disagreement, "confidence": cap.confidence, "status": status,
        "next_step": next_steps.get(cap.id),
    }


def _descriptor(q: Questionnaire | None, qid: str, value: float | None) -> str:
    if q is None or value is None:
        return ""
    question = next((x for x in q.questions if x.id == qid), None)
    if question is None or not question.levels:
        return ""
    return " ".join(question.levels.get(level_of(value), "").split())


def _strengths(result: ScoreResult, d: DomainResult, q: Questionnaire | None) -> list[Row]:
    out: list[Row] = [
        {"kind": "capability", "capability": c.name, "score": c.score, "target": c.target,
         "question": "", "text": f"meets its target of {show_target(c.target)}"}
        for c in d.capabilities if c.score is not None and not c.gap]
    bar = min(STRONG_LEVEL, d.target)
    practices = sorted(
        ((qr, c) for c in d.capabilities for qr in c.questions
         if qr.value is not None and qr.value >= bar),
        key=lambda pair: (-(pair[0].value or 0), pair[0].id))
    # One practice per capability first, so the strengths show the breadth of the domain.
    met = {c.id for c in d.capabilities if c.score is not None and not c.gap}
    practices = [(qr, c) for qr, c in practices if c.id not in met]  # named above already
    first: dict[str, tuple[QuestionResult, CapabilityResult]] = {}
    for qr, c in practices:
        first.setdefault(c.id, (qr, c))
    rest = [pair for pair in practices if pair not in first.values()]
    for qr, c in [*first.values(), *rest]:
        if len(out) >= STRENGTHS_PER_DOMAIN:
            break
        out.append({"kind": "practice", "capability": c.name, "score": qr.value,
                    "target": c.target, "question": qr.id,
                    "text": _descriptor(q, qr.id, qr.value) or qr.text})
    if not out:
        # Nothing at the bar: name the capability closest to its target, so every domain
        # says where to build from.
        scored = [c for c in d.capabilities if c.score is not None]
        if scored:
            best = min(scored, key=lambda c: (c.gap or 0.0, -(c.score or 0.0), c.id))
            out.append({"kind": "relative", "capability": best.name, "score": best.score,
                        "target": best.target, "question": "",
                        "text": f"closest to target in this domain "
                                f"({show_score(best.score)} of {show_target(best.target)})"})
    return out[:STRENGTHS_PER_DOMAIN]


def _gaps(result: ScoreResult, d: DomainResult, next_steps: Mapping[str, Row],
          q: Questionnaire | None) -> list[Row]:
    below = sorted((c for c in d.capabilities if c.gap), key=lambda c: (-(c.gap or 0), c.id))
    out = []
    for c in below:
        # What good looks like: the weakest question's descriptor at the target level.
        weakest = min((x for x in c.questions if x.value is not None),
                      key=lambda x: (x.value or 0.0, x.id), default=None)
        out.append({
            "capability": c.id, "name": c.name, "score": c.score, "target": c.target,
            "gap": c.gap, "level_label": level_label(result, c.level),
            "weakest": None if weakest is None else {
                "id": weakest.id, "text": weakest.text, "value": weakest.value,
                "target_looks_like": _descriptor(q, weakest.id, c.target)},
            "next_step": next_steps.get(c.id),
        })
    return out


def _quotes(d: DomainResult, who_: Attribution) -> list[Row]:
    candidates = []
    for c in d.capabilities:
        for qr in c.questions:
            for a in qr.answers:
                text = " ".join(a.notes.split())
                if len(text) < QUOTE_MIN_CHARS:
                    continue
                # Notes on the weakest, most disputed questions tell the client most.
                weight = (c.gap or 0.0) + (1.0 if qr.disagreement else 0.0) \
                    + min(len(text), 300) / 300
                candidates.append((-weight, qr.id, a.respondent, text, c))
    chosen: list[Row] = []
    used_questions: set[str] = set()
    per_person: dict[str, int] = {}
    for _, qid, who, text, c in sorted(candidates, key=lambda x: x[:3]):
        if qid in used_questions or per_person.get(who, 0) >= QUOTES_PER_RESPONDENT:
            continue
        used_questions.add(qid)
        per_person[who] = per_person.get(who, 0) + 1
        chosen.append({"text": who_.scrub(text), "respondent": who_.label(who),
                       "role": who_.role(who),
                       "question": qid, "capability": c.name, "order": _order(d, qid)})
        if len(chosen) == QUOTES_PER_DOMAIN:
            break
    chosen.sort(key=lambda r: r["order"])
    return chosen


def _order(d: DomainResult, qid: str) -> int:
    ids = [q.id for c in d.capabilities for q in c.questions]
    return ids.index(qid)


def answer_row(a: RespondentAnswer, who: Attribution) -> Row:
    """One respondent's answer: ``value`` as shown, ``raw`` as written (number or label);
    the respondent as ``who`` attributes them, names in the text replaced likewise."""
    return {"respondent": who.label(a.respondent), "role": who.role(a.respondent),
            "value": show_answer(a.value), "raw": a.value, "numeric": a.numeric,
            "confidence": a.confidence, "evidence": [who.scrub(e) for e in a.evidence],
            "notes": who.scrub(a.notes)}


def question_row(result: ScoreResult, c: CapabilityResult, qr: QuestionResult,
                 who: Attribution) -> Row:
    state = "n/a" if qr.na else "unanswered" if qr.value is None else ""
    return {
        "id": qr.id, "text": qr.text, "capability": c.id, "capability_name": c.name,
        "domain": c.domain, "value": qr.value, "shown": state or show_value(qr.value, qr.scale),
        "state": state, "spread": qr.spread, "disagreement": qr.disagreement,
        "confidence": qr.confidence, "consensus": qr.consensus,
        "answers": [answer_row(a, who) for a in qr.answers],
    }


def _disagreements(result: ScoreResult, d: DomainResult, who: Attribution) -> list[Row]:
    flagged = [(qr, c) for c in d.capabilities for qr in c.questions if qr.disagreement]
    flagged.sort(key=lambda pair: (-pair[0].spread, pair[0].id))
    rows = []
    for qr, c in flagged:
        row = question_row(result, c, qr, who)
        scored = sorted((a for a in row["answers"] if a["numeric"] is not None),
                        key=lambda a: a["numeric"])
        # The two ends of the disagreement, as the respondents wrote them.
        row["range"] = (scored[0]["value"], scored[-1]["value"]) if scored else None
        rows.append(row)
    return rows


def domain_sections(result: ScoreResult, questionnaires: Sequence[Questionnaire],
                    next_steps: Mapping[str, Row], who: Attribution) -> list[Row]:
    """One entry per domain: summary figures, tables and findings, and every answer, each
    respondent attributed by ``who``."""
    by_id = {q.id: q for q in questionnaires}
    out = []
    for d in result.domains:
        q = by_id.get(d.id)
        people = sorted({who.label(a.respondent) for c in d.capabilities
                         for qr in c.questions for a in qr.answers})
        caps = [capability_row(result, c, next_steps) for c in d.capabilities]
        out.append({
            "id": d.id, "name": d.name, "description": " ".join((q.description if q else
                                                                 "").split()),
            "score": d.score, "level": d.level, "level_label": level_label(result, d.level),
            "target": d.target, "gap": d.gap, "coverage": d.coverage,
            "assessed": d.score is not None, "respondents": people,
            "capabilities": caps,
            "below_target": sum(1 for c in caps if c["status"] == "gap"),
            "strengths": _strengths(result, d, q),
            "gaps": _gaps(result, d, next_steps, q),
            "quotes": _quotes(d, who),
            "disagreements": _disagreements(result, d, who),
            "questions": [
                {"id": c.id, "name": c.name,
                 "questions": [question_row(result, c, qr, who) for qr in c.questions]}
                for c in d.capabilities],
        })
    return out
