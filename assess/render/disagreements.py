"""The workshop view (``assess score --disagreements``): questions to discuss, most spread
first, with each respondent's answer, confidence and notes.

A question is listed when scoring flagged it (spread at or above the disagreement
threshold between two or more respondents). Questions a consensus response has already
settled are not listed again; they are counted at the end (and named in JSON).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Any

from assess.numbers import show_spread
from assess.scoring.results import (
    CapabilityResult,
    DomainResult,
    QuestionResult,
    RespondentAnswer,
    ScoreResult,
)

from .score_detail import show_answer, show_value
from .text import md_escape, md_table, table, to_csv, to_json

WIDTH = 100


@dataclass(frozen=True)
class Discussion:
    """One question to discuss and where it sits."""

    rank: int
    domain: DomainResult
    capability: CapabilityResult
    question: QuestionResult


def to_discuss(result: ScoreResult) -> tuple[list[Discussion], list[QuestionResult]]:
    """Flagged questions still open (most spread first, ties by id) and those a consensus
    answer settled (by id)."""
    flagged = [(d, c, q) for d in result.domains for c in d.capabilities for q in c.questions
               if q.disagreement]
    open_ = sorted((x for x in flagged if not x[2].consensus),
                   key=lambda x: (-x[2].spread, x[2].id))
    settled = sorted((q for _, _, q in flagged if q.consensus), key=lambda q: q.id)
    return [Discussion(i, d, c, q) for i, (d, c, q) in enumerate(open_, start=1)], settled


def answers_in_order(q: QuestionResult) -> list[RespondentAnswer]:
    """Each respondent's answer, lowest first (n/a last), so the spread reads at a glance."""
    return sorted(q.answers, key=lambda a: (a.numeric is None, a.numeric or 0.0, a.respondent))


def _roles(result: ScoreResult) -> dict[str, str]:
    return dict(result.respondents)


def _who(name: str, roles: dict[str, str]) -> str:
    role = roles.get(name, "")
    return f"{name} ({role})" if role else name


def _title(result: ScoreResult) -> str:
    return f"{result.organisation} — questions to discuss, {result.date}"


def _settled_note(settled: list[QuestionResult]) -> str:
    if not settled:
        return ""
    n = len(settled)
    return (f"{n} further flagged question{'s' if n > 1 else ''} already settled by a "
            f"consensus answer: {', '.join(q.id for q in settled)}.\n")


NOTHING = ("No questions to discuss: no two respondents' answers differ by the "
           "disagreement threshold or more.\n")


def render_disagreements_table(result: ScoreResult) -> str:
    items, settled = to_discuss(result)
    roles = _roles(result)
    parts = [_title(result) + "\n(answers differing by the disagreement threshold or more; "
             "most spread first)\n"]
    if not items:
        parts.append(NOTHING)
    for item in items:
        q = item.question
        parts.append(f"{item.rank}. {q.id}  spread {show_spread(q.spread)}  ·  "
                     f"{item.domain.name} / {item.capability.name}  ·  "
                     f"combined {show_value(q.value, q.scale)}")
        parts.append(textwrap.fill(" ".join(q.text.split()), WIDTH, initial_indent="   ",
                                   subsequent_indent="   "))
        rows = [[_who(a.respondent, roles), show_answer(a.value), a.confidence or "–"]
                for a in answers_in_order(q)]
        lines = table(["Respondent", "Answer", "Confidence"], rows, "lrl").splitlines()
        for line, answer in zip(lines[2:], answers_in_order(q), strict=True):
            parts.append(f"     {line}")
            for label, text in (("notes", answer.notes), ("evidence", "; ".join(answer.evidence))):
                if text.strip():
                    parts.append(textwrap.fill(" ".join(text.split()), WIDTH,
                                               initial_indent=f"       {label}: ",
                                               subsequent_indent=" " * (9 + len(label))))
        parts.append("")
    note = _settled_note(settled)
    return "\n".join(parts) + ("\n" + note if note else "")


def disagreements_dict(result: ScoreResult) -> dict[str, Any]:
    items, settled = to_discuss(result)
    roles = _roles(result)
    return {
        "assessment": {"organisation": result.organisation, "date": result.date,
                       "framework": result.framework},
        "disagreements": [{
            "rank": item.rank, "id": item.question.id, "domain": item.domain.id,
            "capability": item.capability.id, "text": item.question.text,
            "spread": item.question.spread,
            "value": item.question.value,
            "answers": [{"respondent": a.respondent, "role": roles.get(a.respondent, ""),
                         "value": a.value, "confidence": a.confidence, "notes": a.notes,
                         "evidence": list(a.evidence)} for a in answers_in_order(item.question)],
        } for item in items],
        "settled": [q.id for q in settled],
    }


def render_disagreements_csv(result: ScoreResult) -> str:
    items, _ = to_discuss(result)
    roles = _roles(result)
    header = ["rank", "domain", "capability", "question", "text", "spread", "combined",
              "respondent", "role", "answer", "confidence", "notes", "evidence"]
    rows = [[item.rank, item.domain.id, item.capability.id, item.question.id,
             item.question.text, item.question.spread,
             show_value(item.question.value, item.question.scale), a.respondent,
             roles.get(a.respondent, ""), show_answer(a.value), a.confidence or "", a.notes,
             "; ".join(a.evidence)]
            for item in items for a in answers_in_order(item.question)]
    return to_csv(header, rows)


def render_disagreements_markdown(result: ScoreResult) -> str:
    items, settled = to_discuss(result)
    roles = _roles(result)
    parts = [f"# {md_escape(_title(result))}\n",
             "Questions whose answers differ by the disagreement threshold or more, most "
             "spread first.\n"]
    if not items:
        parts.append(NOTHING)
    for item in items:
        q = item.question
        parts.append(f"## {item.rank}. {md_escape(q.id)} — {md_escape(q.text)}\n")
        parts.append(f"{md_escape(item.domain.name)} / {md_escape(item.capability.name)} · "
                     f"spread **{show_spread(q.spread)}** · combined "
                     f"{show_value(q.value, q.scale)}\n")
        rows = [[md_escape(a.respondent), md_escape(roles.get(a.respondent, "")),
                 md_escape(show_answer(a.value)), a.confidence or "–",
                 md_escape(a.notes) or "–", md_escape("; ".join(a.evidence)) or "–"]
                for a in answers_in_order(q)]
        parts.append(md_table(["Respondent", "Role", "Answer", "Confidence", "Notes",
                               "Evidence"], rows, "llrlll"))
    note = _settled_note(settled)
    return "\n".join(parts) + ("\n" + md_escape(note) if note else "")


def render_disagreements(result: ScoreResult, fmt_name: str) -> str:
    """The questions to discuss as a table, JSON, CSV or Markdown."""
    if fmt_name == "json":
        return to_json(disagreements_dict(result))
    if fmt_name == "csv":
        return render_disagreements_csv(result)
    if fmt_name == "markdown":
        return render_disagreements_markdown(result)
    return render_disagreements_table(result)
