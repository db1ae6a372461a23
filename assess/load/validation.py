"""``assess validate``: check definition files, responses and whole assessments."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assess.errors import AssessError, InvalidInput, Problem
from assess.load import checks, yamlio
from assess.load.loader import guess_kind, load_model, validate_document, validate_lenient
from assess.load.workspace import (
    ASSESSMENT_FILE,
    all_capability_ids,
    find_definition,
    load_framework,
    load_workspace,
)
from assess.load.yamlio import Document, display_path
from assess.models import (
    FILE_KINDS,
    DependencyModel,
    Framework,
    MappingSet,
    Plan,
    Questionnaire,
    Response,
    Standard,
    Versioned,
)


def _framework_for(ident: str) -> Framework | None:
    try:
        return load_framework(ident)[0]
    except AssessError:
        return None


def validate_file(path: Path) -> str:
    """Validate one file of any kind; returns a one-line summary."""
    if path.name == ASSESSMENT_FILE:
        return validate_assessment(path)
    doc = yamlio.read(path)
    kind = guess_kind(doc.data)
    if kind is None:
        raise InvalidInput([doc.problem((), "cannot tell what kind of file this is (expected "
                                        "a questionnaire, framework, dependency model, "
                                        "assessment, response or plan)")])
    if kind == "assessment":
        return validate_assessment(path)
    model = FILE_KINDS[kind]
    try:
        validate_document(doc, model)
        shape: list[Problem] = []
        checked = model.model_validate(doc.data)
    except InvalidInput as exc:
        shape = list(exc.problems)
        salvaged = validate_lenient(doc, model)
        if salvaged is None:
            raise
        checked = salvaged
    problems = shape + _meaning(checked, doc)
    if problems:
        raise InvalidInput(problems)
    return f"ok  {display_path(path)} ({kind})"


def _meaning(model: Versioned, doc: Document) -> list[Problem]:
    """The meaning checks for a lone file of any kind."""
    if isinstance(model, Framework):
        return checks.check_framework(model, doc)
    if isinstance(model, Questionnaire):
        return checks.check_questionnaire(model, doc, _framework_for(model.framework))
    if isinstance(model, DependencyModel):
        return checks.check_dependencies(model, doc, all_capability_ids())
    if isinstance(model, Response):
        q_path = find_definition("questionnaires", model.questionnaire)
        if q_path is None:
            return [doc.problem(("questionnaire",), f"unknown questionnaire "
                                f"{model.questionnaire!r}"),
                    *checks.check_response(model, doc, None, None)]
        questionnaire = load_model(q_path, Questionnaire)[0]
        return checks.check_response(model, doc, questionnaire,
                                     _framework_for(questionnaire.framework))
    if isinstance(model, Plan):
        return checks.check_plan(model, doc)
    if isinstance(model, Standard):
        return checks.check_standard(model, doc)
    if isinstance(model, MappingSet):
        return checks.check_mapping_set(model, doc, *_mapping_sides(model, doc.path))
    return []


def _mapping_sides(ms: MappingSet, path: Path) -> tuple[set[str] | None, set[str] | None]:
    """The requirement ids each side of a mapping set may use, where they are known: a
    questionnaire's question ids, or the ids of a standard's catalogue (looked up beside
    the file first, then in the shipped content). None: not known, not checked."""
    from assess.load.mappings import load_standard

    root = path.parent.parent.parent if path.parent.name == "mappings" else None

    def ids(ident: str) -> set[str] | None:
        q_path = find_definition("questionnaires", ident, root)
        if q_path is not None:
            try:
                return {x.id for x in load_model(q_path, Questionnaire)[0].questions}
            except InvalidInput:
                return None
        try:
            std = load_standard(ident, root)
        except InvalidInput:
            return None
        return None if std is None else {item.id for item in std.items}

    return ids(ms.source), ids(ms.target)


def validate_assessment(path: Path) -> str:
    try:
        ws = load_workspace(path)
    except InvalidInput as exc:
        raise InvalidInput([*exc.problems, *_baseline_problems(path)]) from None
    problems = _baseline_problems(path)
    plan = ""
    try:
        from assess.prioritise.plan_file import load_plan

        if load_plan(ws.root) is not None:
            plan = ", plan.yaml"
    except InvalidInput as exc:
        problems += exc.problems
    if problems:
        raise InvalidInput(problems)
    return (f"ok  {display_path(ws.root)} (assessment: {len(ws.questionnaires)} questionnaires, "
            f"{len(ws.responses)} response files{plan})")


def _baseline_problems(path: Path) -> list[Problem]:
    """A ``baseline:`` naming no assessment (scoring ignores it; compare and report fail)."""
    import os

    from assess.load.workspace import assessment_file
    from assess.models import Assessment

    file = assessment_file(path)
    try:
        a, doc = load_model(file, Assessment)
    except InvalidInput:
        return []                        # load_workspace has reported it
    if not a.baseline:
        return []
    target = Path(os.path.normpath(file.parent / a.baseline))
    if (target / ASSESSMENT_FILE).is_file() or (target.is_file() and
                                                target.suffix in (".yaml", ".yml")):
        return []
    return [doc.problem(("baseline",), f"no assessment at {a.baseline!r} (looked for "
                        f"{display_path(target / ASSESSMENT_FILE)})")]


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
    """The assessment.yaml a file belongs to, if any.

    Responses and a client's own dependency file only make sense against their assessment
    (its scope, its questionnaires), so they validate as part of it. Questionnaires and
    frameworks in the assessment's folders are complete on their own and validate alone.
    """
    if path.name == ASSESSMENT_FILE:
        return path
    for folder in list(path.parents)[:3]:
        owner = folder / ASSESSMENT_FILE
        if owner.is_file():
            inside = path.relative_to(folder).parts
            return None if inside[0] in ("questionnaires", "frameworks") else owner
    return None
