"""A comparison as JSON (fixed keys, SPEC.md section 8), a text table and Markdown."""

from __future__ import annotations

from typing import Any

from assess.numbers import show_percent, show_score, show_target
from assess.progress import Change, Comparison, QuestionChange, StepOutcome, TargetChange
from assess.progress.words import (
    coverage_sentence,
    headline,
    plan_review_sentence,
    plan_sentence,
    signed_change,
    versions_sentence,
)
from assess.scoring.results import ScoreResult

from .text import md_escape, md_table, table, to_json

STEPS_SHOWN = 12
"""Steps listed per group in the table and Markdown (JSON lists them all)."""


# --- JSON ----------------------------------------------------------------------------------


def change_dict(c: Change) -> dict[str, Any]:
    """The fixed keys (id, baseline, current, delta) first, then the rest."""
    return {
        "id": c.id, "baseline": c.baseline, "current": c.current, "delta": c.delta,
        "name": c.name, "status": c.status, "baseline_level": c.baseline_level,
        "current_level": c.current_level, "baseline_target": c.baseline_target,
        "current_target": c.current_target, "coverage": c.coverage,
        "compared": c.compared, "counted": c.counted, "like_for_like": c.like_for_like,
    }


def _side(result: ScoreResult, source: str, versions: dict[str, str]) -> dict[str, Any]:
    return {"organisation": result.organisation, "date": result.date,
            "framework": result.framework, "source": source, "questionnaires": versions}


def _step_dict(s: StepOutcome) -> dict[str, Any]:
    return {"id": s.id, "rank": s.rank, "capability": s.capability,
            "capability_name": s.capability_name, "domain": s.domain,
            "from_level": s.from_level, "to_level": s.to_level, "phase": s.phase,
            "due": s.due, "current_level": s.current_level, "achieved": s.achieved,
            "action": s.action, "status": s.status, "review": s.review}


def _question_dict(q: QuestionChange) -> dict[str, Any]:
    return {"questionnaire": q.pair.questionnaire, "baseline": q.pair.baseline,
            "current": q.pair.current, "how": q.pair.how,
            "capability": q.pair.current_capability or q.pair.baseline_capability,
            "baseline_value": q.baseline, "current_value": q.current,
            "compared": q.compared, "reason": q.reason}


def compare_dict(c: Comparison) -> dict[str, Any]:
    """Everything in plain data; ``overall`` and ``domains`` carry the fixed keys."""
    v = c.versions
    data: dict[str, Any] = {
        "overall": {k: val for k, val in change_dict(c.overall).items() if k != "id"},
        "domains": [{**change_dict(d), "capabilities": [change_dict(x) for x in d.capabilities]}
                    for d in c.domains],
        "baseline": _side(c.baseline, c.baseline_source,
                          {q.id: q.baseline for q in v.questionnaires if q.baseline}),
        "current": _side(c.current, c.current_source,
                         {q.id: q.current for q in v.questionnaires if q.current}),
        "months": c.months(),
        "tolerance": c.tolerance,
        "headline": headline(c),
        "summary": {status: c.count(status) for status in
                    ("improved", "unchanged", "declined", "not comparable", "not assessed")},
        "targets": {
            "met": [_target(t) for t in c.targets if t.met],
            "no_longer_met": [_target(t) for t in c.targets if not t.met],
        },
        "questions": {
            "compared": c.overall.compared, "counted": c.overall.counted,
            "coverage": c.overall.coverage,
            "renamed": [{"questionnaire": p.questionnaire, "baseline": p.baseline,
                         "current": p.current} for p in v.having("renamed")],
            "added": [{"questionnaire": p.questionnaire, "id": p.current,
                       "capability": p.current_capability} for p in v.having("added")],
            "removed": [{"questionnaire": p.questionnaire, "id": p.baseline,
                         "capability": p.baseline_capability} for p in v.having("removed")],
            "out_of_scope": [{"questionnaire": p.questionnaire, "id": p.baseline,
                              "capability": p.baseline_capability}
                             for p in v.having("out of scope")],
            "new_in_scope": [{"questionnaire": p.questionnaire, "id": p.current,
                              "capability": p.current_capability}
                             for p in v.having("new in scope")],
            "not_compared": [_question_dict(q) for q in c.not_compared()],
        },
    }
    if c.plan is not None:
        p = c.plan
        data["recommendations"] = {
            "total": len(p.steps), "achieved": len(p.achieved),
            "not_achieved": sum(1 for s in p.steps if s.achieved is False),
            "unknown": sum(1 for s in p.steps if s.achieved is None),
            "due": len(p.due), "due_achieved": len(p.due_achieved),
            "from_plan_file": p.from_plan_file,
            "steps": [_step_dict(s) for s in p.steps],
        }
    return data


