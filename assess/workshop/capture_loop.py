"""The walk through the questions at the projector: show, ask, save, move on.

The terminal is behind :class:`Terminal` (the command line provides one built on click),
so the loop itself is plain code that tests can drive with a list of typed lines.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from assess.errors import AssessError
from assess.load import yamlio

from .capture import CaptureSession, SaveReport, open_session
from .definition import NA, parse_answer, parse_confidence, split_evidence

WIDTH = 100

HELP = """\
At the Answer prompt type an answer, or:
  Enter   keep the current answer (or leave the question unanswered) and go on
  s       skip to the next question          b   back to the previous question
  x       clear this question's answer       q   quit (everything typed is saved)
At Confidence, Notes and Evidence: Enter keeps what is there, - clears it."""


class Terminal(Protocol):
    """What the loop needs from a terminal."""

    def show(self, text: str) -> None:
        """Print ``text`` (one or more lines)."""

    def ask(self, prompt: str) -> str | None:
        """Read one line after ``prompt``; None when input ends or is interrupted."""


@dataclass(frozen=True)
class CaptureSummary:
    path: str
    answered: int
    total: int
    unanswered: tuple[str, ...]


def _wrap(text: str, indent: str, hang: str) -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=indent,
                         subsequent_indent=hang) if text.strip() else indent.rstrip()


def _current(answer: dict[str, object] | None) -> str:
    if not answer:
        return ""
    parts = [str(answer["value"])]
    if answer.get("confidence"):
        parts.append(f"{answer['confidence']} confidence")
    return ", ".join(parts)


def question_block(session: CaptureSession, index: int) -> str:
    """The question with its descriptors, as shown before asking."""
    defn = session.defn
    question = defn.questionnaire.questions[index]
    total = len(defn.questionnaire.questions)
    lines = ["", f"[{index + 1}/{total}] {question.id} · "
             f"{defn.capability_name(question.capability)}",
             _wrap(question.text, "  ", "  ")]
    options = defn.options(question)
    width = max(len(c.heading) for c in options)
    for choice in options:
        label = choice.heading.ljust(width)
        lines.append(_wrap(choice.descriptor or "-", f"    {label}  ", " " * (width + 6)))
    lines.append(f"    {NA.ljust(width)}  does not apply here")
    if question.guidance:
        lines.append(_wrap(question.guidance, "  Guidance: ", "    "))
    if question.evidence:
        lines.append(_wrap("; ".join(question.evidence), "  Evidence to show: ", "    "))
    answer = session.answers.get(question.id)
    if answer:
        lines.append(f"  Current answer: {_current(answer)}")
        if answer.get("notes"):
            lines.append(_wrap(str(answer["notes"]), "  Notes: ", "    "))
    return "\n".join(lines)


def _tell(term: Terminal, report: SaveReport, qid: str) -> bool:
    """Show what a save has to say; True when question ``qid`` must be asked again (the
    file changed it meanwhile, differently)."""
    for notice in report.notices:
        term.show(f"  note: {notice}")
    for other in report.conflicts:
        term.show(f"  {other} was changed in the file meanwhile, as well as here: kept the "
                  "file's answer, yours was not saved; answer it again to replace it")
    if report.refused:
        term.show(f"  NOT saved: {report.refused}. Your answers stay in this session and are "
                  "saved with the next answer once the file is fixed")
    return qid in report.conflicts


def _details(session: CaptureSession, qid: str, term: Terminal) -> SaveReport | None:
    """Ask confidence, notes and evidence for an answered question; None on quit."""
    answer = session.answers[qid]
    confidence = answer.get("confidence")
    while True:
        raw = term.ask(f"  Confidence [l/m/h]{f' ({confidence})' if confidence else ''}")
        if raw is None:
            return None
        if raw.strip() == "-":
            confidence = None
            break
        try:
            confidence = parse_confidence(raw) or confidence
            break
        except ValueError as exc:
            term.show(f"  {exc}")
    notes = str(answer.get("notes", ""))
    raw = term.ask("  Notes" + (" (Enter keeps them)" if notes else ""))
    if raw is None:
        return None
    notes = "" if raw.strip() == "-" else raw.strip() or notes
    evidence = list(answer.get("evidence", []))
    raw = term.ask("  Evidence, separated by ;" + (" (Enter keeps it)" if evidence else ""))
    if raw is None:
        return None
    evidence = [] if raw.strip() == "-" else split_evidence(raw) or evidence
    return session.set_details(qid, confidence, notes, evidence)


def walk(session: CaptureSession, term: Terminal, start: int | None = None) -> CaptureSummary:
    """Walk the questions from ``start`` (default: the first unanswered), saving each answer."""
    questions = session.defn.questionnaire.questions
    total = len(questions)
    first = session.first_unanswered()
    index = start if start is not None else (first if first is not None else 0)
    who = session.respondent["name"] if session.respondent else "the consensus"
    term.show(f"{session.defn.questionnaire.name}: capturing for {who} into "
              f"{yamlio.display_path(session.path)}")
    for notice in session.notices:
        term.show(f"note: {notice}")
    term.show(f"{session.answered} of {total} questions answered; starting at question "
              f"{index + 1}. Type ? for help.")
    shown = -1
    while 0 <= index < total:
        qid = questions[index].id
        hint = f"{session.defn.hint_for(questions[index])}; s skip, b back, q quit, ? help"
        if shown != index:
            term.show(question_block(session, index))
            shown = index
        current = _current(session.answers.get(qid))
        raw = term.ask(f"Answer [{hint}]{f' ({current})' if current else ''}")
        command = "q" if raw is None else raw.strip().lower()
        if command in ("q", "quit"):
            break
        if command == "?":
            term.show(HELP)
        elif command in ("s", "skip", ""):
            index += 1
        elif command in ("b", "back"):
            index = max(0, index - 1)
        elif command in ("x", "clear"):
            if not _tell(term, session.clear(qid), qid):
                term.show(f"  cleared {qid}")
            shown = -1
        else:
            assert raw is not None
            try:
                value = parse_answer(raw, session.defn.framework_for(questions[index]))
            except ValueError as exc:
                term.show(f"  {exc}; type ? for help")
                continue
            if _tell(term, session.set_value(qid, value), qid):
                shown = -1
                continue
            report = _details(session, qid, term)
            if report is None:
                break
            if _tell(term, report, qid):
                shown = -1
                continue
            term.show(f"  saved {qid}: {_current(session.answers[qid])}")
            index += 1
    if session.dirty:
        _unsaved(session)
    missing = session.unanswered()
    term.show(f"\n{session.answered} of {total} questions answered"
              + (f"; unanswered: {', '.join(missing[:12])}{' ...' if len(missing) > 12 else ''}"
                 if missing else "") + f". Saved in {yamlio.display_path(session.path)}.")
    return CaptureSummary(yamlio.display_path(session.path), session.answered, total,
                          tuple(missing))


def _unsaved(session: CaptureSession) -> None:
    """Last try to save what a refused save left in memory; when that fails too, end with
    the answers in the error, so nothing typed is lost."""
    report = session.save()
    if report.refused is None:
        return
    answers = {"answers": {qid: session.answers[qid] for qid in session.question_ids
                           if qid in session.answers}}
    raise AssessError(f"NOT saved: {report.refused}. This session's answers, to copy into "
                      f"the file once it is fixed:\n{yamlio.dump(answers)}")


def run_capture(assessment: Path, questionnaire: str, respondent: str | None, term: Terminal,
                role: str | None = None, start: str | None = None,
                break_lock: bool = False) -> CaptureSummary:
    """Open (or resume) the response file and walk its questions; ``respondent=None`` captures
    the consensus. ``start`` is a question id to begin at instead of the first unanswered.
    The file is locked while capturing (``break_lock`` takes another session's lock)."""
    with open_session(assessment, questionnaire, respondent, role,
                      break_lock=break_lock) as session:
        index = None
        if start is not None:
            ids = session.question_ids
            if start not in ids:
                raise AssessError(f"unknown question {start!r} in "
                                  f"{session.defn.questionnaire.id!r} (first: "
                                  f"{', '.join(ids[:5])} ...)")
            index = ids.index(start)
        return walk(session, term, index)
