"""Baseline against current: deltas, improved/unchanged/declined, and what was comparable.

Rules (docs/progress.md has worked examples):

- **Scores compared are the published ones.** The baseline and current figures of every
  capability, domain and the overall score are those each assessment's own ``assess
  score`` and report show, so the comparison always reconciles with both reports and with
  ``assess trend``; delta = current - baseline.
- **Comparability is measured, never assumed.** Questions are paired across questionnaire
  versions (:mod:`.versions`). A question is *compared* when it was answered on both sides;
  it is *counted* when it was answered on at least one side (an answer that went into
  either score). Coverage of the comparison = compared / counted, per capability, domain
  and overall. A capability whose coverage is below 1 asked, or had answered, something
  different on one side; it keeps its delta and status but is marked not like-for-like,
  and the questions responsible are listed.
- **Nothing different is compared silently.** A capability, domain or overall score with
  no question compared (nothing in common), or without a score on one side, has no delta
  and the status ``not comparable`` (``not assessed`` when neither side has a score).
- **Status** from the delta: ``improved`` above +tolerance, ``declined`` below -tolerance,
  ``unchanged`` in between, bounds included (default tolerance 0.05, half the smallest
  change one answer moves a capability of ten questions by).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from assess.errors import AssessError
from assess.numbers import reached
from assess.scoring.results import ScoreResult

from .achieved import PlanOutcome
from .versions import QuestionPair, VersionChanges

TOLERANCE = 0.05
"""Largest |delta| still called unchanged (inclusive)."""
SLACK = 1e-9
"""Float guard on the tolerance's bounds: a delta of 0.05 plus float noise is unchanged."""

Status = Literal["improved", "unchanged", "declined", "not comparable", "not assessed"]
STATUSES: tuple[Status, ...] = ("improved", "unchanged", "declined", "not comparable",
                                "not assessed")


@dataclass(frozen=True)
class Change:
    """Baseline against current for one capability, one domain or the overall score."""

    id: str
    name: str
    baseline: float | None
    current: float | None
    delta: float | None
    """current - baseline; None when not comparable."""
    status: Status
    baseline_level: int | None
    current_level: int | None
    baseline_target: float | None
    current_target: float | None
    compared: int
    """Questions answered on both sides."""
    counted: int
    """Questions answered on at least one side."""
    capabilities: tuple[Change, ...] = ()
    """A domain's capabilities (empty for capabilities and the overall score)."""

    @property
    def coverage(self) -> float | None:
        """Share of the counted answers that were compared; None when nothing was answered."""
        return self.compared / self.counted if self.counted else None

    @property
    def like_for_like(self) -> bool:
        """Both scores rest on exactly the same questions."""
        return self.compared == self.counted

    @property
    def baseline_met(self) -> bool | None:
        return _met(self.baseline, self.baseline_target)

    @property
    def current_met(self) -> bool | None:
        return _met(self.current, self.current_target)


@dataclass(frozen=True)
class QuestionChange:
    """One question pair: its combined value on each side and whether it was compared."""

    pair: QuestionPair
    baseline: float | None
    current: float | None
    baseline_na: bool
    current_na: bool

    @property
    def compared(self) -> bool:
        return self.baseline is not None and self.current is not None

    @property
    def counted(self) -> bool:
        return self.baseline is not None or self.current is not None

    @property
    def reason(self) -> str:
        """Why the question was not compared ('' when it was)."""
        if self.compared:
            return ""
        if self.pair.how == "added":
            return "added since the baseline"
        if self.pair.how == "removed":
            return "removed since the baseline"
        if self.pair.how == "out of scope":
            return "out of scope now (its questionnaire is not in the current assessment)"
        if self.pair.how == "new in scope":
            return "not in the baseline's scope"
        return _one_side("the baseline", self.baseline, self.baseline_na) + "; " + \
            _one_side("now", self.current, self.current_na)


@dataclass(frozen=True)
class TargetChange:
    """A domain or capability that met its target since the baseline (or no longer does)."""

    kind: Literal["domain", "capability"]
    id: str
    name: str
    domain: str
    target: float
    """The current target."""
    baseline: float | None
    current: float | None
    met: bool
    """True: met now, not at the baseline; False: met at the baseline, not now."""


