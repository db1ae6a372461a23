"""Score results as JSON (fixed keys, SPEC.md section 8), CSV, Markdown and a text table.

The question-level view (``--questions``) is in :mod:`.score_questions`, each
respondent's view (``--by-respondent``) in :mod:`.score_respondents`.
"""

from __future__ import annotations

from typing import Any

from assess.numbers import show_gap, show_percent, show_score, show_spread, show_target
from assess.scoring.results import (
    CapabilityResult,
    DomainResult,
    Overall,
    QuestionResult,
    ScoreResult,
)

from .coverage import answered_caveat, scope_caveat, scored_scope
from .score_detail import explain, level_dict
from .text import md_escape, md_table, table, to_csv, to_json


def question_dict(q: QuestionResult) -> dict[str, Any]:
    return {
        "id": q.id, "text": q.text, "value": q.value, "answered": q.answered, "na": q.na,
        "spread": q.spread, "disagreement": q.disagreement, "confidence": q.confidence,
        "consensus": q.consensus, "answers": {a.respondent: a.value for a in q.answers},
    }


def capability_dict(c: CapabilityResult) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": c.id, "name": c.name, "score": c.score, "level": c.level,
        "target": c.target, "gap": c.gap, "coverage": c.coverage,
        "spread": c.spread, "disagreement": c.disagreement, "confidence": c.confidence,
        "weight": c.weight,
    }
    if c.levels:  # only methods that work level by level explain themselves
        entry["levels"] = [level_dict(lv) for lv in c.levels]
    return entry


def domain_dict(d: DomainResult, questions: bool = False) -> dict[str, Any]:
    caps = []
    for c in d.capabilities:
        entry = capability_dict(c)
        if questions:
            entry["questions"] = [question_dict(q) for q in c.questions]
        caps.append(entry)
    return {
        "id": d.id, "name": d.name, "score": d.score, "level": d.level,
        "target": d.target, "gap": d.gap, "coverage": d.coverage,
        "weight": d.weight, "capabilities": caps,
    }


def assessment_dict(result: ScoreResult) -> dict[str, Any]:
    """The ``assessment`` block every score JSON starts with."""
    return {"organisation": result.organisation, "date": result.date,
            "framework": result.framework, "method": result.method,
            "aggregation": result.aggregation,
            "scale": {"min": result.scale_min, "max": result.scale_max}}


def score_dict(result: ScoreResult, questions: bool = False) -> dict[str, Any]:
    o = result.overall
    return {
        "assessment": assessment_dict(result),
        "overall": {"score": o.score, "level": o.level, "target": o.target,
                    "gap": o.gap, "coverage": o.coverage},
        "domains": [domain_dict(d, questions) for d in result.domains],
        "respondents": [{"name": n, "role": r} for n, r in result.respondents],
    }


def level_text(result: ScoreResult, level: int | None) -> str:
    """'3 Defined' for a level number; '–' when there is none."""
    if level is None:
        return "–"
    return f"{level} {result.level_names.get(level, '')}".strip()


_level = level_text


def title(result: ScoreResult, what: str = "maturity assessment") -> str:
    return (f"{result.organisation} — {what} {result.date} "
            f"({result.framework}, {result.method}, {result.aggregation} of respondents)")


def _details(result: ScoreResult) -> list[tuple[CapabilityResult, str]]:
    out = []
    for c in result.capabilities():
        line = explain(c, result)
        if line:
            out.append((c, line))
    return out


def _caveats(result: ScoreResult) -> list[str]:
    """What the overall and domain scores leave out: unscored capabilities, unanswered
    questions (docs/scoring.md, "Partial scope")."""
    found = [scope_caveat(scored_scope(result),
                                "The overall score, target and gap are"), answered_caveat(result)]
    return [c for c in found if c]


def _spread(c: CapabilityResult) -> str:
    """A capability with no score has no answers to disagree about: '–', not 0.00."""
    return show_spread(c.spread if c.score is not None else None)


def _figures(result: ScoreResult, x: CapabilityResult | DomainResult | Overall) -> list[str]:
    """Score, level, target, gap and coverage as shown (assess.numbers)."""
    return [show_score(x.score), _level(result, x.level), show_target(x.target),
            show_gap(x.target, x.score), show_percent(x.coverage)]


