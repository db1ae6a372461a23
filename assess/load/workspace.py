"""Find and load everything an assessment needs, checking it as one whole.

Lookup order for a questionnaire or framework id: the assessment's own
``questionnaires/`` or ``frameworks/`` folder first (client-specific content), then the
shipped content. Every file is read once; all problems in all files are reported together.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from assess.errors import InvalidInput, NotFound, Problem
from assess.load import checks
from assess.load.answers import canonical_response
from assess.load.dependencies import dependency_file as dependency_file  # re-exported
from assess.load.dependencies import effective_dependencies
from assess.load.dependencies import load_dependencies as load_dependencies  # re-exported
from assess.load.loader import load_checked, load_model
from assess.load.resources import content_path
from assess.load.tailoring import Tailored, check_scope, scope_notice, tailor, tailoring_for
from assess.load.yamlio import Document, display_path
from assess.models import (
    DEFAULT_OWNER,
    Assessment,
    DependencyModel,
    DomainTarget,
    Framework,
    Questionnaire,
    Response,
)
from assess.scoring.inputs import Inputs

M = TypeVar("M", Framework, Questionnaire, Assessment, Response, DependencyModel)

ASSESSMENT_FILE = "assessment.yaml"
RESPONSES = "responses"


@dataclass
class Workspace:
    """A loaded, checked assessment."""

    root: Path
    assessment: Assessment
    framework: Framework
    questionnaires: list[Questionnaire]
    responses: list[Response]
    dependencies: DependencyModel
    response_files: list[Path] = field(default_factory=list)
    excluded: list[tuple[str, str, str]] = field(default_factory=list)
    """(capability id, name, reason) of each capability out of scope, in the file's order."""
    out_of_scope_needs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Capability id -> names of the prerequisites dropped because they are out of scope."""

    def scoring_inputs(self) -> Inputs:
        """What scoring reads from this workspace."""

        return Inputs(self.assessment, self.framework, self.questionnaires, self.responses)


def assessment_file(path: Path) -> Path:
    """``assessment.yaml`` of an assessment folder, or the file itself."""
    from assess.load.files import check_regular

    if path.is_dir():
        path = path / ASSESSMENT_FILE
    check_regular(path)
    if not path.is_file():
        raise NotFound(f"{display_path(path)}: no assessment here (expected a folder holding "
                       f"{ASSESSMENT_FILE}, or that file)")
    return path


def responses_folder(root: Path) -> Path:
    """``root/responses``; a located error when something other than a folder has that
    name (every domain would otherwise score as unanswered, and capture lose its answers).
    It may be missing: a new assessment has no answers yet."""
    folder = root / RESPONSES
    if os.path.lexists(folder) and not folder.is_dir():
        from assess.load.files import kind_of

        what = kind_of(folder.stat().st_mode) if folder.exists() else "a broken link"
        raise InvalidInput([Problem(display_path(folder), 0, "", f"expected the folder of "
                                    f"response files, found {what}; move it aside and "
                                    f"create a folder named {RESPONSES}")])
    return folder


def search_dirs(kind: str, root: Path | None) -> list[Path]:
    dirs = [root / kind] if root is not None else []
    return [*dirs, content_path(kind)]


def find_definition(kind: str, ident: str, root: Path | None = None) -> Path | None:
    """Path of questionnaire or framework ``ident``, client folder first."""
    for folder in search_dirs(kind, root):
        candidate = folder / f"{ident}.yaml"
        # Anything of that name counts (a FIFO, a broken link), so reading it reports the
        # problem instead of the shipped content being used in its place.
        if os.path.lexists(candidate):
            return candidate
    return None


def available(kind: str, root: Path | None = None) -> list[str]:
    """Ids of every questionnaire or framework that can be found."""
    ids: set[str] = set()
    for folder in search_dirs(kind, root):
        if folder.is_dir():
            ids.update(p.stem for p in folder.glob("*.yaml"))
    return sorted(ids)


class _Collector:
    """Gathers problems across files so one run reports them all."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, problems: Iterable[Problem]) -> None:
        self.problems.extend(problems)

    def load(self, path: Path, model: type[M],
             check: Callable[[M, Document], list[Problem]] | None = None,
             ) -> tuple[M, Document] | None:
        try:
            if check is not None:
                return load_checked(path, model, check)
            return load_model(path, model)
        except InvalidInput as exc:
            self.add(exc.problems)
            return None


def load_framework(ident: str, root: Path | None = None) -> tuple[Framework, Document]:
    path = find_definition("frameworks", ident, root)
    if path is None:
        raise NotFound(f"unknown framework {ident!r} (known: "
                       f"{', '.join(available('frameworks', root))})")
    return load_checked(path, Framework, checks.check_framework)


