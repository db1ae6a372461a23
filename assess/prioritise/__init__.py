"""Prioritise: scores + dependency model -> recommendations, roadmap, programme readiness.

The core API (frozen dataclasses in, frozen dataclasses out; no files, no click)::

    recs = recommend(model, result)                    # Recommendations, ranked
    view = select(recs, top=5, domain="cloud")         # a filtered view, ranks kept
    plan = plan_roadmap(recs, result, phases_for(assessment, capacity=None))
    ready = programme_readiness(model, result)         # tuple[Readiness, ...]

:func:`analyse` does load -> score -> recommend for an assessment folder in one call.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assess.models import Assessment, DependencyModel
from assess.scoring.results import ScoreResult

from .readiness import Blocker, Readiness, programme_readiness
from .recommendations import Recommendation, Recommendations, recommend, select
from .roadmap import (
    PhaseSpec,
    Roadmap,
    RoadmapPhase,
    Rules,
    phases_for,
    plan_roadmap,
    roadmap_for,
    rules_for,
)

__all__ = [
    "Analysis", "Blocker", "PhaseSpec", "Readiness", "Recommendation", "Recommendations",
    "Roadmap", "RoadmapPhase", "Rules", "analyse", "phases_for", "plan_roadmap",
    "programme_readiness", "recommend", "roadmap_for", "rules_for", "select",
]


@dataclass(frozen=True)
class Analysis:
    """One assessment scored and prioritised: what every later stage reads."""

    assessment: Assessment
    model: DependencyModel
    result: ScoreResult
    recommendations: Recommendations

    def roadmap(self, capacity: float | None = None) -> Roadmap:
        """The phased roadmap (``capacity`` overrides every phase's capacity)."""
        return roadmap_for(self.assessment, self.recommendations, self.result, capacity)

    def readiness(self) -> tuple[Readiness, ...]:
        """Readiness of every programme of the dependency model."""
        return programme_readiness(self.model, self.result)


def analyse(path: Path) -> Analysis:
    """Load, check and score the assessment at ``path``, then rank its recommendations."""
    from assess.load.workspace import load_workspace
    from assess.scoring import score_assessment

    ws = load_workspace(path)
    result = score_assessment(ws.scoring_inputs())
    return Analysis(ws.assessment, ws.dependencies, result,
                    recommend(ws.dependencies, result, ws.assessment.must_do,
                              ws.out_of_scope_needs))
