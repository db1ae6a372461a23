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
@click.option("--save", is_flag=True, help="Also write the plan to <assessment>/plan.yaml, "
              "for the client to keep statuses and dates in.")
@click.option("--force", is_flag=True, help="With --save: replace an existing plan.yaml.")
@output_option
@handle_errors
def roadmap(assessment: Path, capacity: float | None, fmt: str, save: bool, force: bool,
            output: Path | None) -> None:
    """Phased roadmap: the recommendations packed into phases under a capacity each.

    Phases come from the assessment (default 0-6, 6-12 and 12-24 months). Steps are
    planned in priority order, never before their prerequisites; what does not fit is the
    backlog. Each phase shows the projected domain scores once it is delivered, its
    people (FTE) and money (capex, opex); then the time to target and, with a baseline,
    how much of the last plan was delivered. CSV has one row per step, planned (phase
    and order) or in the backlog. --save writes the agreed plan to plan.yaml in the
    assessment (an existing one is kept unless --force).

    \b
    Example:
      assess roadmap work/northshire
      assess roadmap work/northshire --capacity 200 --format markdown -o roadmap.md
      assess roadmap work/northshire --format csv -o roadmap.csv
      assess roadmap work/northshire --save
    """
    from assess.prioritise import analyse
    from assess.progress import delivery_since_baseline
    from assess.render.roadmap import render_roadmap

    analysis = analyse(assessment)
    plan = analysis.roadmap(capacity)
    delivery = delivery_since_baseline(assessment, analysis.result, plan,
                                       analysis.recommendations)
    if force and not save:
        raise click.UsageError("--force only applies with --save")
    if output is not None:
        from assess.outputs import check_output

        check_output(output, fmt)  # before plan.yaml is written
    text = render_roadmap(plan, analysis.recommendations, fmt, delivery)
    if save:
        from assess.load.workspace import assessment_file
        from assess.prioritise.plan_file import build_plan, save_plan

        saved = save_plan(assessment_file(assessment).parent,
                          build_plan(analysis.assessment, plan, analysis.recommendations),
                          force)
        click.echo(f"wrote {saved}", err=True)
    emit(text, output, fmt)
