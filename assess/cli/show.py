from __future__ import annotations

from pathlib import Path

import click

from ._common import assessment_argument, handle_errors, output_option


@click.command(short_help="Print an assessment's effective questionnaire or dependency model "
               "(after overlays and exclusions) as YAML.")
@assessment_argument
@click.argument("what", type=click.Choice(["questionnaire", "dependencies"]), metavar="WHAT")
@click.argument("ident", required=False, metavar="[ID]")
@output_option
@handle_errors
def show(assessment: Path, what: str, ident: str | None, output: Path | None) -> None:
    """Print an assessment's effective questionnaire or dependency model as YAML.

    The shipped (or pinned) content with the assessment's overlays applied and its
    excluded capabilities removed: what every other command uses.

    WHAT is `questionnaire ID` (a questionnaire in scope) or `dependencies`.

    \b
    Example:
      assess show work/northshire questionnaire cybersecurity
      assess show work/northshire dependencies -o effective-dependencies.yaml
    """
    from assess.load.tailoring import effective_yaml

    from ._common import emit

    if (what == "questionnaire") != (ident is not None):
        raise click.UsageError("give a questionnaire ID after `questionnaire` (and none "
                               "after `dependencies`)")
    emit(effective_yaml(assessment, what, ident), output, "yaml")
