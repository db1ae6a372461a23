"""Plain-language sentences about a comparison, shared by every renderer and the report."""

from __future__ import annotations

import calendar
import datetime as dt

from assess.numbers import show_delta, show_percent, show_score

from .achieved import PlanOutcome, StepOutcome
from .compare import Comparison
from .versions import How, VersionChanges


def month_year(iso: str) -> str:
    """'2025-10-14' -> 'October 2025'."""
    day = dt.date.fromisoformat(iso)
    return f"{calendar.month_name[day.month]} {day.year}"


def signed_change(baseline: float | None, current: float | None, delta: float | None) -> str:
    """The change shown beside ``baseline`` and ``current``: '+0.36', '–' when there is no
    ``delta`` (not comparable), worked out from the shown scores
    (:func:`assess.numbers.show_delta`). JSON keeps the unrounded delta."""
    if delta is None:
        return "–"
    return show_delta(baseline, current)


def _and(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


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
        return " ".join(filter(None, [text, scope_sentence(c)]))
    change = signed_change(o.baseline, o.current, o.delta)
    if o.status == "improved":
        move = f"rose from {show_score(o.baseline)} to {show_score(o.current)} ({change})"
    elif o.status == "declined":
        move = f"fell from {show_score(o.baseline)} to {show_score(o.current)} ({change})"
    else:
        move = f"held steady at {show_score(o.current)} (from {show_score(o.baseline)})"
    scope = c.scope()
    total = len(c.capabilities()) if scope.same else scope.shared
    improved, unchanged, declined = (c.count(s) for s in ("improved", "unchanged", "declined"))
    parts = [f"{improved} of {total} capabilities improved"]
    parts.append(f"{unchanged} {'was' if unchanged == 1 else 'were'} unchanged")
    parts.append(f"{declined} declined")
    counts = f"{', '.join(parts[:-1])} and {parts[-1]}."
    if scope.same:
        text = f"Overall maturity {move} {since}: {counts}"
    else:
        text = f"Overall maturity {move} {since}. {scope_sentence(c)} {counts}"
    met = [t for t in c.targets if t.met]
    if met:
        text += f" {_n(len(met), 'target')} {'was' if len(met) == 1 else 'were'} met since."
    if c.plan is not None and c.plan.due:
        text += (f" {len(c.plan.due_achieved)} of the {len(c.plan.due)} steps the baseline "
                 f"roadmap planned for the first {c.plan.months} months "
                 f"{'was' if len(c.plan.due_achieved) == 1 else 'were'} achieved.")
    return text


def scope_sentence(c: Comparison) -> str:
    """'' when both assessments have the same scope; otherwise on how many capabilities the
    comparison rests and what is in one scope only: "The scopes differ: the comparison
    rests on the 22 capabilities in both assessments (Network in the baseline only)." """
    scope = c.scope()
    if scope.same:
        return ""
    only = []
    if scope.baseline_only:
        only.append(f"{_and(scope.baseline_only)} in the baseline only")
    if scope.current_only:
        only.append(f"{_and(scope.current_only)} in the current assessment only")
    if not only:  # same questionnaires, different capabilities
        only.append(f"{scope.baseline_capabilities} capabilities then, "
                    f"{scope.current_capabilities} now")
    return (f"The scopes differ: the comparison rests on the "
            f"{_n(scope.shared, 'capability', 'capabilities')} in both assessments "
            f"({'; '.join(only)}).")


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
    share = show_percent(o.compared / o.counted)
    text = (f"{o.compared} of {o.counted} answered questions were answered in both "
            f"assessments and compared ({share})")
    if o.like_for_like:
        return text + ": the comparison is like for like."
    caps = sum(1 for x in c.capabilities() if not x.like_for_like and x.counted)
    return (text + f"; {_n(caps, 'capability', 'capabilities')} "
            f"{'rests' if caps == 1 else 'rest'} on answers given on one side only (marked ≈).")


def versions_sentence(v: VersionChanges) -> str:
    """Questions renamed, added and removed between the questionnaire versions; the
    questionnaires in one assessment's scope only are named as such, not as removed."""
    if v.unchanged:
        return "Both assessments used the same questions."
    changed = [q for q in v.questionnaires
               if q.baseline != q.current and q.baseline and q.current]
    outside = [q.name for q in v.questionnaires if not (q.baseline and q.current)]
    if not any(v.having(how) for how in ("renamed", "added", "removed")):
        return (f"The questionnaires in both assessments asked the same questions; "
                f"{_and(tuple(outside))} {'was' if len(outside) == 1 else 'were'} in one "
                "assessment's scope only.")
    parts = []
    hows: tuple[How, ...] = ("renamed", "added", "removed")
    for how in hows:
        n = len(v.having(how))
        if n:
            parts.append(f"{_n(n, 'question')} {how}")
    where = ", ".join(f"{q.name} {q.baseline or '–'} → {q.current or '–'}" for q in changed)
    text = ("Questionnaires changed between the assessments" + (f" ({where})" if where else "")
            + ": " + ", ".join(parts) + ".")
    if outside:
        text += (f" {_and(tuple(outside))} {'was' if len(outside) == 1 else 'were'} in one "
                 "assessment's scope only.")
    return text


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