@dataclass(frozen=True)
class Comparison:
    """Everything ``assess compare`` shows."""

    baseline: ScoreResult
    current: ScoreResult
    tolerance: float
    overall: Change
    domains: tuple[Change, ...]
    versions: VersionChanges
    questions: tuple[QuestionChange, ...]
    targets: tuple[TargetChange, ...]
    """Targets met since the baseline, and targets met then but not now."""
    plan: PlanOutcome | None
    """The baseline's recommendations and whether they were achieved."""
    baseline_source: str = ""
    current_source: str = ""

    def capabilities(self) -> list[Change]:
        return [c for d in self.domains for c in d.capabilities]

    def count(self, status: Status) -> int:
        return sum(1 for c in self.capabilities() if c.status == status)

    def not_compared(self) -> list[QuestionChange]:
        """Questions that went into one side's score only, in questionnaire order."""
        return [q for q in self.questions if q.counted and not q.compared]

    def months(self) -> int:
        """Whole months from the baseline date to the current date."""
        return months_between(self.baseline.date, self.current.date)

    def scope(self) -> ScopeDifference:
        """What the two assessments' scopes share."""
        return scope_difference(self.baseline, self.current)


@dataclass(frozen=True)
class ScopeDifference:
    """Capabilities in both assessments' scopes, and what is in one only."""

    shared: int
    """Capabilities in both scopes: what a comparison of the two can rest on."""
    baseline_capabilities: int
    current_capabilities: int
    baseline_only: tuple[str, ...]
    """Names of the domains (questionnaires) in the baseline's scope only."""
    current_only: tuple[str, ...]
    """Names of the domains in the current scope only."""

    @property
    def same(self) -> bool:
        return self.shared == self.baseline_capabilities == self.current_capabilities


def scope_difference(baseline: ScoreResult, current: ScoreResult) -> ScopeDifference:
    """Compare the scopes (questionnaires and their capabilities) of two results."""
    before = {(d.id, c.id) for d in baseline.domains for c in d.capabilities}
    now = {(d.id, c.id) for d in current.domains for c in d.capabilities}
    old = {d.id for d in baseline.domains}
    new = {d.id for d in current.domains}
    return ScopeDifference(
        shared=len(before & now), baseline_capabilities=len(before),
        current_capabilities=len(now),
        baseline_only=tuple(d.name for d in baseline.domains if d.id not in new),
        current_only=tuple(d.name for d in current.domains if d.id not in old))


def months_between(start: str, end: str) -> int:
    """Whole months from ISO date ``start`` to ``end`` (2025-10-14 -> 2026-10-20 is 12)."""
    a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    return (b.year - a.year) * 12 + b.month - a.month - (1 if b.day < a.day else 0)


def same_organisation(a: str, b: str) -> bool:
    """Organisation names match ignoring case and runs of spaces."""
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def check_comparable(baseline: ScoreResult, current: ScoreResult,
                     names: tuple[str, str] = ("baseline", "current")) -> None:
    """Refuse to compare different organisations, frameworks or scales."""
    if not same_organisation(baseline.organisation, current.organisation):
        raise AssessError(f"{names[0]} and {names[1]} assess different organisations "
                          f"({baseline.organisation!r} and {current.organisation!r}); "
                          "progress is measured within one organisation")
    if baseline.framework != current.framework or (
            (baseline.scale_min, baseline.scale_max) != (current.scale_min, current.scale_max)):
        raise AssessError(f"{names[0]} and {names[1]} were scored with different frameworks "
                          f"({baseline.framework} {baseline.scale_min:g}-{baseline.scale_max:g}"
                          f", {current.framework} {current.scale_min:g}-{current.scale_max:g});"
                          " their scores are not on the same scale")


