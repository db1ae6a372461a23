"""Progress over time: an assessment against its baseline, and trends over several.

The core API (frozen dataclasses in and out; no click)::

    snap = load_snapshot(path)                  # load, score, recommend, plan one assessment
    cmp = compare(baseline_snap, current_snap)  # Comparison: deltas, versions, plan achieved
    cmp = compare_paths(baseline, current)      # the same from two folders
    tr = trend_paths([a, b, c])                 # Trend: scores in date order

A baseline is any earlier assessment of the same organisation; ``assessment.yaml`` names
it with ``baseline:`` (a path relative to the assessment folder).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assess.errors import AssessError
from assess.models import Plan, Questionnaire
from assess.prioritise import Recommendations, Roadmap
from assess.scoring.results import ScoreResult

from .achieved import PlanOutcome, StepOutcome, plan_outcome
from .baselines import baseline_chain, baseline_of
from .compare import (
    STATUSES,
    TOLERANCE,
    Change,
    Comparison,
    QuestionChange,
    TargetChange,
    compare_results,
    months_between,
    targets_changed,
)
from .delivery import Delivery, delivery
from .trend import Trend, score_paths, trend, trend_paths
from .versions import QuestionPair, VersionChanges, match_questions

__all__ = [
    "STATUSES",
    "TOLERANCE",
    "Change",
    "Comparison",
    "Delivery",
    "PlanOutcome",
    "Progress",
    "QuestionChange",
    "QuestionPair",
    "Snapshot",
    "StepOutcome",
    "TargetChange",
    "Trend",
    "VersionChanges",
    "baseline_chain",
    "baseline_of",
    "compare",
    "compare_paths",
    "delivery",
    "delivery_since_baseline",
    "load_snapshot",
    "match_questions",
    "progress_since_baseline",
    "trend",
    "trend_paths",
]


@dataclass(frozen=True)
class Snapshot:
    """One assessment as a comparison reads it."""

    result: ScoreResult
    questionnaires: tuple[Questionnaire, ...]
    """The questionnaire versions the assessment was scored with."""
    recommendations: Recommendations | None = None
    roadmap: Roadmap | None = None
    source: str = ""
    """Where it was loaded from, as shown to the user."""
    plan: Plan | None = None
    """The agreed plan saved in the assessment (plan.yaml), if any."""


def load_snapshot(path: Path) -> Snapshot:
    """Load, check and score the assessment at ``path``; rank and plan its recommendations."""
    from assess.load.workspace import load_workspace
    from assess.load.yamlio import display_path
    from assess.prioritise import recommend, roadmap_for
    from assess.prioritise.plan_file import load_plan
    from assess.scoring import score_assessment

    ws = load_workspace(path)
    result = score_assessment(ws.scoring_inputs())
    recs = recommend(ws.dependencies, result, ws.assessment.must_do,
                              ws.out_of_scope_needs)
    roadmap = roadmap_for(ws.assessment, recs, result)
    return Snapshot(result, tuple(ws.questionnaires), recs, roadmap, display_path(ws.root),
                    load_plan(ws.root))


def compare(baseline: Snapshot, current: Snapshot, tolerance: float = TOLERANCE) -> Comparison:
    """Compare ``current`` with its ``baseline`` (see :mod:`assess.progress.compare`)."""
    versions = match_questions(baseline.questionnaires, current.questionnaires)
    overall, domains, questions = compare_results(baseline.result, current.result, versions,
                                                  tolerance)
    plan = None
    if baseline.recommendations is not None:
        plan = plan_outcome(baseline.recommendations, baseline.roadmap, current.result,
                            months_between(baseline.result.date, current.result.date),
                            baseline.plan)
    return Comparison(
        baseline=baseline.result, current=current.result, tolerance=tolerance,
        overall=overall, domains=domains, versions=versions, questions=questions,
        targets=targets_changed(domains), plan=plan,
        baseline_source=baseline.source, current_source=current.source,
    )


def compare_paths(baseline: Path | None, current: Path,
                  tolerance: float = TOLERANCE) -> Comparison:
    """Compare two assessment folders; without ``baseline``, the one ``current`` names."""
    if baseline is None:
        baseline = baseline_of(current)
        if baseline is None:
            raise AssessError(f"{current}: no baseline given, and its assessment.yaml names "
                              "none (add `baseline: ../earlier-assessment`, or give two "
                              "folders: BASELINE CURRENT)")
    return compare(load_snapshot(baseline), load_snapshot(current), tolerance)


@dataclass(frozen=True)
class Progress:
    """An assessment against its baseline, and the trend over the whole baseline chain."""

    comparison: Comparison
    trend: Trend


def progress_since_baseline(root: Path, result: ScoreResult,
                            questionnaires: tuple[Questionnaire, ...] | list[Questionnaire],
                            ) -> Progress | None:
    """Progress of the assessment at ``root`` (already scored as ``result``) since the
    baseline its assessment.yaml names; None when it names none. Only the direct baseline
    is compared; the trend runs over the whole chain of baselines."""
    from assess.load.yamlio import display_path

    baseline = baseline_of(root)
    if baseline is None:
        return None
    base = load_snapshot(baseline)
    current = Snapshot(result, tuple(questionnaires), source=display_path(root))
    results, sources = score_paths(baseline_chain(baseline)[:-1])
    results += [base.result, result]
    sources += [base.source, current.source]
    return Progress(compare(base, current), trend(results, sources))


def delivery_since_baseline(root: Path, result: ScoreResult, roadmap: Roadmap,
                            recs: Recommendations) -> Delivery | None:
    """How much of the baseline's plan was delivered, beside what ``roadmap`` asks for over
    the same months; None when the assessment at ``root`` names no baseline."""
    baseline = baseline_of(root)
    if baseline is None:
        return None
    base = load_snapshot(baseline)
    assert base.recommendations is not None
    outcome = plan_outcome(base.recommendations, base.roadmap, result,
                           months_between(base.result.date, result.date), base.plan)
    return delivery(outcome, roadmap, recs)
