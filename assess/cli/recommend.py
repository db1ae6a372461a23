from __future__ import annotations

from pathlib import Path

import click

from ._common import assessment_argument, emit, handle_errors, output_option


@click.command()
@assessment_argument
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "markdown"]),
              default="table", show_default=True, help="Output format.")
@click.option("--top", type=click.IntRange(min=1), help="Show only the first N.")
@click.option("--domain", help="Only this domain's capabilities (a questionnaire id).")
@click.option("--programme", help="Only steps feeding this programme (an id of the "
              "dependency model).")
@click.option("--programmes", "readiness", is_flag=True,
              help="Show programme readiness instead: how ready the foundations each "
              "programme depends on are, and the gaps that block it most.")
@output_option
@handle_errors
def recommend(assessment: Path, fmt: str, top: int | None, domain: str | None,
              programme: str | None, readiness: bool, output: Path | None) -> None:
    """Prioritised recommendations: one per level step below target, highest priority first.

    Each step comes with the dependency model's action, effort, cost band and owner, the
    steps it needs first, and a rationale naming the programmes and technologies it feeds.
    Ranks are those of the whole list, also when filtered.

    \b
    Example:
      assess recommend work/northshire --top 5
      assess recommend work/northshire --domain cybersecurity --format markdown
      assess recommend work/northshire --programme digital_first --format json
      assess recommend work/northshire --programmes
    """
    from assess.prioritise import analyse, select
    from assess.render.recommendations import render_readiness, render_recommendations

    if readiness and (top is not None or domain is not None or programme is not None):
        raise click.UsageError("--top, --domain and --programme filter recommendations; they "
                               "cannot be combined with --programmes")
    analysis = analyse(assessment)
    if readiness:
        emit(render_readiness(analysis.readiness(), fmt), output, fmt)
        return
    view = select(analysis.recommendations, top=top, domain=domain, programme=programme)
    emit(render_recommendations(view, fmt), output, fmt)
