"""The client's words: the shipped content uses neutral terms ("governing body", "service
users"); an assessment's ``sector`` selects ``frameworks/terminology/<sector>.yaml`` and its
``terminology`` overrides single words. Applied once, when the effective content is built
(:mod:`assess.load.tailoring`), so forms, scores, recommendations and the report all speak
the same language. Whole words only; the case of the first letter is kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from assess.errors import InvalidInput, Problem
from assess.load.yamlio import Document
from assess.models import Assessment, DependencyModel, Questionnaire, Terminology

FOLDER = ("frameworks", "terminology")


def sectors(root: Path | None = None) -> list[str]:
    """Sector ids with a terminology file (the assessment's own folder first)."""
    from assess.load.resources import content_path

    folders = [content_path(*FOLDER)] + ([root.joinpath(*FOLDER)] if root else [])
    return sorted({p.stem for f in folders if f.is_dir() for p in f.glob("*.yaml")})


def terms_for(a: Assessment, adoc: Document | None, root: Path | None
              ) -> tuple[dict[str, str], list[Problem]]:
    """Neutral term -> the client's word: the sector's file, then ``terminology``."""
    from assess.load.loader import load_model
    from assess.load.resources import content_path

    terms: dict[str, str] = {}
    if a.sector is not None:
        own = root.joinpath(*FOLDER, f"{a.sector}.yaml") if root else None
        path = own if own is not None and own.is_file() else content_path(
            *FOLDER, f"{a.sector}.yaml")
        if not path.is_file():
            message = (f"no terminology for sector {a.sector!r} (known: "
                       f"{', '.join(sectors(root))})")
            return {}, [adoc.problem(("sector",), message) if adoc else
                        Problem("assessment.yaml", 0, "sector", message)]
        try:
            terms.update(load_model(path, Terminology)[0].terms)
        except InvalidInput as exc:
            return {}, list(exc.problems)
    for word, theirs in a.terminology.items():
        terms[" ".join(word.split()).lower()] = theirs
    return {k.lower(): v for k, v in terms.items()}, []


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    ordered = sorted(words, key=len, reverse=True)   # "governing body members" first
    alternatives = "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def speak(text: str, terms: Mapping[str, str]) -> str:
    """``text`` in the client's words: whole words, the first letter's case kept."""
    if not terms or not text:
        return text
    words = tuple(sorted(terms))
    low = text.lower()
    # Cheap test first (the scoring path builds the effective content on every run): a
    # text without any term, and no line break or double space a term could span, is kept.
    if not any(w in low for w in words) and "\n" not in text and "  " not in text:
        return text
    pattern = _pattern(words)

    def swap(match: re.Match[str]) -> str:
        found = match.group(0)
        theirs = terms[" ".join(found.split()).lower()]
        if found[:1].isupper() and theirs[:1].islower():
            return theirs[:1].upper() + theirs[1:]
        return theirs

    return pattern.sub(swap, text)


def speak_questionnaire(q: Questionnaire, terms: Mapping[str, str]) -> Questionnaire:
    """The questionnaire's words for people (names, text, guidance, evidence, descriptors)
    in the client's terms; ids and numbers untouched."""
    if not terms:
        return q

    def say(text: str) -> str:
        return speak(text, terms)

    return q.model_copy(update={
        "description": say(q.description),
        "capabilities": [c.model_copy(update={"name": say(c.name),
                                              "description": say(c.description)})
                         for c in q.capabilities],
        "questions": [x.model_copy(update={
            "text": say(x.text), "guidance": say(x.guidance),
            "evidence": [say(e) for e in x.evidence],
            "levels": None if x.levels is None else {k: say(v) for k, v in x.levels.items()},
        }) for x in q.questions]})


def speak_dependencies(m: DependencyModel, terms: Mapping[str, str]) -> DependencyModel:
    """Programme, technology and action wording in the client's terms."""
    if not terms:
        return m
    return m.model_copy(update={
        "programmes": [p.model_copy(update={"name": speak(p.name, terms),
                                            "description": speak(p.description, terms)})
                       for p in m.programmes],
        "technologies": [t.model_copy(update={"name": speak(t.name, terms),
                                              "description": speak(t.description, terms)})
                         for t in m.technologies],
        "capabilities": [c.model_copy(update={"actions": {
            k: a.model_copy(update={"action": speak(a.action, terms)})
            for k, a in c.actions.items()}}) for c in m.capabilities]})
