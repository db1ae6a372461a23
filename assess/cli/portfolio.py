from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ._common import emit, handle_errors, output_option

if TYPE_CHECKING:
    from assess.portfolio import AddOutcome, Store

db_option = click.option(
    "--db", metavar="URL", envvar="ASSESS_DB", show_envvar=True,
    help="Portfolio database: sqlite:///PATH or postgresql://USER@HOST/NAME "
         "[default: portfolio.sqlite in your data folder].")


@click.group()
def portfolio() -> None:
    """Keep many organisations' assessments in one database, for benchmarks.

    The portfolio holds each assessment's organisation, date, sector, size band, region,
    framework and content versions, and its values down to each question (never
    respondents' names or notes). Re-adding an organisation's assessment of the same date
    replaces it. See docs/portfolio.md.

    \b
    Example:
      assess portfolio add work/northshire work/northshire-2025 --db sqlite:///work/p.sqlite
      assess portfolio list --db sqlite:///work/p.sqlite
      assess portfolio show "Northshire Council" --db sqlite:///work/p.sqlite
      assess portfolio export --format csv -o work/portfolio.csv --db sqlite:///work/p.sqlite
    """


def _open(db: str | None) -> Store:
    from assess.portfolio import Store

    return Store(db)


@portfolio.command()
@click.argument("assessments", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path), metavar="ASSESSMENT...")
@db_option
@handle_errors
def add(assessments: tuple[Path, ...], db: str | None) -> None:
    """Add assessments (scored now) to the portfolio, each in its own transaction.

    A bad assessment is reported with its errors and skipped; the others are added (exit
    code 3 when any was skipped). A progress bar shows on a terminal; otherwise one
    summary line.

    \b
    Example:
      assess portfolio add work/northshire --db sqlite:///work/p.sqlite
      ASSESS_DB=sqlite:///work/p.sqlite assess portfolio add work/northshire-2025
    """
    with _open(db) as store:
        outcome = _add_with_progress(store, list(assessments))
    for path, problems in outcome.skipped.items():
        click.echo(f"skipped {path}:", err=True)
        for line in problems:
            click.echo(f"  {line}", err=True)
    from assess.portfolio.store import shown

    click.echo(f"{outcome.summary()} in {shown(store.url)}", err=True)
    if outcome.skipped:
        sys.exit(3)


def _add_with_progress(store: Store, paths: list[Path]) -> AddOutcome:
    from assess.portfolio import add_paths

    if len(paths) < 2 or not sys.stderr.isatty():
        return add_paths(store, paths)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("adding"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}"), transient=True) as bar:
        task = bar.add_task("", total=len(paths))
        return add_paths(store, paths,
                         lambda path: bar.update(task, advance=1, description=path.name))


@portfolio.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True, help="Output format.")
@db_option
@output_option
@handle_errors
def list_(fmt: str, db: str | None, output: Path | None) -> None:
    """List the assessments in the portfolio, by organisation then date.

    \b
    Example:
      assess portfolio list --db sqlite:///work/p.sqlite
      assess portfolio list --format json --db sqlite:///work/p.sqlite
    """
    from assess.render.portfolio import render_entries

    with _open(db) as store:
        emit(render_entries(store.entries(), fmt), output, fmt)


@portfolio.command()
@click.argument("organisation")
@click.option("--date", help="Which of its assessments (YYYY-MM-DD) [default: the latest].")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="Output format.")
@db_option
@output_option
@handle_errors
def show(organisation: str, date: str | None, fmt: str, db: str | None,
         output: Path | None) -> None:
    """Show one stored assessment: metadata, domain and capability scores.

    \b
    Example:
      assess portfolio show "Northshire Council" --db sqlite:///work/p.sqlite
      assess portfolio show "Northshire Council" --date 2026-10-20 --format json \\
        --db sqlite:///work/p.sqlite
    """
    from assess.render.portfolio import render_record

    with _open(db) as store:
        emit(render_record(store.record(organisation, date), fmt), output, fmt)


@portfolio.command()
@click.argument("organisation")
@click.option("--date", help="Remove only its assessment of this date (YYYY-MM-DD) "
              "[default: all of the organisation's assessments].")
@db_option
@handle_errors
def remove(organisation: str, date: str | None, db: str | None) -> None:
    """Remove an organisation's assessments (or one of them) from the portfolio.

    \b
    Example:
      assess portfolio remove "Northshire Council" --date 2025-10-15 \\
        --db sqlite:///work/p.sqlite
      assess portfolio remove "Northshire Council" --db sqlite:///work/p.sqlite
    """
    with _open(db) as store:
        dates = store.remove(organisation, date)
    click.echo(f"removed {organisation}: {', '.join(dates)}", err=True)


@portfolio.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True, help="csv: one row per score and answer; json: one object "
              "per assessment.")
@db_option
@output_option
@handle_errors
def export(fmt: str, db: str | None, output: Path | None) -> None:
    """Export the whole portfolio, down to each question's value.

    \b
    Example:
      assess portfolio export --format csv -o work/portfolio.csv --db sqlite:///work/p.sqlite
      assess portfolio export --format json --db sqlite:///work/p.sqlite
    """
    from assess.render.portfolio import render_export

    with _open(db) as store:
        emit(render_export(store.records(), fmt), output, fmt)