def _target(t: TargetChange) -> dict[str, Any]:
    return {"kind": t.kind, "id": t.id, "name": t.name, "domain": t.domain,
            "target": t.target, "baseline": t.baseline, "current": t.current}


# --- text table ----------------------------------------------------------------------------


def _levels(c: Change) -> str:
    if c.baseline_level is None and c.current_level is None:
        return "–"
    return f"{_lv(c.baseline_level)} → {_lv(c.current_level)}"


def _lv(level: int | None) -> str:
    return "–" if level is None else str(level)


def _status(c: Change) -> str:
    return c.status + ("" if c.like_for_like or c.status.startswith("not") else " ≈")


def _change(c: Change) -> str:
    """The delta beside the rounded scores, worked out from them (JSON keeps it unrounded)."""
    return signed_change(c.baseline, c.current, c.delta)


def _row(c: Change, name: str) -> list[str]:
    return [name, show_score(c.baseline), show_score(c.current), _change(c), _status(c),
            _levels(c), show_percent(c.coverage)]


def _target_line(t: TargetChange) -> str:
    return (f"{show_score(t.baseline)} → {show_score(t.current)}, target "
            f"{show_target(t.target)}")


def _listed(c: Comparison) -> list[QuestionChange]:
    """The questions not compared, one by one, except those of a questionnaire in one
    scope only: the scope sentence names the questionnaire (JSON lists them all)."""
    return [q for q in c.not_compared() if q.pair.how not in ("out of scope", "new in scope")]


def _title(c: Comparison) -> str:
    b = f" ({c.baseline_source})" if c.baseline_source else ""
    n = f" ({c.current_source})" if c.current_source else ""
    return (f"{c.current.organisation} — progress since the baseline\n"
            f"Baseline {c.baseline.date}{b} → current {c.current.date}{n}, {c.months()} months; "
            f"unchanged means |delta| <= {c.tolerance:g}.")


def _step_line(s: StepOutcome) -> str:
    now = _lv(s.current_level)
    review = f"; plan: {s.review}" if s.review else ""
    return (f"  {s.id:<28} {s.capability_name} {s.from_level} → {s.to_level} "
            f"(now {now}; {s.phase or 'backlog'}{review})")


def _plan_groups(c: Comparison) -> list[tuple[str, list[StepOutcome]]]:
    if c.plan is None:
        return []
    steps = c.plan.steps
    return [
        ("Achieved", [s for s in steps if s.achieved]),
        ("Due by now, not achieved", [s for s in steps if s.due and s.achieved is False]),
        ("Not judged (no score now)", [s for s in steps if s.achieved is None]),
    ]


def render_table(c: Comparison) -> str:
    header = ["Domain / capability", "Baseline", "Current", "Delta", "Status", "Level",
              "Compared"]
    rows: list[list[str]] = []
    for d in c.domains:
        rows.append(_row(d, d.name.upper()))
        rows += [_row(x, f"  {x.name}") for x in d.capabilities]
    rows.append(_row(c.overall, "OVERALL"))
    out = [_title(c), "", headline(c), "", table(header, rows, "lrrrllr")]
    if any(not x.like_for_like for x in [*c.capabilities(), c.overall] if x.counted):
        out.append("≈ not like for like: some answers count on one side only (listed below).\n")
    met = [t for t in c.targets if t.met]
    lost = [t for t in c.targets if not t.met]
    if met:
        out.append("Targets met since the baseline:")
        out += [f"  {t.name} ({t.kind}): {_target_line(t)}" for t in met]
        out.append("")
    if lost:
        out.append("Targets met at the baseline but not now:")
        out += [f"  {t.name} ({t.kind}): {_target_line(t)}" for t in lost]
        out.append("")
    if c.plan is not None:
        out.append("Baseline recommendations: " + plan_sentence(c.plan))
        if c.plan.from_plan_file:
            out.append(plan_review_sentence(c.plan))
        for label, steps in _plan_groups(c):
            if steps:
                out.append(f" {label} ({len(steps)}):")
                out += [_step_line(s) for s in steps[:STEPS_SHOWN]]
                if len(steps) > STEPS_SHOWN:
                    out.append(f"  ... and {len(steps) - STEPS_SHOWN} more (--format json "
                               "lists every step)")
        out.append("")
    out.append(versions_sentence(c.versions))
    out.append(coverage_sentence(c))
    for q in _listed(c):
        ident = q.pair.current or q.pair.baseline
        was = f" (was {q.pair.baseline})" if q.pair.how == "renamed" else ""
        out.append(f"  {q.pair.questionnaire:<18} {ident}{was}: {q.reason}")
    renamed = [p for p in c.versions.having("renamed")]
    if renamed:
        out.append("Matched through `replaces`: " + ", ".join(
            f"{p.baseline} → {p.current}" for p in renamed))
    return "\n".join(out).rstrip("\n") + "\n"


