from __future__ import annotations

from pathlib import Path

import click

from ._common import EXIT_INVALID, handle_errors


@click.command()
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@handle_errors
def lint(path: Path | None) -> None:
    """Content checks for authors of questionnaires and dependency models.

    Without PATH, lints the shipped questionnaires and the default dependency model.
    PATH may be a questionnaire, a folder of them, or an assessment (its questionnaires
    and effective dependency model). Findings are listed as FILE:LINE: path: message;
    the exit code is 3 when there is any.

    \b
    Checks: every capability has questions and reaches a programme; every question has
    a descriptor for every level (all different, none copied from another question),
    a reference, guidance and evidence; every level step has an action; ids follow one
    convention (snake_case capabilities, PREFIX-CAP-NN questions).

    \b
    Example:
      assess lint
      assess lint work/northshire
    """
    from assess.lint import lint as run_lint

    report = run_lint(path)
    for finding in report.findings:
        click.echo(str(finding), err=True)
    files = _count(len(report.files), "file")
    if report.findings:
        click.echo(f"{_count(len(report.findings), 'finding')} in {files}", err=True)
        raise SystemExit(EXIT_INVALID)
    click.echo(f"ok  {files}, no findings")


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
