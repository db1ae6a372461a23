"""Live capture state: one respondent's (or the consensus) response file, saved after every
answer so a crash or a closed laptop loses at most the answer being typed.

The interactive walk through the questions is :mod:`assess.workshop.capture_loop`; it
talks to the terminal through a small interface the command line provides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assess import checks, yamlio
from assess.errors import AssessError, InvalidInput
from assess.loader import load_model
from assess.models import Assessment, Response
from assess.workspace import assessment_file, load_framework, responses_folder

from .definition import AnswerValue, Definition, resolve, response_filename


@dataclass
class CaptureSession:
    """The answers captured so far and where they are saved."""

    defn: Definition
    path: Path
    respondent: dict[str, str] | None
    """``{name, role}``; None for the consensus answer set."""
    date: dt.date | None = None
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def question_ids(self) -> list[str]:
        return [x.id for x in self.defn.questionnaire.questions]

    @property
    def answered(self) -> int:
        return sum(1 for qid in self.question_ids if qid in self.answers)

    def first_unanswered(self) -> int | None:
        """Index of the first question without an answer; None when all are answered."""
        return next((i for i, qid in enumerate(self.question_ids) if qid not in self.answers),
                     None)

    def unanswered(self) -> list[str]:
        return [qid for qid in self.question_ids if qid not in self.answers]

    def set_value(self, qid: str, value: AnswerValue) -> None:
        """Record an answer's value (keeping its confidence, notes and evidence) and save."""
        self.answers.setdefault(qid, {})["value"] = value
        self.save()

    def set_details(self, qid: str, confidence: str | None, notes: str,
                    evidence: list[str]) -> None:
        """Replace an answered question's confidence, notes and evidence, and save."""
        answer = {"value": self.answers[qid]["value"]}
        if confidence:
            answer["confidence"] = confidence
        if notes:
            answer["notes"] = notes
        if evidence:
            answer["evidence"] = evidence
        self.answers[qid] = answer
        self.save()

    def clear(self, qid: str) -> None:
        """Remove an answer (the question becomes unanswered) and save."""
        if self.answers.pop(qid, None) is not None:
            self.save()

    def data(self) -> dict[str, Any]:
        """The response file's content, answers in asking order."""
        data: dict[str, Any] = {"schema_version": 1,
                                "questionnaire": self.defn.questionnaire.id}
        if self.respondent is None:
            data["consensus"] = True
        else:
            data["respondent"] = {k: v for k, v in self.respondent.items() if v}
        if self.date is not None:
            data["date"] = self.date
        data["answers"] = {qid: self.answers[qid] for qid in self.question_ids
                           if qid in self.answers}
        return data

    def save(self) -> None:
        """Write the response file atomically (temporary file, then rename)."""
        q = self.defn.questionnaire
        header = (f"# Captured with `assess capture` (questionnaire {q.id}, version "
                  f"{q.version}).\n")
        yamlio.write_text(self.path, header + yamlio.dump(self.data()))


def open_session(assessment: Path, questionnaire: str, respondent: str | None,
                 role: str | None = None, today: dt.date | None = None) -> CaptureSession:
    """Start or resume capturing ``questionnaire`` for ``respondent`` (None = consensus).

    The questionnaire must be in the assessment's scope and is read against the
    assessment's framework, as scoring will. An existing response file is loaded and
    checked, so capture resumes where it stopped.
    """
    file = assessment_file(assessment)
    root = file.parent
    a = load_model(file, Assessment)[0]
    defn = resolve(questionnaire, root)
    q = defn.questionnaire
    if q.id not in a.questionnaires:
        raise AssessError(f"questionnaire {q.id!r} is not in the scope of "
                          f"{yamlio.display_path(file)} ({', '.join(a.questionnaires)})")
    if a.framework != defn.framework.id:
        defn = Definition(q, load_framework(a.framework, root)[0], defn.path)
    if respondent is not None and not respondent.strip():
        raise AssessError("give the respondent's name (or --consensus)")
    path = responses_folder(root) / response_filename(q.id, respondent)
    session = CaptureSession(defn, path, None if respondent is None else
                             {"name": respondent.strip(), "role": (role or "").strip()},
                             date=today or dt.date.today())
    if path.exists():
        _resume(session, role)
    return session


def _resume(session: CaptureSession, role: str | None) -> None:
    """Load the answers already on disk, refusing a file that belongs to someone else."""
    response, doc = load_model(session.path, Response)
    problems = checks.check_response(response, doc, session.defn.questionnaire,
                                     session.defn.framework)
    shown = yamlio.display_path(session.path)
    if response.questionnaire != session.defn.questionnaire.id:
        problems.append(doc.problem(("questionnaire",), f"{shown} answers "
                                    f"{response.questionnaire!r}, not "
                                    f"{session.defn.questionnaire.id!r}"))
    if problems:
        raise InvalidInput(problems)
    if session.respondent is None:
        if not response.consensus:
            raise AssessError(f"{shown} is not a consensus response; choose another name")
    else:
        existing = response.respondent.name if response.respondent else "the consensus"
        if existing != session.respondent["name"]:
            raise AssessError(f"{shown} holds the answers of {existing!r}, not "
                              f"{session.respondent['name']!r}")
        if response.respondent is not None and not role:
            session.respondent["role"] = response.respondent.role
    session.date = response.date or session.date
    for qid, answer in response.answers.items():
        session.answers[qid] = answer.model_dump(exclude_defaults=True)
        value = answer.value
        if isinstance(value, float) and value.is_integer():
            session.answers[qid]["value"] = int(value)
