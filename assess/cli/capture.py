from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import click

from ._common import assessment_argument, handle_errors


class ClickTerminal:
    """The capture loop's terminal: click prompts; end of input or Ctrl-C means quit."""

    def show(self, text: str) -> None:
        click.echo(text)

    def ask(self, prompt: str) -> str | None:
        try:
            answer: str = click.prompt(prompt, default="", show_default=False,
                                       prompt_suffix=": ")
        except click.Abort:
            click.echo()
            return None
        return answer


@contextmanager
def _signals_end_the_session() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal) end the session like q does: the lock is
    released and nothing half-written is left (every answer is already saved)."""

    def stop(signum: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    signals = [signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])]
    previous = {sig: signal.signal(sig, stop) for sig in signals}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@click.command()
@assessment_argument
@click.argument("questionnaire")
@click.option("--respondent", help="Name of the person answering.")
@click.option("--role", help="Their role (kept from the file when resuming).")
@click.option("--consensus", is_flag=True, help="Capture the answers the room agreed on.")
@click.option("--start", metavar="QUESTION_ID",
              help="Begin at this question (default: the first unanswered one).")
@click.option("--break-lock", is_flag=True,
              help="Capture even though another session holds the file's lock (when that "
                   "session is known to be gone, e.g. on another laptop).")
@handle_errors
def capture(assessment: Path, questionnaire: str, respondent: str | None, role: str | None,
            consensus: bool, start: str | None, break_lock: bool) -> None:
    """Capture answers live in the workshop, one question at a time, saving after each.

    Shows each question with its level descriptors and asks for the answer, confidence,
    notes and evidence. Type s to skip, b to go back, x to clear, q to quit, ? for help.
    Running it again resumes at the first unanswered question. Answers go to
    ASSESSMENT/responses/QUESTIONNAIRE.RESPONDENT.yaml (QUESTIONNAIRE.consensus.yaml).
    One session per file: a second one is refused, naming who holds the lock and since
    when (--break-lock overrides); changes made to the file meanwhile are merged in.

    \b
    Example:
      assess capture work/northshire cybersecurity --respondent "A. Patel" --role CISO
      assess capture work/northshire cybersecurity --consensus
    """
    from assess.workshop.capture_loop import run_capture

    if consensus == (respondent is not None):
        raise click.UsageError("give --respondent NAME or --consensus (one of them)")
    with _signals_end_the_session():
        run_capture(assessment, questionnaire, None if consensus else respondent,
                    ClickTerminal(), role=role, start=start, break_lock=break_lock)