def compare_results(baseline: ScoreResult, current: ScoreResult, versions: VersionChanges,
                    tolerance: float = TOLERANCE) -> tuple[Change, tuple[Change, ...],
                                                           tuple[QuestionChange, ...]]:
    """Overall, domain and capability changes and the question pairs behind them."""
    if tolerance < 0:
        raise AssessError(f"tolerance must be 0 or more, got {tolerance:g}")
    check_comparable(baseline, current)
    if baseline.date > current.date:
        raise AssessError(f"the baseline ({baseline.date}) is later than the current "
                          f"assessment ({current.date}); give the earlier assessment first")
    b_index, c_index = _index(baseline), _index(current)
    questions = tuple(_question_change(p, b_index, c_index) for p in versions.pairs)
    old = {d.id: d for d in baseline.domains}
    new = {d.id: d for d in current.domains}
    order = [d.id for d in current.domains] + [d.id for d in baseline.domains if d.id not in new]
    domains = []
    for ident in order:
        b, c = old.get(ident), new.get(ident)
        in_domain = [q for q in questions if q.pair.questionnaire == ident]
        b_caps = {x.id: x for x in b.capabilities} if b else {}
        c_caps = {x.id: x for x in c.capabilities} if c else {}
        cap_order = list(c_caps) + [x for x in b_caps if x not in c_caps]
        capabilities = []
        for cap in cap_order:
            bc, cc = b_caps.get(cap), c_caps.get(cap)
            compared, counted = _counts_for(in_domain, cap)
            shown = cc or bc
            assert shown is not None
            capabilities.append(_change(
                cap, shown.name, bc.score if bc else None, cc.score if cc else None,
                bc.level if bc else None, cc.level if cc else None,
                bc.target if bc else None, cc.target if cc else None,
                compared, counted, tolerance))
        shown_d = c or b
        assert shown_d is not None
        compared, counted = _counts(in_domain)
        domains.append(_change(
            ident, shown_d.name, b.score if b else None, c.score if c else None,
            b.level if b else None, c.level if c else None, b.target if b else None,
            c.target if c else None, compared, counted, tolerance, tuple(capabilities)))
    compared, counted = _counts(questions)
    bo, co = baseline.overall, current.overall
    overall = _change("overall", "Overall", bo.score, co.score, bo.level, co.level, bo.target,
                      co.target, compared, counted, tolerance)
    return overall, tuple(domains), questions


def status_of(delta: float, tolerance: float) -> Status:
    if delta > tolerance + SLACK:
        return "improved"
    if delta < -tolerance - SLACK:
        return "declined"
    return "unchanged"


def _change(ident: str, name: str, baseline: float | None, current: float | None,
            b_level: int | None, c_level: int | None, b_target: float | None,
            c_target: float | None, compared: int, counted: int, tolerance: float,
            capabilities: tuple[Change, ...] = ()) -> Change:
    delta: float | None = None
    status: Status
    if baseline is None and current is None:
        status = "not assessed"
    elif baseline is None or current is None or compared == 0:
        status = "not comparable"
    else:
        delta = current - baseline
        status = status_of(delta, tolerance)
    return Change(ident, name, baseline, current, delta, status, b_level, c_level, b_target,
                  c_target, compared, counted, capabilities)


def _counts(questions: Iterable[QuestionChange]) -> tuple[int, int]:
    compared = counted = 0
    for q in questions:
        compared += q.compared
        counted += q.counted
    return compared, counted


def _counts_for(questions: Sequence[QuestionChange], capability: str) -> tuple[int, int]:
    """Compared and counted answers of one capability. A question that moved to another
    capability counts on each side for the capability it was scored under there."""
    compared = counted = 0
    for q in questions:
        before = q.baseline is not None and q.pair.baseline_capability == capability
        now = q.current is not None and q.pair.current_capability == capability
        compared += before and now
        counted += before or now
    return compared, counted


Index = dict[tuple[str, str, str], tuple[float | None, bool]]
"""(domain, capability, question) -> (combined value, n/a)."""


def _index(result: ScoreResult) -> Index:
    return {(d.id, c.id, q.id): (q.value, q.na)
            for d in result.domains for c in d.capabilities for q in c.questions}


def _question_change(pair: QuestionPair, baseline: Index, current: Index) -> QuestionChange:
    b = baseline.get((pair.questionnaire, pair.baseline_capability or "", pair.baseline or ""))
    c = current.get((pair.questionnaire, pair.current_capability or "", pair.current or ""))
    return QuestionChange(pair, b[0] if b else None, c[0] if c else None,
                          bool(b and b[1]), bool(c and c[1]))


def _one_side(side: str, value: float | None, na: bool) -> str:
    if value is not None:
        return f"answered in {side}" if side == "the baseline" else f"answered {side}"
    return f"n/a {side}" if na else f"unanswered {side}"


def _met(score: float | None, target: float | None) -> bool | None:
    if score is None or target is None:
        return None
    return reached(score, target)


def targets_changed(domains: Sequence[Change]) -> tuple[TargetChange, ...]:
    """Domains and capabilities that met their target since the baseline, or stopped."""
    out = []
    for d in domains:
        rows: list[tuple[Change, Literal["domain", "capability"]]] = [(d, "domain")]
        rows += [(c, "capability") for c in d.capabilities]
        for row, kind in rows:
            before, now = row.baseline_met, row.current_met
            if before is None or now is None or before == now:
                continue
            assert row.current_target is not None
            out.append(TargetChange(kind, row.id, row.name, d.id, row.current_target,
                                    row.baseline, row.current, met=now))
    return tuple(out)
