from __future__ import annotations

from pathlib import Path

import click

from ._common import handle_errors


@click.command()
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Also write every output for the example into this folder.")
@click.option("--copy", "copy_to", type=click.Path(path_type=Path), metavar="DIR",
              help="Instead, copy the example assessments (Northshire and its 2025 baseline), "
              "a logo and a returned questionnaire workbook into DIR, a new or empty "
              "folder, to try the other commands on.")
@handle_errors
def demo(out: Path | None, copy_to: Path | None) -> None:
    """Run the whole pipeline on the bundled example assessment (Northshire Council).

    Prints the score table and the top five recommendations; with -o also writes the
    scores (JSON, CSV, Markdown), recommendations, roadmap and the report in every format
    into the folder. With --copy, puts the example into a folder of yours instead:
    DIR/northshire, DIR/northshire-2025 (its baseline), DIR/branding/ (a logo) and
    DIR/returned/ (a completed workbook). DIR must be new or empty (else exit 3, nothing
    copied). Every example in the commands' --help runs on that copy.

    \b
    Example:
      assess demo
      assess demo -o northshire-out
      assess demo --copy work && assess score work/northshire
    """
    if copy_to is not None:
        if out is not None:
            raise click.UsageError("--copy and -o do not go together: --copy only copies "
                                   "the example")
        from assess.examples import copy_examples
        from assess.load.yamlio import display_path

        for path in copy_examples(copy_to):
            click.echo(f"copied {display_path(path)}", err=True)
        click.echo(f"next: assess score {display_path(copy_to / 'northshire')}", err=True)
        return
    from assess.pipeline import run_demo

    for line in run_demo(out):
        click.echo(line)
