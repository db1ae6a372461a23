"""Load, score and roll up: the one call behind ``assess crosswalk`` and the report."""

from __future__ import annotations

from pathlib import Path

from assess.crosswalk import Crosswalk, crosswalk
from assess.load.mappings import load_mapping_sets, load_standard, require_target
from assess.load.workspace import Workspace, load_workspace
from assess.scoring import score_assessment
from assess.scoring.results import ScoreResult


def crosswalk_of(ws: Workspace, result: ScoreResult, target: str,
                 group: str | None = None) -> Crosswalk:
    """The crosswalk of a loaded, scored assessment onto ``target`` (``group``: only the
    items of that implementation group)."""
    require_target(target, ws.root)
    return crosswalk(result, ws.framework, ws.questionnaires, target,
                     load_standard(target, ws.root), load_mapping_sets(ws.root), group)


def run_crosswalk(path: Path, target: str, group: str | None = None) -> Crosswalk:
    ws = load_workspace(path, dependencies=False)
    return crosswalk_of(ws, score_assessment(ws.scoring_inputs()), target, group)