def all_capability_ids(root: Path | None = None,
                       loaded: Iterable[Questionnaire] = ()) -> set[str]:
    """Capability ids of every questionnaire that can be found (for dependency checks);
    questionnaires already ``loaded`` are not read again."""
    ids = {c.id for q in loaded for c in q.capabilities}
    done = {q.id for q in loaded}
    for ident in available("questionnaires", root):
        if ident in done:
            continue
        path = find_definition("questionnaires", ident, root)
        assert path is not None
        try:
            q, _ = load_model(path, Questionnaire)
        except InvalidInput:
            continue
        ids.update(c.id for c in q.capabilities)
    return ids


def load_workspace(path: Path, dependencies: bool = True) -> Workspace:
    """Load an assessment folder (or its assessment.yaml) with everything it refers to.

    ``dependencies=False`` skips the dependency model (scoring does not read it), leaving
    an empty model in its place.
    """
    file = assessment_file(path)
    root = file.parent
    col = _Collector()
    loaded = col.load(file, Assessment)
    if loaded is None:
        raise InvalidInput(col.problems)
    a, adoc = loaded

    fw_path = find_definition("frameworks", a.framework, root)
    fw: Framework | None = None
    if fw_path is None:
        col.add([adoc.problem(("framework",), f"unknown framework {a.framework!r} (known: "
                              f"{', '.join(available('frameworks', root))})")])
    else:
        fw_loaded = col.load(fw_path, Framework, checks.check_framework)
        if fw_loaded:
            fw = fw_loaded[0]

    tailoring, tailoring_problems = tailoring_for(root, a, adoc)
    col.add(tailoring_problems)
    tailored: list[Tailored] = []
    for i, ident in enumerate(a.questionnaires):
        q_path = find_definition("questionnaires", ident, root)
        if q_path is None:
            col.add([adoc.problem(("questionnaires", i), f"unknown questionnaire {ident!r} "
                                  f"(known: {', '.join(available('questionnaires', root))})")])
            continue
        q_loaded = col.load(q_path, Questionnaire,
                            lambda q, doc: checks.check_questionnaire(q, doc, fw))
        if q_loaded:
            one, problems = tailor(q_loaded[0], fw, tailoring)
            col.add(problems)
            tailored.append(one)
    questionnaires = [t.questionnaire for t in tailored]
    every_capability = all_capability_ids(root, questionnaires) | {
        c for t in tailored for c in t.capabilities_before_scope}
    col.add(check_scope(a, adoc, tailored, every_capability))
    gone = {c: name for t in tailored for c, name in t.removed_capabilities.items()}
    removed = {t.questionnaire.id: t.removed_questions for t in tailored}
    by_id = {q.id: q for q in questionnaires}
    col.add(_check_targets(a, adoc, by_id, fw))
    if a.crosswalks:
        col.add(_check_crosswalks(a, adoc, root))
    if a.profile is not None and questionnaires:
        known = sorted({p.id for q in questionnaires for p in q.profiles})
        if a.profile not in known:
            col.add([adoc.problem(("profile",), f"unknown profile {a.profile!r} (profiles of "
                                  f"the questionnaires in scope: {', '.join(known) or 'none'})")])

    responses: list[Response] = []
    try:
        folder = responses_folder(root)
    except InvalidInput as exc:
        col.add(exc.problems)
        folder = root / RESPONSES
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    answered_by: dict[tuple[str, str], Path] = {}
    ignored: dict[str, int] = {}

    def in_scope(r: Response) -> Response:
        # Answers to questions the assessment does not ask: ignored, with one notice.
        out = removed.get(r.questionnaire, frozenset()) & set(r.answers)
        if not out:
            return r
        return r.model_copy(update={"answers": {k: v for k, v in r.answers.items()
                                                if k not in out}})

    for r_path in files:
        r_loaded = col.load(r_path, Response, lambda r, doc: checks.check_response(
            in_scope(r), doc, by_id.get(r.questionnaire), fw, a.questionnaires))
        if r_loaded:
            r = in_scope(r_loaded[0])
            if len(r.answers) != len(r_loaded[0].answers):
                ignored[str(r_path)] = len(r_loaded[0].answers) - len(r.answers)
            responses.append(r if fw is None else canonical_response(
                r, fw, by_id.get(r.questionnaire)))
            col.add(_check_repeated_respondent(r, r_loaded[1], answered_by))

    deps = DependencyModel(schema_version=1)
    needs: dict[str, tuple[str, ...]] = {}
    if dependencies:
        deps, dep_problems, needs = effective_dependencies(a, root, every_capability | set(gone),
                                                           tailoring, gone)
        col.add(dep_problems)
        if not dep_problems and a.dependencies is not None:
            # A mistyped id would otherwise leave the intended programme's weight unchanged.
            known = [p.id for p in deps.programmes]
            col.add(adoc.problem(("dependencies", "programme_weights", ident),
                                 f"unknown programme {ident!r} (known: {', '.join(known)})")
                    for ident in a.dependencies.programme_weights if ident not in known)
        if not dep_problems and a.teams:
            # A misspelt team would otherwise constrain nothing, silently.
            owners = sorted({act.owner for c in deps.capabilities for act in c.actions.values()}
                            | {DEFAULT_OWNER})
            col.add(adoc.problem(("teams", name), f"no step of the dependency model is owned "
                                 f"by {name!r} (owners: {', '.join(owners)})")
                    for name in a.teams if name not in owners)
    if col.problems or fw is None:
        raise InvalidInput(col.problems)
    if a.profile is not None:
        questionnaires = [in_profile(q, a.profile) for q in questionnaires]
    message = scope_notice(ignored)
    if message:
        from assess.notices import notice

        notice(message)
    excluded = [(x.id, gone.get(x.id, x.id), x.reason) for x in a.exclude_capabilities]
    return Workspace(root, a, fw, questionnaires, responses, deps, files, excluded, needs)


