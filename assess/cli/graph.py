from __future__ import annotations

from pathlib import Path

import click

from ._common import assessment_argument, handle_errors

FORMATS = ["svg", "png", "graphml", "json"]


@click.command()
@assessment_argument
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="Picture (svg, png) or data (graphml, json). Default: the format the -o "
              "name implies (.svg, .png, .graphml, .json), else png.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (default: standard output for graphml and json, "
              "dependency-graph.<format> for pictures).")
@handle_errors
def graph(assessment: Path, fmt: str | None, output: Path | None) -> None:
    """The dependency graph: capabilities -> core technologies -> programmes.

    Capabilities carry their current score, target and gap; prerequisite edges link
    capabilities. The picture colours gaps by size and highlights programmes at risk.

    \b
    Example:
      assess graph work/northshire                    # dependency-graph.png
      assess graph work/northshire -o graph.svg
      assess graph work/northshire --format graphml -o graph.graphml
      assess graph work/northshire --format json > graph.json
    """
    from assess.graph import render_graph

    implied = output.suffix.lower().lstrip(".") if output is not None else ""
    implied = implied if implied in FORMATS else ""
    if fmt and implied and fmt != implied:
        raise click.UsageError(f"--format {fmt} does not match the output name {output} "
                               f"(a .{implied} file)")
    fmt = fmt or implied or "png"
    from assess.outputs import check_output

    target = output or Path(f"dependency-graph.{fmt}")
    if output is not None or fmt in ("svg", "png"):
        check_output(target, fmt)
    data = render_graph(assessment, fmt)
    if isinstance(data, str) and output is None:
        click.echo(data, nl=False)
        return
    from assess.load.yamlio import write_bytes

    write_bytes(target, data.encode("utf-8") if isinstance(data, str) else data)
    click.echo(f"wrote {target}", err=True)
