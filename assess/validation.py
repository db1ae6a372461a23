"""``assess validate``: check definition files, responses and whole assessments."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assess import checks
from assess.errors import AssessError, InvalidInput, Problem
from assess.loader import load_any, load_model
from assess.models import DependencyModel, Framework, Questionnaire, Response
from assess.workspace import (
    ASSESSMENT_FILE,
    all_capability_ids,
    find_definition,
    load_framework,
    load_workspace,
)
from assess.yamlio import display_path


def _framework_for(ident: str) -> Framework | None:
    try:
        return load_framework(ident)[0]
    except AssessError:
        return None


def validate_file(path: Path) -> str:
    """Validate one file of any kind; returns a one-line summary."""
    if path.name == ASSESSMENT_FILE:
        return validate_assessment(path)
    model, doc, kind = load_any(path)
    problems: list[Problem] = []
    if isinstance(model, Framework):
        problems = checks.check_framework(model, doc)
    elif isinstance(model, Questionnaire):
        problems = checks.check_questionnaire(model, doc, _framework_for(model.framework))
    elif isinstance(model, DependencyModel):
        problems = checks.check_dependencies(model, doc, all_capability_ids())
    elif isinstance(model, Response):
        q_path = find_definition("questionnaires", model.questionnaire)
        questionnaire = load_model(q_path, Questionnaire)[0] if q_path else None
        if questionnaire is None:
            problems = [doc.problem(("questionnaire",), f"unknown questionnaire "
                                    f"{model.questionnaire!r}")]
        else:
            problems = checks.check_response(model, doc, questionnaire,
                                             _framework_for(questionnaire.framework))
    else:  # an assessment file with another name
        return validate_assessment(path)
    if problems:
        raise InvalidInput(problems)
    return f"ok  {display_path(path)} ({kind})"


def validate_assessment(path: Path) -> str:
    ws = load_workspace(path)
    return (f"ok  {display_path(ws.root)} (assessment: {len(ws.questionnaires)} questionnaires, "
            f"{len(ws.responses)} response files)")


def validate_paths(paths: Sequence[Path]) -> list[str]:
    """Validate files and folders (searched for .yaml files). A file of an assessment
    (assessment.yaml or one in its responses/) validates the whole assessment, since a
    response is only meaningful against the assessment's scope. Raises InvalidInput with
    every problem."""
    summaries: list[str] = []
    problems: list[Problem] = []
    targets: list[Path] = []
    for path in paths:
        files = sorted(path.rglob("*.yaml")) if path.is_dir() else [path]
        targets += [_assessment_of(f) or f for f in files]
    for target in dict.fromkeys(targets):
        try:
            summaries.append(validate_file(target))
        except InvalidInput as exc:
            problems.extend(exc.problems)
        except AssessError as exc:
            problems.append(Problem(display_path(target), 0, "", str(exc)))
    if problems:
        raise InvalidInput(problems)
    return summaries


def _assessment_of(path: Path) -> Path | None:
    """The assessment.yaml a file belongs to (itself, or its responses/ folder's owner)."""
    if path.name == ASSESSMENT_FILE:
        return path
    owner = path.parent.parent / ASSESSMENT_FILE
    if path.parent.name == "responses" and owner.is_file():
        return owner
    return None
