from __future__ import annotations

from pathlib import Path

import click

from ._common import emit, handle_errors, output_option


@click.command()
@click.argument("assessments", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path), metavar="[BASELINE] CURRENT")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]),
              default="table", show_default=True, help="Output format.")
@click.option("--tolerance", type=click.FloatRange(min=0), default=0.05, show_default=True,
              help="Largest change either way still called unchanged.")
@output_option
@handle_errors
def compare(assessments: tuple[Path, ...], fmt: str, tolerance: float,
            output: Path | None) -> None:
    """Compare an assessment with its baseline: what improved, and did the plan happen?

    Overall, domain and capability deltas (improved, unchanged or declined), targets met
    since the baseline, which of the baseline's recommendations were achieved, and which
    questions could be compared across questionnaire versions. With one folder, the
    baseline is the one its assessment.yaml names (`baseline: ../earlier`).

    \b
    Example:
      assess compare work/northshire-2025 work/northshire
      assess compare work/northshire            # its baseline: ../northshire-2025
      assess compare work/northshire --format json -o progress.json
      assess compare work/northshire --format markdown -o progress.md
    """
    from assess.progress import compare_paths
    from assess.render.compare import render_compare

    if len(assessments) > 2:
        raise click.UsageError(f"give BASELINE and CURRENT (or just CURRENT), not "
                               f"{len(assessments)} folders; `assess trend` follows several")
    baseline, current = (None, assessments[0]) if len(assessments) == 1 else assessments
    emit(render_compare(compare_paths(baseline, current, tolerance), fmt), output, fmt)
