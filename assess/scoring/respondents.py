"""Each respondent's view: the assessment scored from one respondent's answers alone.

Workshops compare views before they argue about answers: who thinks the capability is
further along, and by how much. Every respondent is scored with the framework's method
exactly as the combined result is, so the columns are comparable with the combined score
beside them. A consensus response is not a respondent's view (it usually answers only the
questions the workshop settled); it shows in the combined score, where it wins.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import respondent_key, score_assessment
from .inputs import Inputs
from .results import ScoreResult


@dataclass(frozen=True)
class RespondentViews:
    """The combined result and one result per respondent, in the same order as ``names``."""

    combined: ScoreResult
    names: tuple[str, ...]
    """Respondent names in first-seen order (response files are read in name order)."""
    views: tuple[ScoreResult, ...]

    def view(self, name: str) -> ScoreResult:
        return self.views[self.names.index(name)]


def score_by_respondent(inputs: Inputs) -> RespondentViews:
    """Score the assessment once combined and once per respondent."""
    names = tuple(dict.fromkeys(respondent_key(r) for r in inputs.responses
                                if not r.consensus))
    views = tuple(
        score_assessment(Inputs(inputs.assessment, inputs.framework, inputs.questionnaires,
                                [r for r in inputs.responses
                                 if not r.consensus and respondent_key(r) == name]))
        for name in names
    )
    return RespondentViews(score_assessment(inputs), names, views)
