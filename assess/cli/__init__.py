"""The ``assess`` command. Only this package imports click.

Each command lives in its own module and is imported when it is run (or when help is
shown), and each imports the core it needs inside its callback, so ``assess --help``
and ``assess score`` stay fast.
"""

from __future__ import annotations

import importlib

import click

from assess import __version__

COMMANDS: dict[str, tuple[str, str]] = {
    # name: (where the command lives, its one-line summary for `assess --help`)
    "demo": ("assess.cli.demo:demo",
             "Run the whole pipeline on the bundled example assessment (Northshire Council)."),
    "init": ("assess.cli.init:init",
             "Create a new assessment workspace: assessment.yaml (commented) and responses/."),
    "validate": ("assess.cli.validate:validate", "Check questionnaires, frameworks, dependency "
                 "models, assessments and responses."),
    "lint": ("assess.cli.lint:lint",
             "Content checks for authors of questionnaires and dependency models."),
    "schema": ("assess.cli.schema:schema",
               "Print the JSON Schema of a file kind (for editor completion and checks)."),
    "score": ("assess.cli.score:score", "Score an assessment: maturity per capability, domain "
              "and overall against target."),
    "recommend": ("assess.cli.recommend:recommend", "Prioritised recommendations: one per "
                  "level step below target, highest priority first."),
    "roadmap": ("assess.cli.roadmap:roadmap", "Phased roadmap: the recommendations packed "
                "into phases under a capacity each."),
    "graph": ("assess.cli.graph:graph",
              "The dependency graph: capabilities -> core technologies -> programmes."),
    "template": ("assess.cli.template:template", "Write a blank questionnaire to hand out: "
                 "YAML, Excel workbook or printable form."),
    "import": ("assess.cli.import_:import_",
               "Read completed Excel questionnaires into response files."),
    "capture": ("assess.cli.capture:capture", "Capture answers live in the workshop, one "
                "question at a time, saving after each."),
    "compare": ("assess.cli.compare:compare", "Compare an assessment with its baseline: what "
                "improved, and did the plan happen?"),
    "trend": ("assess.cli.trend:trend",
              "Maturity over several assessments of one organisation, in date order."),
    "crosswalk": ("assess.cli.crosswalk:crosswalk",
                  "Roll an assessment's results up onto a published standard."),
    "import-framework": ("assess.cli.import_framework:import_framework", "Import a published "
                         "model: OWASP SAMM, OWASP DSOMM or a CISO Assistant library."),
    "show": ("assess.cli.show:show", "Print an assessment's effective questionnaire or "
             "dependency model (after overlays and exclusions) as YAML."),
    "report": ("assess.cli.report:report", "Write the gap-analysis report: HTML, Markdown, PDF, "
               "Word, an Excel workbook and/or a PowerPoint board deck."),
    "portfolio": ("assess.cli.portfolio:portfolio", "Keep many organisations' assessments in "
                  "one database, for benchmarks."),
    "benchmark": ("assess.cli.benchmark:benchmark", "Compare an assessment with its peers in "
                  "the portfolio."),
}


class LazyGroup(click.Group):
    """Imports a command's module only when that command runs or shows its own help;
    `assess --help` lists the summaries above without importing any of them."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module, attr = entry[0].split(":")
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, summary) for name, (_, summary) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


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
      assess demo --copy work          # the example's files, to try every command on
      assess score work/northshire
      assess init client-2026 --organisation "Northshire Council"
    """
    ctx.obj = {"verbose": verbose}
    _exit_cleanly_on_sigterm(ctx)


def _exit_cleanly_on_sigterm(ctx: click.Context) -> None:
    """While a command runs, SIGTERM unwinds like Ctrl-C (SystemExit 143), so writes in
    progress remove their temporary files and folders instead of leaving them behind."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    ctx.call_on_close(lambda: signal.signal(signal.SIGTERM, previous))
