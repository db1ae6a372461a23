"""Roadmap: recommendations packed into phases under a capacity, prerequisites first.

List scheduling, phase by phase: among the steps whose prerequisites are already planned
(in an earlier phase, or earlier in this one), take the most urgent; place it if pacing
allows another step of its capability in the phase, its team (when listed) has room and
its effort fits what is left of the phase, otherwise set it aside for a later phase and
try the next. Must-do steps (urgent in the dependency model, or the assessment's
``must_do``) and everything they need first come before every other step. Then urgency:
a step's own priority raised to that of the most urgent step waiting on it, so a modest
prerequisite of an urgent step is planned in time for it.
A step larger than a whole phase can only open an empty phase; it then fills the phase
alone and is flagged. What fits nowhere is the backlog.

For each phase the projected score per domain: a capability whose steps up to level L are
delivered by the end of the phase scores max(current score, L); domains and the overall
score roll up as in scoring (weighted means). Beyond the last phase the same scheduling
carries on at the last phase's capacity per month, up to five years, for the time each
domain takes to reach its target.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from assess.models import Assessment
from assess.scoring.results import ScoreResult

from .recommendations import DEFAULT_WORKING_DAYS, Recommendation, Recommendations

DEFAULT_PHASES = (("0-6 months", 6), ("6-12 months", 6), ("12-24 months", 12))
"""(name, months) of the phases used when the assessment defines none."""
CAPACITY_PER_MONTH = 20.0
"""Person-days per month of a phase when neither the phase, the assessment nor
--capacity gives a capacity (one person's working month)."""
SLACK = 1e-9
HORIZON_MONTHS = 60
"""How far the time to target is projected (five years from the assessment)."""
TARGET_SLACK = 1e-6
"""A projected score this close below its target counts as reaching it."""
OVERALL = "overall"
"""Key of the whole assessment in ``Roadmap.time_to_target``."""


@dataclass(frozen=True)
class Rules:
    """What constrains the plan besides each phase's capacity."""

    per_phase: int | None = 1
    """Most steps of one capability in one phase (None: no limit)."""
    min_months: int | None = None
    """Months from one step's phase start to the next step's (same capability)."""
    teams: tuple[tuple[str, float | None, float | None], ...] = ()
    """(team, person-days per phase or None, FTE or None), sorted by team."""
    working_days_per_fte: float = DEFAULT_WORKING_DAYS

    @cached_property
    def _teams(self) -> dict[str, tuple[float | None, float | None]]:
        return {name: (days, fte) for name, days, fte in self.teams}

    def paced(self, steps_in_phase: int, months_since_last: int) -> bool:
        """Whether one more step of a capability may go into this phase."""
        if self.per_phase is not None and steps_in_phase >= self.per_phase:
            return False
        return self.min_months is None or months_since_last >= self.min_months

    def team_capacity(self, owner: str, months: int) -> float | None:
        """Person-days ``owner`` has in a phase of ``months``; None for an owner not listed
        (it shares the phase total)."""
        found = self._teams.get(owner)
        if found is None:
            return None
        days, fte = found
        if days is not None:
            return days
        assert fte is not None
        return fte * self.working_days_per_fte * months / 12


def rules_for(assessment: Assessment | None,
              working_days_per_fte: float = DEFAULT_WORKING_DAYS) -> Rules:
    """The pacing and team capacities an assessment sets (defaults without one)."""
    if assessment is None:
        return Rules(working_days_per_fte=working_days_per_fte)
    pacing = assessment.pacing
    return Rules(
        per_phase=pacing.steps_per_capability_per_phase,
        min_months=pacing.min_months_between_steps,
        teams=tuple(sorted((name, t.capacity, t.fte) for name, t in assessment.teams.items())),
        working_days_per_fte=working_days_per_fte,
    )


@dataclass(frozen=True)
class PhaseSpec:
    """A phase to fill: its name, length and effort capacity (person-days)."""

    name: str
    months: int
    capacity: float


@dataclass(frozen=True)
class RoadmapPhase:
    name: str
    months: int
    start_month: int
    end_month: int
    capacity: float
    recommendations: tuple[str, ...]
    """Step ids in an order that can be carried out (prerequisites listed first)."""
    effort: float
    """Total effort planned in the phase (exceeds capacity only for an oversize step)."""
    oversize: tuple[str, ...]
    """The single step larger than the whole phase, when that is what fills it."""
    projected: tuple[tuple[str, float | None], ...]
    """(domain id, projected score) once this phase and the ones before are delivered."""
    projected_overall: float | None
    levels: tuple[tuple[str, int], ...]
    """(capability, level reached) for every capability raised in this phase."""
    teams: tuple[tuple[str, float, float | None], ...] = ()
    """(team or owner, effort planned, capacity or None when it shares the phase total)."""
    waiting: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(team, steps set aside in this phase because that team had no capacity left)."""


@dataclass(frozen=True)
class Roadmap:
    phases: tuple[RoadmapPhase, ...]
    backlog: tuple[str, ...]
    """Steps that fit in no phase, in rank order."""
    current: tuple[tuple[str, float | None], ...]
    """(domain id, score today), for comparison with the projections."""
    current_overall: float | None
    time_to_target: tuple[tuple[str, int | None], ...] = ()
    """(domain id, or OVERALL, months until it reaches its target at the plan's sustained
    capacity; 0 when it is there already, None when not within ``horizon_months``)."""
    horizon_months: int = HORIZON_MONTHS
    backlog_teams: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(team, backlog steps last set aside because that team had no capacity left)."""


def phases_for(assessment: Assessment | None, capacity: float | None = None
               ) -> tuple[PhaseSpec, ...]:
    """The phases to plan: the assessment's, or 0-6, 6-12 and 12-24 months.

    Capacity of each phase: ``capacity`` (the --capacity option) when given, else the
    phase's own, else the assessment's ``capacity``, else 20 person-days per month.
    """
    if assessment is not None and assessment.phases:
        shapes = [(p.name, p.months, p.capacity) for p in assessment.phases]
    else:
        shapes = [(name, months, None) for name, months in DEFAULT_PHASES]
    default = assessment.capacity if assessment is not None else None
    return tuple(
        PhaseSpec(name, months, float(capacity or own or default or CAPACITY_PER_MONTH * months))
        for name, months, own in shapes
    )


def roadmap_for(assessment: Assessment | None, recs: Recommendations, result: ScoreResult,
                capacity: float | None = None) -> Roadmap:
    """The roadmap of an assessment: its phases, pacing and teams (``capacity`` overrides
    every phase's capacity)."""
    return plan_roadmap(recs, result, phases_for(assessment, capacity),
                        rules_for(assessment, recs.working_days_per_fte))


def _must_first(recs: Recommendations) -> set[str]:
    """Urgent steps and every step they need first (transitively): planned before the rest."""
    by_id = recs.by_id()
    todo = [r.id for r in recs.items if r.urgent]
    seen = set(todo)
    while todo:
        for req in by_id[todo.pop()].requires:
            if req in by_id and req not in seen:
                seen.add(req)
                todo.append(req)
    return seen


Key = tuple[int, float, float, str]


def plan_roadmap(recs: Recommendations, result: ScoreResult,
                 phases: Sequence[PhaseSpec], rules: Rules | None = None) -> Roadmap:
    """Pack ``recs`` (the whole list, not a filtered view) into ``phases`` under ``rules``
    (pacing, team capacities; default: one step per capability per phase); beyond the
    last phase, carry on at its capacity per month for the time to target."""
    rules = rules or Rules()
    ahead = _horizon(phases)
    planned = schedule(recs, [*phases, *ahead], rules)
    by_id = recs.by_id()
    main = planned[:len(phases)]
    scheduled = {sid for slot in main for sid in slot.placed}
    projected = _project(planned, by_id, result, rules)
    return Roadmap(
        phases=projected[:len(phases)],
        backlog=tuple(r.id for r in recs.items if r.id not in scheduled),
        current=tuple((d.id, d.score) for d in result.domains),
        current_overall=result.overall.score,
        time_to_target=_time_to_target(result, projected),
        horizon_months=HORIZON_MONTHS,
        backlog_teams=_backlog_teams(main, scheduled),
    )


@dataclass
class _Slot:
    """One phase being filled."""

    phase: PhaseSpec
    start: int
    placed: list[str] = field(default_factory=list)
    oversize: list[str] = field(default_factory=list)
    waiting: dict[str, list[str]] = field(default_factory=dict)
    """Team -> steps set aside because that team had no capacity left."""


def schedule(recs: Recommendations, phases: Sequence[PhaseSpec], rules: Rules
             ) -> list[_Slot]:
    """List scheduling, phase by phase (see the module docstring)."""
    by_id = recs.by_id()
    must = _must_first(recs)

    def key(rec: Recommendation) -> Key:
        return (0 if rec.id in must else 1, -rec.urgency, -rec.priority, rec.id)

    waiting = {r.id: sum(1 for q in r.requires if q in by_id) for r in recs.items}
    unlocks: dict[str, list[str]] = {}
    for rec in recs.items:
        for req in rec.requires:
            unlocks.setdefault(req, []).append(rec.id)
    ready = [key(r) for r in recs.items if waiting[r.id] == 0]
    heapq.heapify(ready)
    last_start: dict[str, int] = {}  # capability -> start month of its latest step's phase
    slots: list[_Slot] = []
    start = 0
    for phase in phases:
        slot = _Slot(phase, start)
        aside: list[Key] = []
        used = 0.0
        team_used: dict[str, float] = {}
        steps_of: dict[str, int] = {}
        while ready:
            k = heapq.heappop(ready)
            rec = by_id[k[3]]
            if not rules.paced(steps_of.get(rec.capability, 0),
                               start - last_start.get(rec.capability, -10**6)):
                aside.append(k)
                continue
            team = rules.team_capacity(rec.owner, phase.months)
            if team is not None and team_used.get(rec.owner, 0.0) + rec.effort > team + SLACK:
                if used + rec.effort <= phase.capacity + SLACK:  # only the team stood in the way
                    slot.waiting.setdefault(rec.owner, []).append(rec.id)
                aside.append(k)
                continue
            if used + rec.effort <= phase.capacity + SLACK:
                used += rec.effort
            elif not slot.placed and rec.effort > phase.capacity:
                slot.oversize.append(rec.id)  # alone in the phase, which is then full
            else:
                aside.append(k)
                continue
            slot.placed.append(rec.id)
            team_used[rec.owner] = team_used.get(rec.owner, 0.0) + rec.effort
            steps_of[rec.capability] = steps_of.get(rec.capability, 0) + 1
            last_start[rec.capability] = start
            for nxt in unlocks.get(rec.id, ()):
                waiting[nxt] -= 1
                if waiting[nxt] == 0:
                    heapq.heappush(ready, key(by_id[nxt]))
            if slot.oversize:
                break
        ready = aside + ready
        heapq.heapify(ready)
        slots.append(slot)
        start += phase.months
    return slots


def _horizon(phases: Sequence[PhaseSpec]) -> list[PhaseSpec]:
    """Phases after the plan, up to five years, each as long as the last phase and at its
    capacity per month (the plan's sustained pace): only for the time to target."""
    if not phases:
        return []
    last = phases[-1]
    months = sum(p.months for p in phases)
    out = []
    while months < HORIZON_MONTHS:
        length = min(last.months, HORIZON_MONTHS - months)
        out.append(PhaseSpec(f"after month {months}", length,
                             last.capacity / last.months * length))
        months += length
    return out


def _backlog_teams(slots: Sequence[_Slot], scheduled: set[str]
                   ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Team -> backlog steps that the last phase left out for lack of that team (the team
    was full when the phase still had room, so more of that team would have planned them)."""
    if not slots:
        return ()
    return tuple((team, tuple(sorted(s for s in ids if s not in scheduled)))
                 for team, ids in sorted(slots[-1].waiting.items()) if set(ids) - scheduled)


def _time_to_target(result: ScoreResult, projected: Sequence[RoadmapPhase]
                    ) -> tuple[tuple[str, int | None], ...]:
    """(domain id or OVERALL, months until its score reaches its target; None when not
    within the horizon). 0 when it is there already; a domain with no score is left out
    (nothing can be said of it)."""
    out: list[tuple[str, int | None]] = []
    after_phase = [dict(p.projected) for p in projected]  # once: many domains, many phases
    rows = [(d.id, d.score, d.target, [scores.get(d.id) for scores in after_phase])
            for d in result.domains]
    rows.append((OVERALL, result.overall.score, result.overall.target,
                 [p.projected_overall for p in projected]))
    for ident, score, target, after in rows:
        if score is None or target is None:
            continue
        if score >= target - TARGET_SLACK:
            out.append((ident, 0))
            continue
        out.append((ident, next((p.end_month for p, s in zip(projected, after, strict=True)
                                 if s is not None and s >= target - TARGET_SLACK), None)))
    return tuple(out)


def _project(planned: Sequence[_Slot], by_id: Mapping[str, Recommendation],
             result: ScoreResult, rules: Rules) -> tuple[RoadmapPhase, ...]:
    reached: dict[str, int] = {}
    start = 0
    phases = []
    for slot in planned:
        phase, placed, oversize = slot.phase, slot.placed, slot.oversize
        raised: dict[str, int] = {}
        for sid in placed:
            rec = by_id[sid]
            raised[rec.capability] = max(raised.get(rec.capability, 0), rec.to_level)
        reached.update({c: max(reached.get(c, 0), lv) for c, lv in raised.items()})
        domains, overall = projected_scores(result, reached)
        phases.append(RoadmapPhase(
            name=phase.name, months=phase.months, start_month=start,
            end_month=start + phase.months, capacity=phase.capacity,
            recommendations=tuple(placed), effort=sum(by_id[s].effort for s in placed),
            oversize=tuple(oversize), projected=domains, projected_overall=overall,
            levels=tuple(sorted(raised.items())),
            teams=_team_load(placed, by_id, rules, phase.months),
            waiting=tuple((t, tuple(ids)) for t, ids in sorted(slot.waiting.items())),
        ))
        start += phase.months
    return tuple(phases)


def _team_load(placed: Sequence[str], by_id: Mapping[str, Recommendation], rules: Rules,
               months: int) -> tuple[tuple[str, float, float | None], ...]:
    """(team, effort, capacity or None) for every listed team and every owner with work."""
    load = {name: 0.0 for name, _, _ in rules.teams}
    for sid in placed:
        load[by_id[sid].owner] = load.get(by_id[sid].owner, 0.0) + by_id[sid].effort
    return tuple((t, e, rules.team_capacity(t, months)) for t, e in sorted(load.items()))


def _mean(pairs: Sequence[tuple[float, float | None]]) -> float | None:
    scored = [(w, s) for w, s in pairs if s is not None]
    total = sum(w for w, _ in scored)
    if not scored or total <= 0:
        return None
    return sum(w * s for w, s in scored) / total


def projected_scores(result: ScoreResult, reached: Mapping[str, int]
                     ) -> tuple[tuple[tuple[str, float | None], ...], float | None]:
    """Domain and overall scores if every capability reached the level in ``reached``."""
    domains = []
    for d in result.domains:
        caps = [(c.weight, None if c.score is None else max(c.score, reached.get(c.id, 0)))
                for c in d.capabilities]
        domains.append((d.id, d.weight, _mean(caps)))
    overall = _mean([(w, s) for _, w, s in domains])
    return tuple((i, s) for i, _, s in domains), overall
