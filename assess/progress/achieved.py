"""Did we do what the plan said? The baseline's recommendations against today's levels.

Each baseline recommendation is one level step of one capability (``cloud_finops:3``
raises FinOps from 2 to 3). It is *achieved* when the capability's level now is at least
the step's level, whoever did the work; *not achieved* when it is lower; and unknown
(``None``) when the capability has no score now (out of scope, removed or unanswered).

A step is *due* when the baseline's roadmap placed it in a phase that ends within the
months between the two assessments (a 0-6 or 6-12 month phase, a year later); backlog
steps and later phases are not yet due. Prioritisation itself is the
:mod:`assess.prioritise` API; nothing here re-ranks anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.prioritise import Recommendations, Roadmap
from assess.scoring.results import ScoreResult


@dataclass(frozen=True)
class StepOutcome:
    """One baseline recommendation and what became of it."""

    id: str
    rank: int
    """Rank in the baseline's list."""
    capability: str
    capability_name: str
    domain: str
    from_level: int
    to_level: int
    action: str
    phase: str | None
    """Baseline roadmap phase; None when the step was in the backlog."""
    due: bool
    """The phase ended within the months between the two assessments."""
    current_level: int | None
    achieved: bool | None
    """None when the capability has no score now."""
    effort: float = 0.0
    """Person-days the baseline's plan put on the step."""


@dataclass(frozen=True)
class PlanOutcome:
    """The baseline's recommendations, in its rank order, against today's levels."""

    months: int
    """Whole months between the two assessments."""
    steps: tuple[StepOutcome, ...]

    @property
    def achieved(self) -> tuple[StepOutcome, ...]:
        return tuple(s for s in self.steps if s.achieved)

    @property
    def due(self) -> tuple[StepOutcome, ...]:
        return tuple(s for s in self.steps if s.due)

    @property
    def due_achieved(self) -> tuple[StepOutcome, ...]:
        return tuple(s for s in self.steps if s.due and s.achieved)


def plan_outcome(recommendations: Recommendations, roadmap: Roadmap | None,
                 current: ScoreResult, months: int) -> PlanOutcome:
    """Judge every baseline recommendation against the current capability levels."""
    phase_of: dict[str, tuple[str | None, bool]] = {}
    for planned in roadmap.phases if roadmap is not None else ():
        for step in planned.recommendations:
            phase_of[step] = (planned.name, planned.end_month <= months)
    levels: dict[str, int | None] = {c.id: c.level for c in current.capabilities()}
    steps = []
    for rec in recommendations.items:
        level = levels.get(rec.capability)
        phase, due = phase_of.get(rec.id, (None, False))
        steps.append(StepOutcome(
            id=rec.id, rank=rec.rank, capability=rec.capability,
            capability_name=rec.capability_name, domain=rec.domain,
            from_level=rec.from_level, to_level=rec.to_level, action=rec.action,
            phase=phase, due=due, current_level=level,
            achieved=None if level is None else level >= rec.to_level, effort=rec.effort,
        ))
    return PlanOutcome(months, tuple(steps))
