"""Shared plumbing for commands: error mapping and output."""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

EXIT_INVALID = 3
EXIT_ENVIRONMENT = 4
EXIT_UNEXPECTED = 1


def handle_errors(fn: F) -> F:
    """Map core errors to the exit codes of SPEC.md section 7: UsageError -> 2,
    EnvironmentFailure and any other OSError (permission, disk full, a path under a file)
    -> 4, other AssessError -> 3, anything else -> 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from assess.errors import AssessError, EnvironmentFailure, InvalidInput, UsageError

        try:
            return fn(*args, **kwargs)
        except UsageError as exc:
            # Found by the core, but the user's options are at fault: click's usage error
            # (exit 2, with the command's usage line), like conflicts the CLI itself finds.
            raise click.UsageError(str(exc)) from exc
        except InvalidInput as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            sys.exit(EXIT_INVALID)
        except EnvironmentFailure as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_ENVIRONMENT)
        except AssessError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_INVALID)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:
            sys.exit(EXIT_UNEXPECTED)
        except OSError as exc:
            from assess.load.files import environment_failure

            click.echo(f"error: {environment_failure(exc)}", err=True)
            sys.exit(EXIT_ENVIRONMENT)
        except Exception as exc:
            ctx = click.get_current_context(silent=True)
            root = ctx.find_root() if ctx else None
            verbose = bool(root and root.obj and root.obj.get("verbose"))
            if verbose:
                traceback.print_exc()
            click.echo(f"unexpected error: {type(exc).__name__}: {exc}"
                       + ("" if verbose else " (run with -v for the traceback)"), err=True)
            sys.exit(EXIT_UNEXPECTED)
        finally:
            from assess.notices import take

            for message in take():
                click.echo(f"note: {message}", err=True)

    return wrapper  # type: ignore[return-value]


def emit(text: str, output: Path | None, fmt: str | None) -> None:
    """Print ``text`` or write it atomically to ``output``, after the output checks
    (:func:`assess.outputs.check_output`: a suffix that fits ``fmt``, not an assessment's
    own file)."""
    if output is None:
        click.echo(text, nl=not text.endswith("\n"))
        return
    from assess.load.yamlio import write_text
    from assess.outputs import check_output

    check_output(output, fmt)
    write_text(output, text)
    click.echo(f"wrote {output}", err=True)


output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file instead of standard output.")

assessment_argument = click.argument(
    "assessment", type=click.Path(exists=True, path_type=Path), metavar="ASSESSMENT")
