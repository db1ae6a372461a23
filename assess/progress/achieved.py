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

from assess.models import Plan
from assess.prioritise import Recommendations, Roadmap
from assess.scoring.results import ScoreResult

REVIEW = {
    ("done", True): "delivered, visible in the scores",
    ("done", False): "reported done, not yet visible in the scores",
    ("done", None): "reported done; the capability has no score now",
    ("planned", True): "achieved in the scores, not marked done in the plan",
    ("in_progress", True): "achieved in the scores, still in progress in the plan",
    ("dropped", True): "dropped from the plan, achieved anyway",
}
"""(plan status, achieved) -> what the periodic review says; otherwise the status alone."""
STATUS_WORDS = {"planned": "not started", "in_progress": "in progress", "done": "done",
                "dropped": "dropped"}


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
    status: str | None = None
    """Status in the baseline's agreed plan (plan.yaml): planned, in_progress, done or
    dropped; None without a plan file or for a step it does not hold."""

    @property
    def review(self) -> str:
        """The plan's status beside the maturity measured, in words ('' without a plan)."""
        if self.status is None:
            return ""
        return REVIEW.get((self.status, self.achieved), STATUS_WORDS[self.status])


@dataclass(frozen=True)
class PlanOutcome:
    """The baseline's recommendations, in its rank order, against today's levels."""

    months: int
    """Whole months between the two assessments."""
    steps: tuple[StepOutcome, ...]
    from_plan_file: bool = False
    """Phases, due steps and statuses come from the baseline's plan.yaml."""

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
                 current: ScoreResult, months: int, plan: Plan | None = None) -> PlanOutcome:
    """Judge every baseline recommendation against the current capability levels.

    With the baseline's agreed ``plan`` (plan.yaml), phases and efforts are the plan's, a
    step is due when its planned end is on or before the current assessment's date, and
    each step carries its status; a dropped step is never due."""
    phase_of: dict[str, tuple[str | None, bool]] = {}
    status: dict[str, str] = {}
    effort: dict[str, float] = {}
    if plan is not None:
        today = current.date
        for step in plan.steps:
            phase_of[step.id] = (step.phase, step.status != "dropped"
                                 and step.end.isoformat() <= today)
            status[step.id] = step.status
            effort[step.id] = step.effort
    else:
        for planned in roadmap.phases if roadmap is not None else ():
            for sid in planned.recommendations:
                phase_of[sid] = (planned.name, planned.end_month <= months)
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
            achieved=None if level is None else level >= rec.to_level,
            effort=effort.get(rec.id, rec.effort), status=status.get(rec.id),
        ))
    return PlanOutcome(months, tuple(steps), from_plan_file=plan is not None)
