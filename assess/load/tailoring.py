"""The effective content of an assessment: shipped (or pinned) content + overlays - scope.

Built here, and only here, for every command: scoring, prioritising and reporting through
:func:`assess.load.workspace.load_workspace`, the workshop forms and imports through
:func:`effective_definition`. Three steps, in this order:

1. the questionnaire file (the assessment's pinned copy, else the shipped one), checked
   where it is;
2. the overlays of ``ASSESSMENT/overlays/`` (:mod:`assess.load.overlays`), every problem
   located in the overlay file;
3. ``exclude_capabilities``: those capabilities and their questions are gone, and the
   dependency model loses their entries and the prerequisites naming them (the steps that
   needed them say so in their rationale).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assess.errors import Problem
from assess.load import checks
from assess.load.overlays import Loaded, apply_questionnaire, load_overlays, question_origin
from assess.load.yamlio import Document
from assess.models import Assessment, DependencyModel, Framework, Questionnaire


@dataclass(frozen=True)
class Tailoring:
    """What an assessment changes in the content: overlays and capabilities excluded."""

    overlays: tuple[Loaded, ...] = ()
    excluded: dict[str, str] = field(default_factory=dict)
    """Capability id -> the reason given (may be empty)."""
    terms: dict[str, str] = field(default_factory=dict)
    """Neutral term -> the client's word (:mod:`assess.load.terminology`)."""


NONE = Tailoring()


def tailoring_for(root: Path | None, a: Assessment | None, adoc: Document | None = None
                  ) -> tuple[Tailoring, list[Problem]]:
    """The overlays, exclusions and words of the assessment at ``root``, and their
    problems."""
    from assess.load.terminology import terms_for

    overlays, problems = load_overlays(root)
    excluded = {} if a is None else {x.id: x.reason for x in a.exclude_capabilities}
    terms: dict[str, str] = {}
    if a is not None:
        terms, more = terms_for(a, adoc, root)
        problems += more
    return Tailoring(tuple(overlays), excluded, terms), problems


@dataclass(frozen=True)
class Tailored:
    """One questionnaire as the assessment uses it."""

    questionnaire: Questionnaire
    removed_questions: frozenset[str] = frozenset()
    """Question ids of the file that the assessment does not ask (answers are ignored)."""
    removed_capabilities: dict[str, str] = field(default_factory=dict)
    """Capability id -> name, of those removed by an overlay or excluded."""
    capabilities_before_scope: frozenset[str] = frozenset()
    """Capability ids after the overlays, before exclusion (what may be excluded)."""


def tailor(q: Questionnaire, fw: Framework | None, t: Tailoring
           ) -> tuple[Tailored, list[Problem]]:
    """``q`` (checked where it is) with the overlays applied and the exclusions removed."""
    effective, problems = apply_questionnaire(q, t.overlays)
    known = {c.id for c in effective.capabilities}
    for question in effective.questions:
        origin = question_origin(t.overlays, q.id, question.id)
        if origin is not None:
            doc, loc = origin
            problems += [doc.problem((*loc, *sub), message) for sub, message in
                         checks.question_problems(question, known, fw)]
    from assess.load.terminology import speak_questionnaire

    scoped = speak_questionnaire(effective.model_copy(update={
        "capabilities": [c for c in effective.capabilities if c.id not in t.excluded],
        "questions": [x for x in effective.questions if x.capability not in t.excluded]}),
        t.terms)
    names = {c.id: c.name for c in [*q.capabilities, *effective.capabilities]}
    names.update({c.id: c.name for c in scoped.capabilities})
    removed = sorted(({c.id for c in q.capabilities} | known)
                     - {c.id for c in scoped.capabilities})
    return Tailored(scoped, frozenset(x.id for x in q.questions) -
                    {x.id for x in scoped.questions},
                    {c: names[c] for c in removed}, frozenset(known)), problems