def render_table(result: ScoreResult) -> str:
    header = ["Domain / capability", "Score", "Level", "Target", "Gap", "Coverage", "Spread",
              "Confidence", ""]
    rows: list[list[str]] = []
    for d in result.domains:
        rows.append([d.name.upper(), *_figures(result, d), "", "", ""])
        for c in d.capabilities:
            rows.append([f"  {c.name}", *_figures(result, c), _spread(c), c.confidence or "–",
                         "! disagreement" if c.disagreement else ""])
    o = result.overall
    rows.append(["OVERALL", *_figures(result, o), "", "", ""])
    text = title(result) + "\n\n" + table(header, rows, "lrlrrrrll")
    caveats = _caveats(result)
    if caveats:
        text += "\n" + "".join(f"{c}\n" for c in caveats)
    details = _details(result)
    if details:
        text += f"\nHow the levels were reached ({result.method}):\n"
        text += "".join(f"  {c.name}: {line}\n" for c, line in details)
    if any(c.disagreement for c in result.capabilities()):
        text += ("\n! disagreement: respondents' answers to at least one question differ by "
                 "the framework's threshold or more; resolve it in the workshop "
                 "(assess score --questions shows who answered what).\n")
    return text


def render_csv(result: ScoreResult) -> str:
    header = ["domain", "capability", "name", "score", "level", "target", "gap", "coverage",
              "spread", "disagreement", "confidence"]
    rows = []
    for d in result.domains:
        rows.append([d.id, "", d.name, d.score, d.level, d.target, d.gap,
                     d.coverage, "", "", ""])
        for c in d.capabilities:
            rows.append([d.id, c.id, c.name, c.score, c.level, c.target, c.gap,
                         c.coverage, c.spread, c.disagreement, c.confidence or ""])
    o = result.overall
    rows.append(["overall", "", "Overall", o.score, o.level, o.target, o.gap,
                 o.coverage, "", "", ""])
    return to_csv(header, rows)


def render_markdown(result: ScoreResult) -> str:
    o = result.overall
    parts = [f"# {md_escape(result.organisation)} — maturity scores\n",
             f"Assessment date {result.date}; framework `{result.framework}` "
             f"(method `{result.method}`, {result.aggregation} of respondents).\n",
             f"**Overall: {show_score(o.score)} ({_level(result, o.level)}) against a target of "
             f"{show_target(o.target)}; coverage {show_percent(o.coverage)}.**\n"]
    caveats = _caveats(result)
    if caveats:  # next to the headline figure, so it is not read as the whole estate's
        parts.append(f"*{md_escape(' '.join(caveats))}*\n")
    header = ["Capability", "Score", "Level", "Target", "Gap", "Coverage", "Spread",
              "Confidence"]
    for d in result.domains:
        parts.append(f"## {md_escape(d.name)}: {show_score(d.score)} "
                     f"({_level(result, d.level)}), target {show_target(d.target)}\n")
        rows = [[md_escape(c.name) + (" ⚠" if c.disagreement else ""), *_figures(result, c),
                 _spread(c), c.confidence or "–"] for c in d.capabilities]
        parts.append(md_table(header, rows, "lrlrrrrl"))
    details = _details(result)
    if details:
        parts.append(f"## How the levels were reached (`{result.method}`)\n")
        parts.append("".join(f"- **{md_escape(c.name)}**: {md_escape(line)}\n"
                             for c, line in details))
    if any(c.disagreement for c in result.capabilities()):
        parts.append("⚠ respondents' answers to at least one question of this capability differ "
                     "by the framework's threshold or more; resolve it in the workshop.\n")
    return "\n".join(parts)


def render_scores(result: ScoreResult, fmt_name: str, questions: bool = False) -> str:
    """Render scores; with ``questions``, the question-level view instead of the summary
    (JSON nests the questions under each capability)."""
    if fmt_name == "json":
        return to_json(score_dict(result, questions))
    if questions:
        from .score_questions import render_questions

        return render_questions(result, fmt_name)
    if fmt_name == "csv":
        return render_csv(result)
    if fmt_name == "markdown":
        return render_markdown(result)
    return render_table(result)
