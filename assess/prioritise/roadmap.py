"""Roadmap: recommendations packed into phases under a capacity, prerequisites first.

List scheduling, phase by phase: among the steps whose prerequisites are already planned
(in an earlier phase, or earlier in this one), take the most urgent; place it if its
effort fits what is left of the phase, otherwise set it aside for a later phase and try
the next. Urgency is a step's own priority raised to that of the most urgent step
waiting on it, so a modest prerequisite of an urgent step is planned in time for it.
A step larger than a whole phase can only open an empty phase; it then fills the phase
alone and is flagged. What fits nowhere is the backlog.

For each phase the projected score per domain: a capability whose steps up to level L are
delivered by the end of the phase scores max(current score, L); domains and the overall
score roll up as in scoring (weighted means).
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assess.models import Assessment
from assess.scoring.results import ScoreResult

from .recommendations import Recommendation, Recommendations

DEFAULT_PHASES = (("0-6 months", 6), ("6-12 months", 6), ("12-24 months", 12))
"""(name, months) of the phases used when the assessment defines none."""
CAPACITY_PER_MONTH = 20.0
"""Person-days per month of a phase when neither the phase, the assessment nor
--capacity gives a capacity (one person's working month)."""
SLACK = 1e-9


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


@dataclass(frozen=True)
class Roadmap:
    phases: tuple[RoadmapPhase, ...]
    backlog: tuple[str, ...]
    """Steps that fit in no phase, in rank order."""
    current: tuple[tuple[str, float | None], ...]
    """(domain id, score today), for comparison with the projections."""
    current_overall: float | None


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


def _key(rec: Recommendation) -> tuple[float, float, str]:
    return (-rec.urgency, -rec.priority, rec.id)


def plan_roadmap(recs: Recommendations, result: ScoreResult,
                 phases: Sequence[PhaseSpec]) -> Roadmap:
    """Pack ``recs`` (the whole list, not a filtered view) into ``phases``."""
    by_id = recs.by_id()
    waiting = {r.id: sum(1 for q in r.requires if q in by_id) for r in recs.items}
    unlocks: dict[str, list[str]] = {}
    for rec in recs.items:
        for req in rec.requires:
            unlocks.setdefault(req, []).append(rec.id)
    ready = [_key(r) for r in recs.items if waiting[r.id] == 0]
    heapq.heapify(ready)

    planned: list[tuple[PhaseSpec, list[str], list[str]]] = []
    for phase in phases:
        placed: list[str] = []
        oversize: list[str] = []
        aside: list[tuple[float, float, str]] = []
        used = 0.0
        while ready:
            key = heapq.heappop(ready)
            rec = by_id[key[2]]
            if used + rec.effort <= phase.capacity + SLACK:
                used += rec.effort
            elif not placed and rec.effort > phase.capacity:
                oversize.append(rec.id)  # alone in the phase, which is then full
            else:
                aside.append(key)
                continue
            placed.append(rec.id)
            for nxt in unlocks.get(rec.id, ()):
                waiting[nxt] -= 1
                if waiting[nxt] == 0:
                    heapq.heappush(ready, _key(by_id[nxt]))
            if oversize:
                break
        ready = aside + ready
        heapq.heapify(ready)
        planned.append((phase, placed, oversize))

    scheduled = {sid for _, placed, _ in planned for sid in placed}
    return Roadmap(
        phases=_project(planned, by_id, result),
        backlog=tuple(r.id for r in recs.items if r.id not in scheduled),
        current=tuple((d.id, d.score) for d in result.domains),
        current_overall=result.overall.score,
    )


def _project(planned: Sequence[tuple[PhaseSpec, list[str], list[str]]],
             by_id: Mapping[str, Recommendation], result: ScoreResult
             ) -> tuple[RoadmapPhase, ...]:
    reached: dict[str, int] = {}
    start = 0
    phases = []
    for phase, placed, oversize in planned:
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
        ))
        start += phase.months
    return tuple(phases)


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
