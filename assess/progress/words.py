"""Plain-language sentences about a comparison, shared by every renderer and the report."""

from __future__ import annotations

import calendar
import datetime as dt

from .achieved import PlanOutcome, StepOutcome
from .compare import Comparison
from .versions import How, VersionChanges


def month_year(iso: str) -> str:
    """'2025-10-14' -> 'October 2025'."""
    day = dt.date.fromisoformat(iso)
    return f"{calendar.month_name[day.month]} {day.year}"


def signed(delta: float | None, digits: int = 2) -> str:
    """'+0.30', '-0.12', '0.00' (no sign on a change that rounds to nothing); '–' for None."""
    if delta is None:
        return "–"
    if abs(delta) < 0.5 * 10 ** -digits:
        return f"{0:.{digits}f}"
    return f"{delta:+.{digits}f}"


def shown_delta(baseline: float | None, current: float | None, digits: int = 2
                ) -> float | None:
    """current - baseline as the reader works it out from the figures shown: both rounded
    to ``digits`` first, so "1.54 to 1.90" comes with +0.36 even when the unrounded change
    is 0.355. JSON keeps the unrounded delta; only what is printed beside rounded scores
    uses this."""
    if baseline is None or current is None:
        return None
    return round(float(f"{current:.{digits}f}") - float(f"{baseline:.{digits}f}"), digits)


def signed_change(baseline: float | None, current: float | None, delta: float | None,
                  digits: int = 2) -> str:
    """The change shown beside ``baseline`` and ``current``: '+0.36', '–' when there is no
    ``delta`` (not comparable), computed from the rounded figures (:func:`shown_delta`)."""
    if delta is None:
        return "–"
    return signed(shown_delta(baseline, current, digits), digits)


def _n(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else plural or word + 's'}"


def headline(c: Comparison) -> str:
    """One sentence for an executive summary: the overall change and how widespread it was."""
    o = c.overall
    start, end = month_year(c.baseline.date), month_year(c.current.date)
    since = f"between {start} and {end}" if start != end else f"in {end}"
    if o.delta is None:
        text = (f"Overall maturity cannot be compared {since}: the two assessments have no "
                "answered question in common.")
        return text
    change = signed_change(o.baseline, o.current, o.delta)
    if o.status == "improved":
        move = f"rose from {o.baseline:.2f} to {o.current:.2f} ({change})"
    elif o.status == "declined":
        move = f"fell from {o.baseline:.2f} to {o.current:.2f} ({change})"
    else:
        move = f"held steady at {o.current:.2f} (from {o.baseline:.2f})"
    total = len(c.capabilities())
    improved, unchanged, declined = (c.count(s) for s in ("improved", "unchanged", "declined"))
    parts = [f"{improved} of {total} capabilities improved"]
    parts.append(f"{unchanged} {'was' if unchanged == 1 else 'were'} unchanged")
    parts.append(f"{declined} declined")
    text = f"Overall maturity {move} {since}: {', '.join(parts[:-1])} and {parts[-1]}."
    met = [t for t in c.targets if t.met]
    if met:
        text += f" {_n(len(met), 'target')} {'was' if len(met) == 1 else 'were'} met since."
    if c.plan is not None and c.plan.due:
        text += (f" {len(c.plan.due_achieved)} of the {len(c.plan.due)} steps the baseline "
                 f"roadmap planned for the first {c.plan.months} months "
                 f"{'was' if len(c.plan.due_achieved) == 1 else 'were'} achieved.")
    return text


def plan_sentence(plan: PlanOutcome) -> str:
    """How much of the baseline's plan was achieved."""
    if not plan.steps:
        return "The baseline had no recommendations: every capability was at its target."
    unknown = sum(1 for s in plan.steps if s.achieved is None)
    text = (f"{len(plan.achieved)} of the baseline's {len(plan.steps)} recommended steps "
            f"{'was' if len(plan.achieved) == 1 else 'were'} achieved")
    if plan.due:
        text += (f"; of the {len(plan.due)} its roadmap planned for the first {plan.months} "
                 f"months, {len(plan.due_achieved)}")
    text += "."
    if unknown:
        text += f" {_n(unknown, 'step')} cannot be judged: the capability has no score now."
    return text


def coverage_sentence(c: Comparison) -> str:
    """How much of the two sets of answers could be compared."""
    o = c.overall
    if not o.counted:
        return "Neither assessment has an answered question."
    share = f"{o.compared / o.counted:.0%}"
    text = (f"{o.compared} of {o.counted} answered questions were answered in both "
            f"assessments and compared ({share})")
    if o.like_for_like:
        return text + ": the comparison is like for like."
    caps = sum(1 for x in c.capabilities() if not x.like_for_like and x.counted)
    return (text + f"; {_n(caps, 'capability', 'capabilities')} "
            f"{'rests' if caps == 1 else 'rest'} on answers given on one side only (marked ≈).")


def versions_sentence(v: VersionChanges) -> str:
    """Questions renamed, added and removed between the questionnaire versions."""
    if v.unchanged:
        return "Both assessments used the same questions."
    changed = [q for q in v.questionnaires if q.baseline != q.current]
    parts = []
    hows: tuple[How, ...] = ("renamed", "added", "removed")
    for how in hows:
        n = len(v.having(how))
        if n:
            parts.append(f"{_n(n, 'question')} {how}")
    where = ", ".join(f"{q.name} {q.baseline or '–'} → {q.current or '–'}" for q in changed)
    return ("Questionnaires changed between the assessments" + (f" ({where})" if where else "")
            + ": " + ", ".join(parts) + ".")


def plan_review_sentence(plan: PlanOutcome) -> str:
    """The agreed plan's statuses beside the maturity measured ('' without plan.yaml)."""
    if not plan.from_plan_file:
        return ""
    held = [s for s in plan.steps if s.status is not None]
    done = [s for s in held if s.status == "done"]
    seen = [s for s in done if s.achieved]
    unseen = [s for s in done if s.achieved is False]
    unmarked = [s for s in held if s.status in ("planned", "in_progress") and s.achieved]
    dropped = [s for s in held if s.status == "dropped"]
    text = (f"The agreed plan (plan.yaml) holds {_n(len(held), 'of these step')}: "
            f"{len(done)} marked done, {len(seen)} of them visible in the scores")
    if unseen:
        text += (f"; {_n(len(unseen), 'step')} reported done but not yet visible in the "
                 f"scores ({', '.join(_step(s) for s in unseen[:3])})")
    if unmarked:
        text += (f"; {_n(len(unmarked), 'step')} achieved in the scores but not marked done "
                 f"({', '.join(_step(s) for s in unmarked[:3])})")
    if dropped:
        text += f"; {len(dropped)} dropped"
    return text + "."


def _step(s: StepOutcome) -> str:
    return f"{s.capability_name} to level {s.to_level}"
