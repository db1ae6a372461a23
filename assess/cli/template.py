from __future__ import annotations

from pathlib import Path

import click

from ._common import emit, handle_errors

FORMATS = ["yaml", "xlsx", "markdown", "html"]


@click.command()
@click.argument("questionnaire", required=False)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="yaml", show_default=True,
              help="yaml: a response file to fill in; xlsx: an Excel workbook with drop-downs "
              "(read back by `assess import`); markdown, html: a printable form.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File to write (a folder with --all). Without it yaml, markdown and html "
              "go to standard output.")
@click.option("--all", "all_", is_flag=True,
              help="One form per shipped questionnaire (per questionnaire in scope with "
              "--assessment), written into the -o folder.")
@click.option("--assessment", type=click.Path(exists=True, path_type=Path),
              help="Take the questionnaire and framework from this assessment's own "
              "questionnaires/ and frameworks/ (as pinned by `assess init --pin`), falling "
              "back to the shipped ones.")
@click.option("--per-respondent", is_flag=True,
              help="With --assessment: one Excel workbook per respondent listed in "
              "assessment.yaml and questionnaire they answer, their name filled in and only "
              "the questions for their audiences, into the -o folder.")
@click.option("--all-questions", is_flag=True,
              help="With --per-respondent: every question, whatever the audiences.")
@handle_errors
def template(questionnaire: str | None, fmt: str, output: Path | None, all_: bool,
             assessment: Path | None, per_respondent: bool, all_questions: bool) -> None:
    """Write a blank questionnaire to hand out: YAML, Excel workbook or printable form.

    QUESTIONNAIRE is a questionnaire id (shipped, or the assessment's own copy with
    --assessment) or the path of a questionnaire YAML file.
    The Excel workbook has an answer drop-down per question, the level descriptors beside
    it, and a hidden sheet naming the questionnaire version it was made from.

    \b
    Example:
      assess template cybersecurity --format xlsx -o cybersecurity.xlsx
      assess template cybersecurity > cybersecurity.a-patel.yaml
      assess template network --format html -o network-form.html
      assess template --all --format xlsx -o workshop-pack/
      assess template network --assessment work/northshire-2025 --format xlsx -o network.xlsx
      assess template --assessment work/northshire --per-respondent -o workbooks/
    """
    from assess.load.yamlio import write_bytes
    from assess.outputs import check_folder, check_output

    if per_respondent:
        from assess.workshop.templates import write_per_respondent

        if assessment is None or output is None or questionnaire is not None or all_:
            raise click.UsageError("--per-respondent needs --assessment and -o FOLDER (and "
                                   "no QUESTIONNAIRE or --all)")
        from assess.outputs import check_folder

        check_folder(output)
        for path in write_per_respondent(output, assessment, all_questions):
            click.echo(f"wrote {path}", err=True)
        return
    if all_questions:
        raise click.UsageError("--all-questions goes with --per-respondent")
    if all_ == (questionnaire is not None):
        raise click.UsageError("give a QUESTIONNAIRE or --all (not both)")
    if output is None and (all_ or fmt == "xlsx"):
        raise click.UsageError("--all and --format xlsx need -o (a folder with --all, "
                               "else a file)")
    if all_:
        from assess.workshop.templates import write_all

        assert output is not None
        check_folder(output)
        for path in write_all(output, fmt, assessment):
            click.echo(f"wrote {path}", err=True)
        return
    from assess.workshop.templates import make_template

    assert questionnaire is not None
    if output is not None:
        check_output(output, fmt)
    content = make_template(questionnaire, fmt, assessment)
    if isinstance(content, bytes):
        assert output is not None
        write_bytes(output, content)
        click.echo(f"wrote {output}", err=True)
    else:
        emit(content, output, fmt)
