from __future__ import annotations

from pathlib import Path

import click

from ._common import handle_errors


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--organisation", default="Client organisation", show_default=True,
              help="Name of the client organisation.")
@click.option("--pin", is_flag=True,
              help="Also copy the questionnaires and framework into the workspace "
              "(questionnaires/, frameworks/), so that upgrading assess never changes the "
              "content this assessment handed out.")
@handle_errors
def init(folder: Path, organisation: str, pin: bool) -> None:
    """Create a new assessment workspace: assessment.yaml (commented) and responses/.

    With --pin the questionnaires in scope and their framework are copied in as well;
    scoring, templates (`assess template Q --assessment DIR`) and imports then use those
    copies instead of the shipped ones.

    \b
    Example:
      assess init client-2026 --organisation "Northshire Council"
      assess init client-2027 --organisation "Northshire Council" --pin
    """
    import shlex

    from assess.scaffold import create_workspace

    file = create_workspace(folder, organisation, pin=pin)
    click.echo(f"created {file} and {folder / 'responses'}/")
    if pin:
        click.echo(f"pinned the questionnaires and framework in {folder / 'questionnaires'}/ "
                   f"and {folder / 'frameworks'}/")
    click.echo(f"next: edit {file}, add response files, then "
               f"`assess score {shlex.quote(str(folder))}`")
