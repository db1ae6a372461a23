"""The ``assess`` command. Only this package imports click.

Each command lives in its own module and is imported when it is run (or when help is
shown), and each imports the core it needs inside its callback, so ``assess --help``
and ``assess score`` stay fast.
"""

from __future__ import annotations

import importlib

import click

from assess import __version__

COMMANDS = {
    "demo": "assess.cli.demo:demo",
    "init": "assess.cli.init:init",
    "validate": "assess.cli.validate:validate",
    "lint": "assess.cli.lint:lint",
    "schema": "assess.cli.schema:schema",
    "score": "assess.cli.score:score",
    "recommend": "assess.cli.recommend:recommend",
    "roadmap": "assess.cli.roadmap:roadmap",
    "graph": "assess.cli.graph:graph",
    "template": "assess.cli.template:template",
    "import": "assess.cli.import_:import_",
    "capture": "assess.cli.capture:capture",
    "compare": "assess.cli.compare:compare",
    "trend": "assess.cli.trend:trend",
    "report": "assess.cli.report:report",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":")
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assess")
@click.option("-v", "--verbose", is_flag=True, help="Show tracebacks of unexpected errors.")
@click.pass_context
def main(ctx: click.Context, verbose: bool) -> None:
    """Infrastructure and digital-foundations maturity assessment.

    Score questionnaires answered in client workshops, prioritise the gaps against the
    programmes they hold back, plan a roadmap and write the gap-analysis report.

    \b
    Example:
      assess demo                      # the whole pipeline on the bundled example
      assess init client-2026 --organisation "Northshire Council"
      assess score client-2026
    """
    ctx.obj = {"verbose": verbose}
