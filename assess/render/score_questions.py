"""The question-level view (``assess score --questions``): per question the combined value,
each respondent's answer as written, the spread and the confidence."""

from __future__ import annotations

from assess.numbers import show_spread
from assess.scoring.results import DomainResult, QuestionResult, ScoreResult

from .score_detail import show_answer, show_value
from .text import md_escape, md_table, neutralise, table, to_csv

TEXT_WIDTH = 48
"""Question text is cut to this many characters in the terminal table (full elsewhere)."""


def respondent_columns(result: ScoreResult, domain: DomainResult | None = None) -> list[str]:
    """Everyone who answered (in ``domain``, or anywhere), in file order, then the consensus."""
    answered: dict[str, None] = {}
    for d in result.domains:
        if domain is None or d.id == domain.id:
            for c in d.capabilities:
                for q in c.questions:
                    answered.update(dict.fromkeys(a.respondent for a in q.answers))
    ordered = [name for name, _ in result.respondents if name in answered]
    return ordered + [name for name in answered if name not in ordered]


def _answers(q: QuestionResult, names: list[str]) -> list[str]:
    given = {a.respondent: show_answer(a.value) for a in q.answers}
    return [given.get(name, "–") for name in names]


def _flags(q: QuestionResult) -> str:
    flags = []
    if q.na:
        flags.append("n/a")
    elif not q.answered:
        flags.append("unanswered")
    if q.disagreement and q.consensus:
        flags.append("consensus (settles a disagreement)")
    elif q.consensus:
        flags.append("consensus")
    elif q.disagreement:
        flags.append("! disagreement")
    return ", ".join(flags)


def _spread(q: QuestionResult) -> str:
    """'–' unless two or more respondents gave a value: one answer, or none, has no spread
    (JSON and CSV keep the number, 0)."""
    return show_spread(q.spread) if q.has_spread else "–"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TEXT_WIDTH else text[:TEXT_WIDTH - 1] + "…"


def render_questions_table(result: ScoreResult) -> str:
    """One table per domain, with a column for each respondent who answered in it."""
    parts = [f"{result.organisation} — answers by question {result.date} "
             f"({result.framework}, {result.aggregation} of respondents)\n"]
    for d in result.domains:
        names = respondent_columns(result, d)
        header = [d.name.upper(), "Text", "Combined", *names, "Spread", "Confidence", ""]
        rows: list[list[str]] = []
        blank = [""] * (len(header) - 1)
        for c in d.capabilities:
            rows.append([f"  {c.name}", *blank])
            for q in c.questions:
                rows.append([f"    {q.id}", _short(q.text), show_value(q.value, q.scale),
                             *_answers(q, names), _spread(q), q.confidence or "–",
                             _flags(q)])
        parts.append(table(header, rows, "llr" + "r" * len(names) + "rll"))
    return "\n".join(parts)


def render_questions_csv(result: ScoreResult) -> str:
    names = respondent_columns(result)
    header = ["domain", "capability", "question", "text", "value", "label", "answered", "na",
              "spread", "disagreement", "confidence", "consensus",
              *(f"answer: {name}" for name in names)]
    rows = []
    for d in result.domains:
        for c in d.capabilities:
            for q in c.questions:
                label = show_value(q.value, q.scale) if q.scale else ""
                rows.append([d.id, c.id, q.id, q.text,
                             "" if q.value is None else q.value,
                             label if q.value is not None else "", q.answered, q.na,
                             q.spread, q.disagreement, q.confidence or "",
                             q.consensus, *(a if a != "–" else "" for a in _answers(q, names))])
    return to_csv([neutralise(h) for h in header], rows)


def render_questions_markdown(result: ScoreResult) -> str:
    parts = [f"# {md_escape(result.organisation)} — answers by question\n",
             f"Assessment date {result.date}; framework `{result.framework}`, "
             f"{result.aggregation} of respondents.\n"]
    for d in result.domains:
        names = respondent_columns(result, d)
        header = ["Question", "Combined", *(md_escape(n) for n in names), "Spread",
                  "Confidence", "Status"]
        parts.append(f"## {md_escape(d.name)}\n")
        for c in d.capabilities:
            parts.append(f"### {md_escape(c.name)}\n")
            rows = [[f"**{md_escape(q.id)}** {md_escape(q.text)}",
                     show_value(q.value, q.scale),
                     *(md_escape(a) for a in _answers(q, names)), _spread(q),
                     q.confidence or "–", _flags(q).replace("! ", "⚠ ")]
                    for q in c.questions]
            parts.append(md_table(header, rows, "lr" + "r" * len(names) + "rll"))
    return "\n".join(parts)


def render_questions(result: ScoreResult, fmt_name: str) -> str:
    """The question-level view as a table, CSV or Markdown."""
    if fmt_name == "csv":
        return render_questions_csv(result)
    if fmt_name == "markdown":
        return render_questions_markdown(result)
    return render_questions_table(result)
