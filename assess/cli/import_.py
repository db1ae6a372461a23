from __future__ import annotations

from pathlib import Path

import click

from ._common import handle_errors


@click.command(name="import", short_help="Read completed Excel questionnaires into response files.")
@click.argument("workbooks", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "out", required=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="The assessment's responses folder, ASSESSMENT/responses/ (the folder "
              "`assess score` reads; any other folder is refused).")
@click.option("--force", is_flag=True, help="Replace response files that already exist.")
@click.option("--definition", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The questionnaire file the workbooks were made from (another version "
              "than the assessment's), instead of looking it up.")
@handle_errors
def import_(workbooks: tuple[Path, ...], out: Path, force: bool,
            definition: Path | None) -> None:
    """Read completed Excel questionnaires (made by `assess template --format xlsx`) into
    response files named QUESTIONNAIRE.RESPONDENT.yaml.

    Every problem is listed as WORKBOOK: SHEET!CELL: message (exit code 3): a workbook made
    from another questionnaire version, edited ids, answers off the scale, a missing
    respondent name, text outside the cells read that cannot be kept as a note. A workbook
    with any problem writes nothing. Formulas are never evaluated. Spare columns and
    comments on a question's row are kept in its notes. Questionnaires are looked up in
    the assessment (the folder above -o) first.

    \b
    Example:
      assess import work/returned/network.tom-okafor.xlsx -o work/northshire/responses/ --force
    """
    from assess.errors import InvalidInput
    from assess.workshop.import_xlsx import import_workbooks

    result = import_workbooks(list(workbooks), out, force, definition)
    for item in result.written:
        answers = "1 answer" if item.answers == 1 else f"{item.answers} answers"
        click.echo(f"wrote {item.target} ({answers} from {item.workbook})", err=True)
    if result.problems:
        raise InvalidInput(result.problems)
