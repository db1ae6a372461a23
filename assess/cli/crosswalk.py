from __future__ import annotations

from pathlib import Path

import click

from ._common import assessment_argument, emit, handle_errors, output_option


@click.command()
@assessment_argument
@click.option("--to", "target", required=True, metavar="STANDARD",
              help="Standard to roll up onto: nist-csf-2.0, cis-v8, ncsc-caf, or any with a "
              "mapping set (e.g. one imported with assess import-framework).")
@click.option("--group", metavar="GROUP", default=None,
              help="Only the items of this implementation group (CIS: IG1, IG2, IG3), "
              "coverage and scores computed over them.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "markdown"]),
              default="table", show_default=True, help="Output format.")
@output_option
@handle_errors
def crosswalk(assessment: Path, target: str, group: str | None, fmt: str,
              output: Path | None) -> None:
    """Roll an assessment's results up onto a published standard.

    Per item of the standard (CSF function, category and subcategory; CIS control and
    safeguard; CAF objective, principle and outcome): an indicative score, on the
    standard's own scale where it has one (CSF tiers 1-4), the share of its requirements
    the questions reach (coverage) and the questions behind the figure. See
    docs/crosswalk.md for how a score is carried across.

    \b
    Example:
      assess crosswalk work/northshire --to nist-csf-2.0
      assess crosswalk work/northshire --to cis-v8 --format csv -o cis.csv
      assess crosswalk work/northshire --to cis-v8 --group IG1
    """
    from assess.crosswalk_run import run_crosswalk
    from assess.render.crosswalk import render_crosswalk

    emit(render_crosswalk(run_crosswalk(assessment, target, group), fmt), output, fmt)
