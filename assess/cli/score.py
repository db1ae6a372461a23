from __future__ import annotations

from pathlib import Path

import click

from ._common import assessment_argument, emit, handle_errors, output_option


@click.command()
@assessment_argument
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "markdown"]),
              default="table", show_default=True, help="Output format.")
@click.option("--by-respondent", is_flag=True,
              help="Each respondent's scores side by side per capability.")
@click.option("--questions", is_flag=True, help="Question-level results: combined value, "
              "each respondent's answer, spread and confidence.")
@click.option("--disagreements", is_flag=True, help="Questions to discuss in the workshop, "
              "most spread first, with each respondent's answer and notes.")
@output_option
@handle_errors
def score(assessment: Path, fmt: str, output: Path | None, by_respondent: bool,
          questions: bool, disagreements: bool) -> None:
    """Score an assessment: maturity per capability, domain and overall against target.

    ASSESSMENT is a folder holding assessment.yaml (or that file). Combines every
    respondent's answers, reports coverage, spread and disagreements.

    \b
    Example:
      assess score work/northshire
      assess score work/northshire --format json -o scores.json
      assess score work/northshire --by-respondent
      assess score work/northshire --questions --format csv -o answers.csv
      assess score work/northshire --disagreements
    """
    from assess.load.workspace import load_workspace
    from assess.render.scores import render_scores
    from assess.scoring import score_assessment

    if by_respondent and questions:
        raise click.UsageError("--by-respondent and --questions cannot be combined "
                               "(--questions already shows each respondent's answer)")
    if disagreements and (by_respondent or questions):
        raise click.UsageError("--disagreements cannot be combined with --by-respondent or "
                               "--questions")
    ws = load_workspace(assessment, dependencies=False)
    if by_respondent:
        from assess.render.score_respondents import render_by_respondent
        from assess.scoring.respondents import score_by_respondent

        emit(render_by_respondent(score_by_respondent(ws.scoring_inputs()), fmt), output, fmt)
        return
    result = score_assessment(ws.scoring_inputs())
    if disagreements:
        from assess.render.disagreements import render_disagreements

        emit(render_disagreements(result, fmt), output, fmt)
        return
    emit(render_scores(result, fmt, questions=questions), output, fmt)
