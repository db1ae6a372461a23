from __future__ import annotations

from pathlib import Path

import click

from ._common import assessment_argument, emit, handle_errors, output_option


@click.command()
@assessment_argument
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "markdown"]),
              default="table", show_default=True, help="Output format.")
@output_option
@handle_errors
def score(assessment: Path, fmt: str, output: Path | None) -> None:
    """Score an assessment: maturity per capability, domain and overall against target.

    ASSESSMENT is a folder holding assessment.yaml (or that file). Combines every
    respondent's answers, reports coverage, spread and disagreements.

    \b
    Example:
      assess score examples/northshire
      assess score examples/northshire --format json -o scores.json
    """
    from assess.render.scores import render_scores
    from assess.scoring import score_assessment
    from assess.workspace import load_workspace

    ws = load_workspace(assessment)
    result = score_assessment(ws.scoring_inputs())
    emit(render_scores(result, fmt), output)