def in_profile(q: Questionnaire, profile: str) -> Questionnaire:
    """``q`` scoped to ``profile``: the questions tagged with it or with no profile, and the
    capabilities that keep a question (the others are out of scope, as if absent). Answers
    to the questions left out are kept in the response files and simply not read."""
    questions = [x for x in q.questions if not x.profiles or profile in x.profiles]
    asked = {x.capability for x in questions}
    capabilities = [c for c in q.capabilities if c.id in asked]
    if len(questions) == len(q.questions) and len(capabilities) == len(q.capabilities):
        return q
    return q.model_copy(update={"questions": questions, "capabilities": capabilities})


def _check_crosswalks(a: Assessment, doc: Document, root: Path) -> list[Problem]:
    """Every standard under ``crosswalks:`` is one a crosswalk can go to (and its mapping
    sets load): the report would otherwise fail after everything else was done."""
    from assess.load.mappings import known_targets

    try:
        known = known_targets(root)
    except InvalidInput as exc:
        return list(exc.problems)
    return [doc.problem(("crosswalks", i), f"unknown standard {target!r} (known: "
                        f"{', '.join(known)})")
            for i, target in enumerate(a.crosswalks) if target not in known]


def _check_repeated_respondent(r: Response, doc: Document,
                               answered_by: dict[tuple[str, str], Path]) -> list[Problem]:
    """One file per respondent per questionnaire: a copied or renamed file would otherwise
    count the same person's answers twice."""
    if r.respondent is None or r.consensus:
        return []
    key = (r.questionnaire, " ".join(r.respondent.name.casefold().split()))
    first = answered_by.setdefault(key, doc.path)
    if first == doc.path:
        return []
    return [doc.problem(("respondent", "name"), f"{r.respondent.name!r} already answered "
                        f"{r.questionnaire!r} in {display_path(first)}; their answers would "
                        "count twice (keep one file per respondent per questionnaire)")]


def _check_targets(a: Assessment, doc: Document, questionnaires: dict[str, Questionnaire],
                   fw: Framework | None = None) -> list[Problem]:
    problems = []
    low, high = (fw.levels[0].level, fw.levels[-1].level) if fw is not None else (None, None)

    def outside(value: float, at: tuple[str, ...]) -> None:
        if low is not None and high is not None and not low <= value <= high:
            problems.append(doc.problem(at, f"target {value:g} is outside the framework's "
                                        f"levels {low}-{high}"))

    for domain, spec in a.targets.items():
        if domain not in a.questionnaires:
            problems.append(doc.problem(("targets", domain), f"target for {domain!r}, which is "
                                        "not in 'questionnaires'"))
            continue
        if isinstance(spec, DomainTarget):
            outside(spec.target, ("targets", domain, "target"))
            for cap, value in spec.capabilities.items():
                outside(value, ("targets", domain, "capabilities", cap))
        else:
            outside(spec, ("targets", domain))
        q = questionnaires.get(domain)
        if isinstance(spec, DomainTarget) and q is not None:
            known = {c.id for c in q.capabilities}
            for cap in spec.capabilities:
                if cap not in known:
                    problems.append(doc.problem(("targets", domain, "capabilities", cap),
                                                f"unknown capability {cap!r} in {domain!r}"))
    in_scope = {c.id for q in questionnaires.values() for c in q.capabilities}
    for i, sid in enumerate(a.must_do):
        cap = sid.rpartition(":")[0]
        if questionnaires and cap not in in_scope:
            problems.append(doc.problem(("must_do", i), f"unknown capability {cap!r} in step "
                                        f"{sid!r} (not in the questionnaires in scope)"))
    for i, kpi in enumerate(a.governance.kpis):
        if questionnaires and kpi.capability is not None and kpi.capability not in in_scope:
            problems.append(doc.problem(("governance", "kpis", i, "capability"),
                                        f"unknown capability {kpi.capability!r} (not in the "
                                        "questionnaires in scope)"))
    return problems
