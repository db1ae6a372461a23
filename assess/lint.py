"""``assess lint``: content checks for questionnaire and dependency-model authors.

Validation says a file is usable; lint says it is good enough to put in front of a client:
every capability asked about and linked to a programme, every level described (and
differently), references, guidance and evidence given, an action for every level step,
and ids that follow one convention.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assess.errors import InvalidInput, Problem, problem_order
from assess.load import checks, yamlio
from assess.load.loader import guess_kind, load_checked
from assess.load.tailoring import tailor_for_assessment
from assess.load.workspace import (
    ASSESSMENT_FILE,
    all_capability_ids,
    available,
    dependency_file,
    find_definition,
    load_dependencies,
    load_framework,
)
from assess.load.yamlio import Document, display_path
from assess.models import Assessment, DependencyModel, Framework, Questionnaire

CAPABILITY_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
QUESTION_ID = re.compile(r"^(?P<prefix>[A-Z]{2,4})-(?P<cap>[A-Z0-9]{2,5})-(?P<n>\d{2})$")


@dataclass(frozen=True)
class LintReport:
    files: list[str]
    findings: list[Problem]


def _framework(ident: str, root: Path | None) -> Framework | None:
    try:
        return load_framework(ident, root)[0]
    except Exception:  # validation reports framework problems; lint judges content
        return None


LINT_RULES: dict[str, str] = {
    "capability-without-questions": "a capability with no question",
    "capability-id": "a capability id that is not snake_case",
    "question-id": "a question id not in the PREFIX-CAP-NN form",
    "references": "a question citing no standard",
    "guidance": "a question with no guidance for the facilitator",
    "evidence": "a question with no evidence to ask for",
    "level-descriptors": "a level-anchored question missing a level's descriptor",
    "repeated-descriptor": "a level descriptor repeating another level's",
    "copied-descriptor": "a level descriptor copied from another question",
    "id-prefix": "question ids using several prefixes in one questionnaire",
    "capability-code": "questions of one capability using several capability codes",
}
"""Lint rules by name: a questionnaire or its framework can switch rules off with
``lint_disable: [question-id, ...]`` (content imported from a published model keeps the
model's own ids and has no facilitator guidance, for example)."""


def lint_questionnaire(q: Questionnaire, doc: Document, fw: Framework | None) -> list[Problem]:
    """Content findings for one questionnaire, less the rules it or its framework switch off."""
    out: list[Problem] = []
    off = set(q.lint_disable) | set(fw.lint_disable if fw else ())
    for i, name in enumerate(q.lint_disable):
        if name not in LINT_RULES:
            out.append(doc.problem(("lint_disable", i), f"unknown lint rule {name!r} (known: "
                                   f"{', '.join(sorted(LINT_RULES))})"))

    def finding(rule: str, loc: tuple[str | int, ...], message: str) -> None:
        if rule not in off:
            out.append(doc.problem(loc, message))

    asked = {x.capability for x in q.questions}
    for i, cap in enumerate(q.capabilities):
        if cap.id not in asked:
            finding("capability-without-questions", ("capabilities", i),
                    f"capability {cap.id!r} has no questions")
        if not CAPABILITY_ID.match(cap.id):
            finding("capability-id", ("capabilities", i, "id"),
                    f"capability id {cap.id!r} is not snake_case")
    levels = [lv.level for lv in fw.levels] if fw and fw.answer_scale is None else []
    if fw is not None:
        for name in fw.lint_disable:
            if name not in LINT_RULES:
                out.append(doc.problem((), f"framework {fw.id!r}: unknown lint rule {name!r}"))
    prefixes: dict[str, int] = {}
    cap_codes: dict[str, set[str]] = defaultdict(set)
    seen_descriptors: dict[str, str] = {}
    for i, question in enumerate(q.questions):
        loc = ("questions", i)
        match = QUESTION_ID.match(question.id)
        if not match:
            finding("question-id", (*loc, "id"), f"question id {question.id!r} does not "
                    "follow PREFIX-CAP-NN (e.g. CY-IAM-01)")
        else:
            prefixes.setdefault(match["prefix"], i)
            cap_codes[question.capability].add(match["cap"])
        if not question.references:
            finding("references", loc, "no references (cite a standard identifier)")
        if not question.guidance.strip():
            finding("guidance", loc, "no guidance for the facilitator")
        if not question.evidence:
            finding("evidence", loc, "no evidence to ask for")
        if levels:
            given = question.levels or {}
            missing = [lv for lv in levels if lv not in given]
            if missing:
                finding("level-descriptors", (*loc, "levels"),
                        f"no descriptor for levels {missing}")
            texts: dict[str, int] = {}
            for lv, text in sorted(given.items()):
                key = " ".join(text.lower().split())
                if key in texts:
                    finding("repeated-descriptor", (*loc, "levels", lv),
                            f"descriptor of level {lv} repeats level {texts[key]}")
                texts.setdefault(key, lv)
                if key in seen_descriptors and seen_descriptors[key] != question.id:
                    finding("copied-descriptor", (*loc, "levels", lv),
                            f"descriptor copied from question {seen_descriptors[key]}")
                seen_descriptors.setdefault(key, question.id)
    if len(prefixes) > 1:
        first = sorted(prefixes, key=prefixes.__getitem__)
        finding("id-prefix", ("questions", prefixes[first[1]], "id"), "question ids use "
                f"several prefixes ({', '.join(first)}); use one per questionnaire")
    for capability, codes in sorted(cap_codes.items()):
        if len(codes) > 1:
            finding("capability-code", ("questions",), f"questions of {capability!r} use "
                    f"several capability codes ({', '.join(sorted(codes))})")
    return out


def lint_dependencies(
    model: DependencyModel, doc: Document, questionnaires: Sequence[Questionnaire],
    fw: Framework | None,
) -> list[Problem]:
    """Every capability reaches a programme and has an action for every level step."""
    out: list[Problem] = []
    reaches = {t.id for t in model.technologies if t.programmes}
    entries = {e.capability: (i, e) for i, e in enumerate(model.capabilities)}
    steps = [lv.level for lv in fw.levels][1:] if fw else []
    for q in questionnaires:
        for cap in q.capabilities:
            if cap.id not in entries:
                out.append(doc.problem(("capabilities",), f"capability {cap.id!r} ({q.id}) has "
                                       "no entry: it reaches no programme and has no actions"))
                continue
            i, entry = entries[cap.id]
            if not any(link.technology in reaches for link in entry.technologies):
                out.append(doc.problem(("capabilities", i, "technologies"), f"capability "
                                       f"{cap.id!r} reaches no programme"))
            missing = [s for s in steps if s not in entry.actions]
            if missing:
                out.append(doc.problem(("capabilities", i, "actions"), f"no action for the "
                                       f"steps to levels {missing} of {cap.id!r}"))
    for i, tech in enumerate(model.technologies):
        if not tech.programmes:
            out.append(doc.problem(("technologies", i), f"technology {tech.id!r} serves no "
                                   "programme"))
    return out


@dataclass(frozen=True)
class _Targets:
    files: list[Path]
    """Questionnaire files to lint."""
    root: Path | None = None
    """The assessment folder, when linting an assessment."""
    assessment: Assessment | None = None
    dependencies: bool = False
    """Whether to lint a dependency model (shipped content or an assessment's)."""


def _targets(path: Path | None) -> _Targets:
    if path is None:
        shipped = [find_definition("questionnaires", i) for i in available("questionnaires")]
        return _Targets([p for p in shipped if p is not None], dependencies=True)
    if path.name == ASSESSMENT_FILE or (path / ASSESSMENT_FILE).is_file():
        root = path.parent if path.name == ASSESSMENT_FILE else path
        a = load_checked(root / ASSESSMENT_FILE, Assessment, lambda a, d: [])[0]
        files = [find_definition("questionnaires", i, root) for i in a.questionnaires]
        return _Targets([p for p in files if p is not None], root, a, dependencies=True)
    return _Targets(sorted(path.glob("*.yaml")) if path.is_dir() else [path])


_KIND_WORDS = {"response": "a response file", "assessment": "an assessment file",
               "framework": "a maturity framework", "dependencies": "a dependency model"}


def _other_kind(file: Path) -> str | None:
    """What a file looks like when it is clearly not a questionnaire, else None."""
    try:
        kind = guess_kind(yamlio.read(file).data)
    except InvalidInput:
        return None                      # unreadable: linting it reports why
    return _KIND_WORDS.get(kind or "questionnaire")


def lint(path: Path | None = None) -> LintReport:
    """Lint shipped content (no path), a questionnaire file, a folder of them, or an
    assessment's questionnaires and dependency model."""
    targets = _targets(path)
    files, root = targets.files, targets.root
    findings: list[Problem] = []
    if path is not None and root is None:
        # A folder is linted for the questionnaires in it (a responses/ folder has none);
        # a lone file of another kind is named, not reported as a broken questionnaire.
        others = {file: kind for file in files if (kind := _other_kind(file))}
        files = [file for file in files if file not in others]
        if path.is_file() and others:
            findings.append(Problem(display_path(path), 0, "", f"not a questionnaire (this "
                                    f"is {others[path]}): assess lint checks questionnaires, "
                                    "folders of them and assessments; check other files "
                                    "with assess validate"))
        elif not files:
            findings.append(Problem(display_path(path), 0, "", "no questionnaire files in "
                                    "this folder (assess lint checks questionnaires, folders "
                                    "of them and assessments; check other files with assess "
                                    "validate)"))
    questionnaires: list[Questionnaire] = []
    frameworks: dict[str, Framework | None] = {}
    for file in files:
        def check(q: Questionnaire, doc: Document) -> list[Problem]:
            if q.framework not in frameworks:
                frameworks[q.framework] = _framework(q.framework, root)
            framework = frameworks[q.framework]
            problems = checks.check_questionnaire(q, doc, framework) + lint_questionnaire(
                q, doc, framework)
            if targets.assessment is not None:
                # The assessment's overlays must still apply to the content they change.
                problems += tailor_for_assessment(q, framework, root)[1]
            return problems

        try:
            q, _ = load_checked(file, Questionnaire, check)
        except InvalidInput as exc:
            findings.extend(exc.problems)
            continue
        questionnaires.append(q)
    fw = frameworks.get(questionnaires[0].framework) if questionnaires else None
    shown = [display_path(f) for f in files]
    if targets.dependencies:
        a = targets.assessment
        model, problems = load_dependencies(a, root, all_capability_ids(root, questionnaires))
        dep_file = dependency_file(a, root)
        shown.append(display_path(dep_file))
        findings.extend(problems)
        if not problems:
            doc = yamlio.read(dep_file)
            findings.extend(lint_dependencies(model, doc, questionnaires, fw))
    return LintReport(shown, sorted(set(findings), key=problem_order))
