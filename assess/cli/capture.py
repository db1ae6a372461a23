from __future__ import annotations

from pathlib import Path

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


@click.command()
@assessment_argument
@click.argument("questionnaire")
@click.option("--respondent", help="Name of the person answering.")
@click.option("--role", help="Their role (kept from the file when resuming).")
@click.option("--consensus", is_flag=True, help="Capture the answers the room agreed on.")
@click.option("--start", metavar="QUESTION_ID",
              help="Begin at this question (default: the first unanswered one).")
@handle_errors
def capture(assessment: Path, questionnaire: str, respondent: str | None, role: str | None,
            consensus: bool, start: str | None) -> None:
    """Capture answers live in the workshop, one question at a time, saving after each.

    Shows each question with its level descriptors and asks for the answer, confidence,
    notes and evidence. Type s to skip, b to go back, x to clear, q to quit, ? for help.
    Running it again resumes at the first unanswered question. Answers go to
    ASSESSMENT/responses/QUESTIONNAIRE.RESPONDENT.yaml (QUESTIONNAIRE.consensus.yaml).

    \b
    Example:
      assess capture work/northshire cybersecurity --respondent "A. Patel" --role CISO
      assess capture work/northshire cybersecurity --consensus
    """
    from assess.workshop.capture_loop import run_capture

    if consensus == (respondent is not None):
        raise click.UsageError("give --respondent NAME or --consensus (one of them)")
    run_capture(assessment, questionnaire, None if consensus else respondent, ClickTerminal(),
                role=role, start=start)
