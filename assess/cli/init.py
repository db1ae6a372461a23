from __future__ import annotations

from pathlib import Path

import click

from ._common import handle_errors


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--organisation", default="Client organisation", show_default=True,
              help="Name of the client organisation.")
@handle_errors
def init(folder: Path, organisation: str) -> None:
    """Create a new assessment workspace: assessment.yaml (commented) and responses/.

    \b
    Example:
      assess init northshire-2026 --organisation "Northshire Council"
    """
    import shlex

    from assess.scaffold import create_workspace

    file = create_workspace(folder, organisation)
    click.echo(f"created {file} and {folder / 'responses'}/")
    click.echo(f"next: edit {file}, add response files, then "
               f"`assess score {shlex.quote(str(folder))}`")