def check_scope(a: Assessment, adoc: Document, tailored: Sequence[Tailored],
                every_capability: Iterable[str]) -> list[Problem]:
    """``exclude_capabilities`` names capabilities that exist; a questionnaire keeps one."""
    problems = []
    in_scope = {c for t in tailored for c in t.capabilities_before_scope}
    anywhere = set(every_capability)
    for i, item in enumerate(a.exclude_capabilities):
        if item.id in in_scope:
            continue
        where = ("not in the questionnaires in scope" if item.id in anywhere else
                 checks.known_ids(in_scope))
        problems.append(adoc.problem(("exclude_capabilities", i), f"unknown capability "
                                     f"{item.id!r} {where}"))
    for i, person in enumerate(a.respondents):
        problems.extend(adoc.problem(("respondents", i, "questionnaires", j), f"questionnaire "
                                     f"{ident!r} is not in 'questionnaires'")
                        for j, ident in enumerate(person.questionnaires)
                        if ident not in a.questionnaires)
    for t in tailored:
        if not t.questionnaire.capabilities:
            i = a.questionnaires.index(t.questionnaire.id)
            problems.append(adoc.problem(("questionnaires", i), f"every capability of "
                                         f"{t.questionnaire.id!r} is excluded or removed: take "
                                         "it out of 'questionnaires' instead"))
    return problems


def prune_dependencies(m: DependencyModel, gone: dict[str, str]
                       ) -> tuple[DependencyModel, dict[str, tuple[str, ...]]]:
    """``m`` without the capabilities ``gone`` (id -> name) and the prerequisites naming
    them; also, per capability, the names of the prerequisites dropped (for its rationale)."""
    needs: dict[str, tuple[str, ...]] = {}
    entries = []
    for entry in m.capabilities:
        if entry.capability in gone:
            continue
        dropped = [p for p in entry.prerequisites if p.capability in gone]
        if dropped:
            needs[entry.capability] = tuple(dict.fromkeys(gone[p.capability] for p in dropped))
            entry = entry.model_copy(update={"prerequisites": [
                p for p in entry.prerequisites if p.capability not in gone]})
        entries.append(entry)
    return m.model_copy(update={"capabilities": entries}), needs


def scope_notice(ignored: dict[str, int]) -> str | None:
    """The one notice for answers to questions out of scope (file -> answers ignored)."""
    if not ignored:
        return None
    answers = sum(ignored.values())
    return (f"ignored {answers} answer{'s' if answers != 1 else ''} to questions out of scope "
            f"(exclude_capabilities or an overlay) in {len(ignored)} response "
            f"file{'s' if len(ignored) != 1 else ''}")


def tailor_for_assessment(q: Questionnaire, fw: Framework | None, root: Path | None
                          ) -> tuple[Questionnaire, list[Problem]]:
    """``q`` as the assessment at ``root`` uses it (unchanged when ``root`` holds none): the
    one way the workshop forms, capture and import get the effective content."""
    from assess.load.loader import load_model

    file = None if root is None else root / "assessment.yaml"
    if file is None or not file.is_file():
        return q, []
    a, adoc = load_model(file, Assessment)
    t, problems = tailoring_for(root, a, adoc)
    tailored, more = tailor(q, fw, t)
    return tailored.questionnaire, problems + more


def effective_yaml(path: Path, what: str, ident: str | None = None) -> str:
    """The effective questionnaire ``ident`` or dependency model of the assessment at
    ``path``, as YAML (defaults left out): what every command uses."""
    from assess.errors import NotFound
    from assess.load.workspace import load_workspace
    from assess.load.yamlio import dump

    ws = load_workspace(path)
    if what == "dependencies":
        return dump(ws.dependencies.model_dump(exclude_defaults=True))
    for q in ws.questionnaires:
        if q.id == ident:
            return dump(q.model_dump(exclude_defaults=True))
    raise NotFound(f"questionnaire {ident!r} is not in the assessment's scope "
                   f"({', '.join(q.id for q in ws.questionnaires)})")