# --- Markdown ------------------------------------------------------------------------------


def _md_row(c: Change, name: str) -> list[str]:
    return _row(c, name)


def render_markdown(c: Comparison, level: int = 1) -> str:
    """Markdown; ``level`` is the heading level of the title (2 inside a larger document)."""
    h = "#" * level
    parts = [f"{h} {md_escape(c.current.organisation)} — progress since the baseline\n",
             f"Baseline {c.baseline.date} → current {c.current.date} ({c.months()} months). "
             f"A change of {c.tolerance:g} or less either way counts as unchanged.\n",
             f"**{md_escape(headline(c))}**\n"]
    header = ["Capability", "Baseline", "Current", "Delta", "Status", "Level", "Compared"]
    overview = [_md_row(d, md_escape(d.name)) for d in c.domains]
    overview.append(_md_row(c.overall, "**Overall**"))
    parts.append(md_table(["Domain", *header[1:]], overview, "lrrrllr"))
    for d in c.domains:
        parts.append(f"{h}# {md_escape(d.name)}: {show_score(d.baseline)} → "
                     f"{show_score(d.current)} ({_change(d)})\n")
        parts.append(md_table(header, [_md_row(x, md_escape(x.name)) for x in d.capabilities],
                              "lrrrllr"))
    if c.targets:
        parts.append(f"{h}# Targets\n")
        parts.append("".join(
            f"- {'Met' if t.met else 'No longer met'}: **{md_escape(t.name)}** ({t.kind}) "
            f"{_target_line(t)}\n" for t in c.targets))
    if c.plan is not None:
        parts.append(f"{h}# The baseline's recommendations\n")
        parts.append(md_escape(plan_sentence(c.plan)) + "\n")
        if c.plan.from_plan_file:
            parts.append(md_escape(plan_review_sentence(c.plan)) + "\n")
        for label, steps in _plan_groups(c):
            if not steps:
                continue
            rows = [[s.id, md_escape(s.capability_name), f"{s.from_level} → {s.to_level}",
                     _lv(s.current_level), md_escape(s.phase or "backlog")]
                    for s in steps[:STEPS_SHOWN]]
            parts.append(f"**{label}** ({len(steps)})\n")
            parts.append(md_table(["Step", "Capability", "Levels", "Level now", "Planned"], rows,
                                  "lllrl"))
            if len(steps) > STEPS_SHOWN:
                parts.append(f"… and {len(steps) - STEPS_SHOWN} more.\n")
    parts.append(f"{h}# What was comparable\n")
    parts.append(md_escape(versions_sentence(c.versions)) + " "
                 + md_escape(coverage_sentence(c)) + "\n")
    missing = _listed(c)
    if missing:
        rows = [[md_escape(q.pair.questionnaire), md_escape(q.pair.current or "–"),
                 md_escape(q.pair.baseline or "–"), md_escape(q.reason)] for q in missing]
        parts.append(md_table(["Questionnaire", "Question now", "In the baseline", "Why"],
                              rows))
    renamed = c.versions.having("renamed")
    if renamed:
        parts.append("Matched through `replaces`: " + ", ".join(
            f"`{p.baseline}` → `{p.current}`" for p in renamed) + ".\n")
    return "\n".join(parts)


def render_compare(c: Comparison, fmt_name: str) -> str:
    """Render a comparison as ``table``, ``json`` or ``markdown``."""
    if fmt_name == "json":
        return to_json(compare_dict(c))
    if fmt_name == "markdown":
        return render_markdown(c)
    return render_table(c)
