"""Live capture state: one respondent's (or the consensus) response file, saved after every
answer so a crash or a closed laptop loses at most the answer being typed.

A session holds the file's lock (:mod:`assess.workshop.lock`) and re-reads the file before
every save: what changed on disk meanwhile (a hand edit, ``assess import --force``) is
merged in, never written over (see :meth:`CaptureSession.save`).

The interactive walk through the questions is :mod:`assess.workshop.capture_loop`; it
talks to the terminal through a small interface the command line provides.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assess.errors import AssessError, InvalidInput
from assess.load import checks, yamlio
from assess.load.loader import load_model
from assess.load.workspace import assessment_file, load_framework, responses_folder
from assess.models import Assessment, Response

from .definition import AnswerValue, Definition, answer_details, resolve, response_filename
from .lock import ResponseLock, acquire


class SaveRefused(AssessError):
    """The file on disk changed into something capture cannot merge with (it no longer
    validates, or holds someone else's answers); nothing was written."""


@dataclass
class SaveReport:
    """What a save has to tell the user: answers kept from the file instead of this
    session's (``conflicts``), other notices, or why nothing was written (``refused``)."""

    conflicts: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    refused: str | None = None


@dataclass
class CaptureSession:
    """The answers captured so far and where they are saved."""

    defn: Definition
    path: Path
    respondent: dict[str, str] | None
    """``{name, role}``; None for the consensus answer set."""
    date: dt.date | None = None
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    lock: ResponseLock | None = None
    notices: list[str] = field(default_factory=list)
    """Things to tell the user before the first question (a stale lock taken over)."""
    dirty: bool = False
    """Changes not yet saved (a save was refused)."""
    _base: dict[str, Any] = field(default_factory=dict, repr=False)
    """The file as last read or written: answers and meta, the base of a three-way merge."""
    _seen: str | None = field(default=None, repr=False)
    """sha256 of the file's bytes as last read or written; None when there was no file."""
    _told_broken: bool = field(default=False, repr=False)

    def __enter__(self) -> CaptureSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the lock (the answers are already saved)."""
        if self.lock is not None:
            self.lock.release()

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

    def set_value(self, qid: str, value: AnswerValue) -> SaveReport:
        """Record an answer's value (keeping its confidence, notes and evidence) and save."""
        self.answers.setdefault(qid, {})["value"] = value
        return self.save()

    def set_details(self, qid: str, confidence: str | None, notes: str,
                    evidence: list[str]) -> SaveReport:
        """Replace an answered question's confidence, notes and evidence, and save."""
        self.answers[qid] = {"value": self.answers[qid]["value"],
                             **answer_details(confidence, notes, evidence)}
        return self.save()

    def clear(self, qid: str) -> SaveReport:
        """Remove an answer (the question becomes unanswered) and save."""
        if self.answers.pop(qid, None) is not None:
            return self.save()
        return SaveReport()

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

    def save(self) -> SaveReport:
        """Merge with the file as it is now, then write it atomically (temporary file,
        fsync, rename).

        When the file changed since this session last read or wrote it, a three-way merge
        against that last state, question by question: what the file changed (added,
        changed or removed) is kept; elsewhere this session's answer is written. A question
        both changed, differently, keeps the file's answer and is named in ``conflicts``.
        A file that no longer validates or holds someone else's answers is not written
        over: the report says why (``refused``) and the session keeps its answers
        (``dirty``)."""
        report = SaveReport()
        try:
            raw = _read_bytes(self.path)
            if _digest(raw) != self._seen:
                self._merge(raw, report)
        except AssessError as exc:  # SaveRefused, or no longer a regular file
            self.dirty = True
            report.refused = str(exc)
            return report
        if self.lock is not None and not self.lock.held and not self._told_broken:
            self._told_broken = True
            report.notices.append("another session broke this session's lock; its saves "
                                  "and this session's are merged")
        q = self.defn.questionnaire
        header = (f"# Captured with `assess capture` (questionnaire {q.id}, version "
                  f"{q.version}).\n")
        text = header + yamlio.dump(self.data())
        yamlio.write_text(self.path, text)
        self._remember(text.encode("utf-8"))
        self.dirty = False
        return report

    def _state(self) -> dict[str, Any]:
        return {"answers": copy.deepcopy(self.answers),
                "role": self.respondent.get("role") if self.respondent else None,
                "date": self.date}

    def _remember(self, raw: bytes | None, state: dict[str, Any] | None = None) -> None:
        """Take ``raw`` (the file's bytes) with ``state`` (what they hold; by default this
        session's, just written) as the base of the next merge."""
        self._base = self._state() if state is None else state
        self._seen = _digest(raw)

    def _merge(self, raw: bytes | None, report: SaveReport) -> None:
        shown = yamlio.display_path(self.path)
        if raw is None:
            report.notices.append(f"{shown} was removed while capturing; written again with "
                                  "every answer of this session")
            return
        try:
            theirs = _read(self)
        except InvalidInput as exc:
            raise SaveRefused(f"{shown} was changed meanwhile and no longer validates: "
                              f"{exc.problems[0]}" + (f" (and {len(exc.problems) - 1} more)"
                                                      if len(exc.problems) > 1 else "")
                              ) from None
        except AssessError as exc:
            raise SaveRefused(f"{shown} was changed meanwhile: {exc}") from None
        base, ours = self._base, self._state()
        for qid in sorted(set(base["answers"]) | set(ours["answers"]) | set(theirs["answers"])):
            b, o, t = (s["answers"].get(qid) for s in (base, ours, theirs))
            merged = _merge3(b, o, t)
            if b != o != t != b:  # both sides changed it, differently: the file's is kept
                report.conflicts.append(qid)
            if merged is None:
                self.answers.pop(qid, None)
            else:
                self.answers[qid] = copy.deepcopy(merged)
        role = _merge3(base["role"], ours["role"], theirs["role"])
        if self.respondent is not None:
            self.respondent["role"] = role or ""
        self.date = _merge3(base["date"], ours["date"], theirs["date"])
        if not report.conflicts:
            report.notices.append(f"{shown} was changed meanwhile; merged its changes")


def _merge3(base: Any, ours: Any, theirs: Any) -> Any:
    """Three-way merge of one item: a change in the file wins (it is never written over);
    where the file did not change it, this session's value."""
    return theirs if theirs != base else ours


def _digest(raw: bytes | None) -> str | None:
    return None if raw is None else hashlib.sha256(raw).hexdigest()


def _read_bytes(path: Path) -> bytes | None:
    """The file's bytes (None when there is none), read only from a regular file and no
    further than the size limit: past it, the digest alone tells that it changed."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise AssessError(f"{yamlio.display_path(path)} is not a regular file")
        return fh.read(yamlio.MAX_FILE_BYTES + 1)


def _responses_folder(root: Path) -> Path:
    """The assessment's ``responses/`` folder, made if missing; refused (before any question
    is asked) when something that is not a folder has its name."""
    folder = responses_folder(root)
    folder.mkdir(exist_ok=True)
    return folder


def open_session(assessment: Path, questionnaire: str, respondent: str | None,
                 role: str | None = None, today: dt.date | None = None,
                 break_lock: bool = False) -> CaptureSession:
    """Start or resume capturing ``questionnaire`` for ``respondent`` (None = consensus).

    The questionnaire must be in the assessment's scope and is read against the
    assessment's framework, as scoring will. The response file is locked for this session
    (:class:`~assess.workshop.lock.LockHeld` names the holder when another session has it,
    unless ``break_lock``); release it with :meth:`CaptureSession.close` or a ``with``
    block. An existing response file is loaded and checked, so capture resumes where it
    stopped.
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
    path = _responses_folder(root) / response_filename(q.id, respondent)
    session = CaptureSession(defn, path, None if respondent is None else
                             {"name": respondent.strip(), "role": (role or "").strip()},
                             date=today or dt.date.today())
    session.lock = acquire(path, break_lock)
    if session.lock.notice:
        session.notices.append(session.lock.notice)
    try:
        raw = _read_bytes(path)
        on_disk: dict[str, Any] = {"answers": {}, "role": None, "date": None}
        if raw is not None:
            on_disk = _read(session)
            _resume(session, copy.deepcopy(on_disk), role)
        session._remember(raw, on_disk)
    except BaseException:
        session.close()
        raise
    return session


def _resume(session: CaptureSession, state: dict[str, Any], role: str | None) -> None:
    """Continue from the file's ``state``; ``role`` (given on the command line) wins over
    the file's."""
    if session.respondent is not None:
        session.respondent["role"] = (role or "").strip() or state["role"] or ""
    session.date = state["date"] or session.date
    session.answers = state["answers"]


def _read(session: CaptureSession) -> dict[str, Any]:
    """The response file's answers, role and date, in the session's form; refused when it
    does not validate or belongs to someone else."""
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
    answers: dict[str, dict[str, Any]] = {}
    for qid, answer in response.answers.items():
        answers[qid] = answer.model_dump(exclude_defaults=True)
        value = answer.value
        if isinstance(value, float) and value.is_integer():
            answers[qid]["value"] = int(value)
    return {"answers": answers, "date": response.date,
            "role": response.respondent.role if response.respondent else None}
