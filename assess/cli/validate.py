from __future__ import annotations

from pathlib import Path

import click

from ._common import handle_errors


@click.command()
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@handle_errors
def validate(paths: tuple[Path, ...]) -> None:
    """Check questionnaires, frameworks, dependency models, assessments and responses.

    Every problem is listed as FILE:LINE: path.in.file: message; the exit code is 3 when
    there is any. A folder holding assessment.yaml is checked as a whole assessment.

    \b
    Example:
      assess validate work/northshire work/northshire-2025
    """
    from assess.load.validation import validate_paths

    for line in validate_paths(list(paths)):
        click.echo(line)
