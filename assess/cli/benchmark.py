from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ._common import assessment_argument, emit, handle_errors, output_option
from .portfolio import db_option


@click.command()
@assessment_argument
@db_option
@click.option("--peers", metavar="KEY=VALUE,...", help="Peer group by sector, size and "
              "region, e.g. sector=local-government,size=large; a bare key (sector) means "
              "the assessment's own [default: the assessment's portfolio.peers, else every "
              "organisation].")
@click.option("--min-peers", type=click.IntRange(min=2), help="Smallest group whose figures "
              "are shown; a smaller one shows only its size [default: 5].")
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="Each peer's assessment "
              "nearest this date (YYYY-MM-DD) [default: its latest].")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]),
              default="table", show_default=True, help="Output format.")
@output_option
@handle_errors
def benchmark(assessment: Path, db: str | None, peers: str | None, min_peers: int | None,
              as_of: dt.datetime | None, fmt: str, output: Path | None) -> None:
    """Compare an assessment with its peers in the portfolio.

    Per capability, domain and overall: how many peers, their quartiles and this
    assessment's percentile. Each organisation counts once (its latest assessment, or the
    one nearest --as-of); the assessment's own organisation is left out; only content of
    the same version (or carried over through `replaces`) is compared. A group smaller
    than --min-peers shows only its size. See docs/portfolio.md.

    \b
    Example:
      assess portfolio add work/northshire-2025 --db sqlite:///work/p.sqlite
      assess benchmark work/northshire --db sqlite:///work/p.sqlite
      assess benchmark work/northshire --peers sector --format json --db sqlite:///work/p.sqlite
    """
    from assess.portfolio import benchmark_path
    from assess.render.benchmark import render_benchmark

    result = benchmark_path(assessment, db, peers, min_peers,
                            None if as_of is None else as_of.date())
    emit(render_benchmark(result, fmt), output, fmt)
