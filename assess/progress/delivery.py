"""Delivery realism: what the baseline's plan asked for, what was delivered, and what the
new plan asks for over the same length of time.

*Planned* is the effort of the baseline roadmap's steps that were due by now (their phase
ended within the months between the two assessments); *delivered* is the effort of those
of them now achieved. The new plan's *demand* is the effort of its phases ending within
the same number of months (at least its first phase). When the demand is more than
:data:`WARN_RATIO` times what was delivered, the plan is flagged as unlikely to be
delivered at the organisation's demonstrated pace.
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.prioritise import Recommendations, Roadmap

from .achieved import PlanOutcome

WARN_RATIO = 1.5
"""The new plan asks for much more than was delivered above this multiple."""


@dataclass(frozen=True)
class Delivery:
    months: int
    """Months between the baseline and this assessment."""
    planned_steps: int
    planned_effort: float
    """Effort of the baseline's steps due by now (person-days)."""
    delivered_steps: int
    delivered_effort: float
    """Effort of the due steps achieved."""
    demand_months: int
    """Months of this plan compared: its phases ending within ``months``."""
    demand_steps: int
    demand_effort: float
    """Effort this plan puts in those months."""

    @property
    def share(self) -> float | None:
        """Share of the planned effort delivered; None when nothing was planned."""
        return self.delivered_effort / self.planned_effort if self.planned_effort else None

    @property
    def ratio(self) -> float | None:
        """This plan's demand over what was delivered; None when nothing was delivered."""
        return self.demand_effort / self.delivered_effort if self.delivered_effort else None

    @property
    def warning(self) -> bool:
        """The new plan asks for much more than the organisation delivered."""
        if not self.planned_steps:
            return False
        return (self.ratio is None and self.demand_effort > 0) or (
            self.ratio is not None and self.ratio > WARN_RATIO)


def delivery(outcome: PlanOutcome, roadmap: Roadmap, recs: Recommendations) -> Delivery:
    """Compare the baseline plan's delivery (``outcome``) with this ``roadmap``'s demand."""
    due = outcome.due
    done = [s for s in due if s.achieved]
    chosen = [p for p in roadmap.phases if p.end_month <= outcome.months] or \
        list(roadmap.phases[:1])
    by_id = recs.by_id()
    steps = [by_id[s] for p in chosen for s in p.recommendations]
    return Delivery(
        months=outcome.months, planned_steps=len(due),
        planned_effort=sum(s.effort for s in due), delivered_steps=len(done),
        delivered_effort=sum(s.effort for s in done),
        demand_months=max((p.end_month for p in chosen), default=0),
        demand_steps=len(steps), demand_effort=sum(r.effort for r in steps),
    )
