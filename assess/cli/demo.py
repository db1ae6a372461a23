from __future__ import annotations

from pathlib import Path

import click

from ._common import handle_errors


@click.command()
@click.option("-o", "--output", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Also write every output for the example into this folder.")
@handle_errors
def demo(out: Path | None) -> None:
    """Run the whole pipeline on the bundled example assessment (Northshire Council).

    Prints the score table and the top five recommendations; with -o also writes the
    scores (JSON, CSV, Markdown), recommendations, roadmap and the report in every format
    into the folder.

    \b
    Example:
      assess demo
      assess demo -o northshire-out
    """
    from assess.pipeline import run_demo

    for line in run_demo(out):
        click.echo(line)
