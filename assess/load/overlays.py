"""Overlays: an assessment's small files naming what it changes in the shipped content.

``ASSESSMENT/overlays/*.yaml``, each a ``questionnaire-overlay`` or a
``dependencies-overlay`` (docs/content.md, "Tailoring"). Operations apply in the order
remove, change, add, file by file in name order. Every problem is located in the overlay
file: an id the content no longer has (an upgrade removed it) names the overlay's line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from assess.errors import InvalidInput, Problem
from assess.load.yamlio import Document, Loc
from assess.models import (
    DependenciesOverlay,
    DependencyModel,
    Questionnaire,
    QuestionnaireOverlay,
)

OVERLAYS = "overlays"
MERGED = ("levels", "actions")
"""Mapping fields a change merges key by key (every other field is replaced whole)."""

Overlay = QuestionnaireOverlay | DependenciesOverlay
T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class Loaded:
    """One overlay file, validated, with its line map."""

    overlay: Overlay
    doc: Document


def load_overlays(root: Path | None) -> tuple[list[Loaded], list[Problem]]:
    """Every overlay of the assessment at ``root``, in file-name order, and the problems."""
    from assess.load.loader import guess_kind, validate_document
    from assess.load.yamlio import read

    folder = None if root is None else root / OVERLAYS
    if folder is None or not folder.is_dir():
        return [], []
    loaded: list[Loaded] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            doc = read(path)
            kind = guess_kind(doc.data)
            if kind not in ("questionnaire-overlay", "dependencies-overlay"):
                raise InvalidInput([doc.problem(("kind",) if isinstance(doc.data, dict) and
                                                "kind" in doc.data else (),
                                                "expected kind: questionnaire-overlay or "
                                                "dependencies-overlay")])
            model: type[Overlay] = (QuestionnaireOverlay if kind == "questionnaire-overlay"
                                    else DependenciesOverlay)
            loaded.append(Loaded(validate_document(doc, model), doc))
        except InvalidInput as exc:
            problems.extend(exc.problems)
    return loaded, problems


def _stale(doc: Document, where: str, written_against: str | None, version: str | None,
           loc: Loc, what: str, ident: str) -> Problem:
    against = "" if written_against is None else f" (written against {written_against})"
    now = "" if version is None else f" version {version}"
    return doc.problem(loc, f"no {what} {ident!r} in {where}{now}{against}: the content has "
                       "changed since; update or remove this entry")


def _changed(item: T, fields: dict[str, Any], doc: Document, loc: Loc,
             problems: list[Problem]) -> T:
    """``item`` with ``fields`` changed; on a bad value, the problem and ``item`` unchanged."""
    from assess.load.loader import _message

    data = item.model_dump()
    for key, value in fields.items():
        if key in ("id", "capability") and key in data:
            problems.append(doc.problem((*loc, key), f"{key!r} cannot be changed: remove the "
                                        "entry and add a new one"))
            return item
        if key in MERGED and isinstance(value, dict) and isinstance(data.get(key), dict):
            merged = dict(data[key])
            for k, v in value.items():
                old = merged.get(k)
                merged[k] = {**old, **v} if isinstance(old, dict) and isinstance(v, dict) else v
            data[key] = merged
        else:
            data[key] = value
    try:
        return type(item).model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            where = (*loc, *err["loc"])
            message = (f"unknown key {err['loc'][-1]!r}" if err["type"] == "extra_forbidden"
                       else _message(err))
            problems.append(doc.problem(where, message))
        return item


def _apply(items: Sequence[T], key: str, removals: Sequence[str], changes: dict[str, Any],
           additions: Sequence[T], doc: Document, section: str, stale: Callable[..., Problem],
           problems: list[Problem]) -> list[T]:
    """``items`` (keyed by attribute ``key``) with removals, changes and additions applied."""
    ids = [getattr(x, key) for x in items]
    for i, ident in enumerate(removals):
        if ident not in ids:
            problems.append(stale(("remove", section, i), section.rstrip("s"), ident))
    for ident in changes:
        if ident not in ids or ident in removals:
            problems.append(stale(("change", section, ident), section.rstrip("s"), ident))
    out = [_changed(x, changes[getattr(x, key)], doc, ("change", section, getattr(x, key)),
                    problems) if getattr(x, key) in changes else x
           for x in items if getattr(x, key) not in removals]
    kept = {getattr(x, key) for x in out}
    for i, x in enumerate(additions):
        if getattr(x, key) in kept:
            problems.append(doc.problem(("add", section, i, key), f"{getattr(x, key)!r} "
                                        "already exists: change it instead of adding it"))
        else:
            kept.add(getattr(x, key))
            out.append(x)
    return out


def apply_questionnaire(q: Questionnaire, overlays: Sequence[Loaded]
                        ) -> tuple[Questionnaire, list[Problem]]:
    """``q`` with the questionnaire overlays that apply to it."""
    problems: list[Problem] = []
    for item in overlays:
        o = item.overlay
        if not isinstance(o, QuestionnaireOverlay) or o.applies_to != q.id:
            continue
        doc = item.doc
        stale = partial(_stale, doc, f"questionnaire {q.id!r}", o.written_against, q.version)
        if o.change.questionnaire:
            q = _changed(q, {k: v for k, v in o.change.questionnaire.items()
                             if k not in ("capabilities", "questions")}, doc,
                         ("change", "questionnaire"), problems)

        capabilities = _apply(q.capabilities, "id", o.remove.capabilities,
                              o.change.capabilities, o.add.capabilities, doc, "capabilities",
                              stale, problems)
        gone = set(o.remove.capabilities)
        questions = [x for x in q.questions if x.capability not in gone]
        questions = _apply(questions, "id", o.remove.questions, o.change.questions, [], doc,
                           "questions", stale, problems)
        known = {c.id for c in capabilities}
        for i, new in enumerate(o.add.questions):
            if new.capability not in known:
                problems.append(doc.problem(("add", "questions", i, "capability"),
                                            f"unknown capability {new.capability!r} in "
                                            f"questionnaire {q.id!r}"))
                continue
            if any(x.id == new.id for x in questions):
                problems.append(doc.problem(("add", "questions", i, "id"), f"{new.id!r} "
                                            "already exists: change it instead of adding it"))
                continue
            # Asking order: after the last question of its capability.
            at = max((k + 1 for k, x in enumerate(questions) if x.capability == new.capability),
                     default=len(questions))
            questions.insert(at, new)
        q = q.model_copy(update={"capabilities": capabilities, "questions": questions})
    return q, problems


def question_origin(overlays: Sequence[Loaded], qid: str, question: str
                    ) -> tuple[Document, Loc] | None:
    """Where an overlay adds or changes ``question`` of questionnaire ``qid``, if any."""
    for item in overlays:
        o = item.overlay
        if not isinstance(o, QuestionnaireOverlay) or o.applies_to != qid:
            continue
        if question in o.change.questions:
            return item.doc, ("change", "questions", question)
        for i, new in enumerate(o.add.questions):
            if new.id == question:
                return item.doc, ("add", "questions", i)
    return None


def apply_dependencies(m: DependencyModel, overlays: Sequence[Loaded]
                       ) -> tuple[DependencyModel, list[Problem]]:
    """``m`` with the dependency overlays that apply to it."""
    problems: list[Problem] = []
    for item in overlays:
        o = item.overlay
        if not isinstance(o, DependenciesOverlay):
            continue
        doc = item.doc
        if o.applies_to != m.id:
            problems.append(doc.problem(("applies_to",), f"the assessment's dependency model "
                                        f"is {m.id!r}, not {o.applies_to!r}"))
            continue
        stale = partial(_stale, doc, f"dependency model {m.id!r}", o.written_against, None)

        programmes = _apply(m.programmes, "id", o.remove.programmes, o.change.programmes,
                            o.add.programmes, doc, "programmes", stale, problems)
        technologies = _apply(m.technologies, "id", o.remove.technologies,
                              o.change.technologies, o.add.technologies, doc, "technologies",
                              stale, problems)
        gone_p, gone_t = set(o.remove.programmes), set(o.remove.technologies)
        technologies = [t.model_copy(update={"programmes": [
            link for link in t.programmes if link.programme not in gone_p]})
            for t in technologies]
        capabilities = _apply(m.capabilities, "capability", o.remove.capabilities,
                              o.change.capabilities, o.add.capabilities, doc, "capabilities",
                              stale, problems)
        capabilities = [c.model_copy(update={"technologies": [
            link for link in c.technologies if link.technology not in gone_t]})
            for c in capabilities]
        m = m.model_copy(update={"programmes": programmes, "technologies": technologies,
                                 "capabilities": capabilities})
    return m, problems
