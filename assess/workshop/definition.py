"""A questionnaire with its framework, as every workshop form needs it.

Also the rules shared by the Excel import and live capture: how a typed answer,
confidence or evidence list is read, and how a response file is named.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from assess.errors import InvalidInput, NotFound
from assess.load import checks
from assess.load.answers import NA as NA  # the answer rule lives in assess.load.answers
from assess.load.answers import AnswerValue as AnswerValue
from assess.load.answers import parse_answer as parse_answer
from assess.load.loader import load_model
from assess.load.workspace import available, find_definition, load_framework
from assess.load.yamlio import display_path
from assess.models import (
    LATER_OPTIONAL,
    Framework,
    GlossaryEntry,
    Question,
    Questionnaire,
    ScaleEntry,
)

CONFIDENCES = ("low", "medium", "high")
CONSENSUS_SLUG = "consensus"

@dataclass(frozen=True)
class Choice:
    """One answer a respondent can give, with what it means for one question."""

    value: str
    name: str
    descriptor: str

    @property
    def heading(self) -> str:
        """What to write and its name, once when they are the same (``No``, not ``No No``)."""
        return self.value if self.name in ("", self.value) else f"{self.value} {self.name}"


@dataclass(frozen=True)
class Definition:
    """A checked questionnaire, the framework its answers are read against, and its file."""

    questionnaire: Questionnaire
    framework: Framework
    path: Path
    audience: tuple[str, ...] = ()
    """Audience tags the questions were cut to (:func:`for_audience`); empty: all."""

    @property
    def checksum(self) -> str:
        return checksum(self.questionnaire)

    def framework_for(self, question: Question) -> Framework:
        """The framework as ``question`` is answered on it: its effective answer scale (its
        own, else its named answer set, else the framework's; :meth:`Framework.scale_of`)
        in place. Every form, the import and capture read a question's answers through it.
        """
        return self.framework.for_question(question)

    def choices_for(self, question: Question) -> list[str]:
        """Every valid answer to ``question`` as respondents write it, ``n/a`` last."""
        fw = self.framework_for(question)
        if fw.answer_scale is not None:
            return [e.label for e in fw.answer_scale] + [NA]
        return [str(lv.level) for lv in fw.levels] + [NA]

    def hint_for(self, question: Question) -> str:
        """The valid answers to ``question`` in a few words, e.g. ``0-5 or n/a``."""
        fw = self.framework_for(question)
        if fw.answer_scale is not None:
            return ", ".join(e.label for e in fw.answer_scale) + " or n/a"
        return f"{fw.levels[0].level}-{fw.levels[-1].level} or n/a"

    @property
    def scales(self) -> list[list[ScaleEntry] | None]:
        """The distinct effective answer scales of the questions, in order of first use
        (None: answered with level numbers)."""
        found: list[list[ScaleEntry] | None] = []
        for question in self.questionnaire.questions:
            scale = self.framework.scale_of(question)
            if scale not in found:
                found.append(scale)
        return found

    @property
    def one_scale(self) -> bool:
        """Whether every question is answered on the same answers (one drop-down list)."""
        return len(self.scales) <= 1

    @property
    def choices_hint(self) -> str:
        """The valid answers in a few words, e.g. ``0-5 or n/a``; when the questions have
        answer scales of their own, a pointer to the answers listed with each."""
        questions = self.questionnaire.questions
        if self.one_scale and questions:
            return self.hint_for(questions[0])
        if not questions:
            fw = self.framework
            return f"{fw.levels[0].level}-{fw.levels[-1].level} or n/a"
        return "one of the answers listed with each question, or n/a"

    @property
    def glossary(self) -> list[GlossaryEntry]:
        """The framework's glossary entries this questionnaire uses, alphabetically."""
        return glossary_used(self.framework, self.questionnaire)

    def capability_name(self, capability_id: str) -> str:
        for cap in self.questionnaire.capabilities:
            if cap.id == capability_id:
                return cap.name
        return capability_id

    def options(self, question: Question) -> list[Choice]:
        """The answers to ``question`` with their descriptors (n/a not included).

        A level-anchored question shows its own descriptor for each framework level; a
        practice question shows its answer scale's guidance (the question's own scale or
        answer set where it has one).
        """
        fw = self.framework_for(question)
        if question.levels is not None or fw.answer_scale is None:
            levels = question.levels or {}
            return [Choice(str(lv.level), lv.name, levels.get(lv.level, ""))
                    for lv in fw.levels]
        return [Choice(e.label, e.name, e.description) for e in fw.answer_scale]


def _words(questionnaire: Questionnaire) -> str:
    q = questionnaire
    parts = [q.name, q.description]
    for cap in q.capabilities:
        parts += [cap.name, cap.description]
    for question in q.questions:
        parts += [question.text, question.guidance, *question.evidence,
                  *(question.levels or {}).values()]
    return "\n".join(parts)


def glossary_used(framework: Framework, questionnaire: Questionnaire) -> list[GlossaryEntry]:
    """Entries of ``framework.glossary`` whose term (or another spelling of it) occurs in
    ``questionnaire``'s text as a whole word; sorted by term. A spelling with two or more
    capitals is an acronym or a name and must match in case ("FOCUS" is not "focus");
    any other matches in any case."""
    text = _words(questionnaire)

    def used(spelling: str) -> bool:
        pattern = r"(?<![\w.+-])" + re.escape(spelling) + r"(?![\w+])"
        flags = 0 if sum(ch.isupper() for ch in spelling) >= 2 else re.IGNORECASE
        return re.search(pattern, text, flags=flags) is not None

    found = [e for e in framework.glossary if any(used(s) for s in (e.term, *e.also))]
    return sorted(found, key=lambda e: e.term.casefold())


def canonical_content(questionnaire: Questionnaire) -> dict[str, object]:
    """The questionnaire as plain data, less the optional keys added to the format later
    when they are unused (:data:`assess.models.LATER_OPTIONAL`), so that a questionnaire
    keeps the checksum it had before they existed."""
    data = questionnaire.model_dump(mode="json")

    def drop(entry: dict[str, object]) -> None:
        for key in LATER_OPTIONAL:
            if key in entry and entry[key] in (None, []):
                del entry[key]

    drop(data)
    for key in ("capabilities", "questions"):
        items = data.get(key)
        if isinstance(items, list):
            for item in items:
                if isinstance(item, dict):
                    drop(item)
    return data


def for_audience(defn: Definition, tags: Sequence[str]) -> Definition:
    """``defn`` with only the questions for the audience ``tags``: those tagged with one of
    them, and those tagged with none (anyone can answer). No tags: ``defn`` unchanged."""
    if not tags:
        return defn
    wanted = set(tags)
    q = defn.questionnaire
    questions = [x for x in q.questions if not x.audience or wanted & set(x.audience)]
    return replace(defn, questionnaire=q.model_copy(update={"questions": questions}),
                   audience=tuple(sorted(wanted)))


def checksum(questionnaire: Questionnaire) -> str:
    """sha256 of the questionnaire's canonical content.

    Canonical = the validated model with defaults filled in, as sorted compact JSON, so
    reformatting the YAML or spelling out a default does not change it while any change
    of wording, id, weight or order does.
    """
    canonical = json.dumps(canonical_content(questionnaire), sort_keys=True,
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def resolve(ref: str, root: Path | None = None, assessment: Path | None = None) -> Definition:
    """Load questionnaire ``ref`` (an id, or a path to a questionnaire YAML) and its framework.

    An id is looked up in ``root/questionnaires/`` first, then in the shipped content. A
    questionnaire file inside some ``X/questionnaires/`` folder finds its framework in
    ``X/frameworks/`` first. When ``root`` (or ``assessment``, an assessment folder given
    apart from where the file is) holds an assessment, the questionnaire is that
    assessment's effective content: its overlays applied, its excluded capabilities gone
    (:mod:`assess.load.tailoring`). Raises NotFound or InvalidInput (with every problem).
    """
    from assess.load.tailoring import tailor_for_assessment

    path = Path(ref)
    if ref.endswith((".yaml", ".yml")) or "/" in ref or path.is_file():
        if not path.is_file():
            raise NotFound(f"{display_path(path)}: no such questionnaire file")
        if path.parent.name == "questionnaires":
            root = path.parent.parent
    else:
        found = find_definition("questionnaires", ref, root)
        if found is None:
            known = ", ".join(available("questionnaires", root)) or "none found"
            raise NotFound(f"unknown questionnaire {ref!r} (known: {known})")
        path = found
    questionnaire, doc = load_model(path, Questionnaire)
    framework = load_framework(questionnaire.framework, root)[0]
    problems = checks.check_questionnaire(questionnaire, doc, framework)
    if not problems:
        questionnaire, problems = tailor_for_assessment(questionnaire, framework,
                                                        assessment or root)
    if problems:
        raise InvalidInput(problems)
    return Definition(questionnaire, framework, path)


def parse_confidence(raw: str) -> str | None:
    """``low``, ``medium`` or ``high`` (any case, or just the first letter); None when empty."""
    text = raw.strip().lower()
    if not text:
        return None
    for level in CONFIDENCES:
        if text in (level, level[0]):
            return level
    raise ValueError(f"expected low, medium or high, got {raw.strip()!r}")


def answer_details(confidence: str | None, notes: str, evidence: list[str]) -> dict[str, Any]:
    """An answer's details as a response file holds them, in its order (confidence, notes,
    evidence), each only when given: import and capture write them alike."""
    details: dict[str, Any] = {}
    if confidence:
        details["confidence"] = confidence
    if notes:
        details["notes"] = notes
    if evidence:
        details["evidence"] = evidence
    return details


def split_evidence(raw: str) -> list[str]:
    """Evidence items written in one cell or line: separated by line breaks or semicolons."""
    return [item.strip() for item in re.split(r"[;\n]", raw) if item.strip()]


def slug(name: str) -> str:
    """File-name-safe form of a respondent's name: ``Zoë O'Neil`` -> ``zoe-o-neil``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if text:
        return text[:60].rstrip("-")
    # A name with no Latin letters still needs a stable, distinct file name.
    return "respondent-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]


def response_filename(questionnaire_id: str, respondent: str | None) -> str:
    """``<questionnaire>.<respondent-slug>.yaml``; ``respondent=None`` is the consensus file."""
    who = CONSENSUS_SLUG if respondent is None else slug(respondent)
    if respondent is not None and who == CONSENSUS_SLUG:
        who = "respondent-consensus"  # a person called Consensus keeps their own file
    return f"{questionnaire_id}.{who}.yaml"
