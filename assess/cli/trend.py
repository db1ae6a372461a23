from __future__ import annotations

from pathlib import Path

import click

from ._common import emit, handle_errors, output_option


@click.command()
@click.argument("assessments", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path), metavar="ASSESSMENT...")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
              default="table", show_default=True, help="Output format.")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw the trend chart (one line per domain) to FILE.png or FILE.svg.")
@click.option("--follow", is_flag=True, help="Start from one assessment and follow its "
              "`baseline:` links back.")
@output_option
@handle_errors
def trend(assessments: tuple[Path, ...], fmt: str, chart: Path | None, follow: bool,
          output: Path | None) -> None:
    """Maturity over several assessments of one organisation, in date order.

    Give the assessment folders in any order; they are sorted by date. Assessments of
    different organisations, or two on the same date, are refused.

    \b
    Example:
      assess trend work/northshire-2025 work/northshire
      assess trend work/northshire --follow --chart trend.png
      assess trend work/northshire-2025 work/northshire --format csv -o trend.csv
    """
    from assess.errors import AssessError
    from assess.progress import baseline_chain, trend_paths
    from assess.render.trend import render_trend

    if chart is not None and chart.suffix.lower() not in (".png", ".svg"):
        raise click.BadParameter("the chart file must end in .png or .svg", param_hint="--chart")
    if chart is not None:
        from assess.outputs import check_target

        check_target(chart)
    if follow:
        if len(assessments) != 1:
            raise click.UsageError("--follow starts from exactly one assessment")
        chain = tuple(baseline_chain(assessments[0]))
        if len(chain) < 2:
            raise AssessError(f"{assessments[0]}: its assessment.yaml names no baseline to "
                              "follow (add `baseline: ../earlier-assessment`)")
        assessments = chain
    elif len(assessments) == 1:
        raise AssessError("a trend needs at least two assessments, got 1: give several "
                          "folders, or one with --follow to follow its `baseline:` links")
    result = trend_paths(list(assessments))
    emit(render_trend(result, fmt), output, fmt)
    if chart is not None:
        from assess.render.trend_chart import draw_trend

        click.echo(f"wrote {draw_trend(result, chart)}", err=True)
