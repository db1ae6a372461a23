from __future__ import annotations

import click

from ._common import handle_errors

KINDS = ["framework", "questionnaire", "dependencies", "assessment", "response", "plan",
         "mapping", "standard", "questionnaire-overlay", "dependencies-overlay",
         "terminology"]


@click.command()
@click.argument("name", type=click.Choice(KINDS), metavar="NAME")
@handle_errors
def schema(name: str) -> None:
    """Print the JSON Schema of a file kind (for editor completion and checks).

    NAME is one of: framework, questionnaire, dependencies, assessment, response, plan,
    mapping (a mapping set), standard (a standard's catalogue for crosswalks),
    questionnaire-overlay, dependencies-overlay, terminology.

    \b
    Example:
      assess schema questionnaire > questionnaire.schema.json
    """
    from assess.schemas import json_schema

    click.echo(json_schema(name))
