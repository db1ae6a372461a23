from __future__ import annotations

from pathlib import Path

import click

from ._common import assessment_argument, emit, handle_errors, output_option


@click.command()
@assessment_argument
@click.option("--capacity", type=click.FloatRange(min=0, min_open=True),
              help="Effort capacity of every phase in person-days (overrides the "
              "assessment's).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "markdown"]),
              default="table", show_default=True, help="Output format.")
@output_option
@handle_errors
def roadmap(assessment: Path, capacity: float | None, fmt: str, output: Path | None) -> None:
    """Phased roadmap: the recommendations packed into phases under a capacity each.

    Phases come from the assessment (default 0-6, 6-12 and 12-24 months). Steps are
    planned in priority order, never before their prerequisites; what does not fit is the
    backlog. Each phase shows the projected domain scores once it is delivered. CSV has
    one row per step, planned (phase and order) or in the backlog.

    \b
    Example:
      assess roadmap examples/northshire
      assess roadmap examples/northshire --capacity 200 --format markdown -o roadmap.md
      assess roadmap examples/northshire --format csv -o roadmap.csv
    """
    from assess.prioritise import analyse
    from assess.progress import delivery_since_baseline
    from assess.render.roadmap import render_roadmap

    analysis = analyse(assessment)
    plan = analysis.roadmap(capacity)
    delivery = delivery_since_baseline(assessment, analysis.result, plan,
                                       analysis.recommendations)
    emit(render_roadmap(plan, analysis.recommendations, fmt, delivery), output)
