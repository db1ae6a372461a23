"""One exception family; the command line maps it to exit codes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem in an input file."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.path or '<root>'}: {self.message}"


def problem_order(problem: Problem) -> tuple[str, int, tuple[tuple[int, str], ...], str]:
    """File, line, then the path with its numbers compared as numbers, so that cell J5
    comes before J10 and items[2] before items[10]."""
    # re.split with a group alternates text and digits: even places text, odd places numbers.
    parts = tuple((int(piece), "") if i % 2 else (0, piece)
                  for i, piece in enumerate(re.split(r"(\d+)", problem.path)))
    return problem.file, problem.line, parts, problem.message


class AssessError(Exception):
    """Base of every error the tool reports to its user."""


class InvalidInput(AssessError):
    """Input files are malformed or inconsistent; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems), key=problem_order)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(AssessError):
    """Options that contradict each other (e.g. ``--format html`` with ``-o x.pdf``); the
    command line reports it as a usage error (exit 2), not as invalid input."""


class NotFound(AssessError):
    """A named file, questionnaire, framework or assessment does not exist."""


class OutputError(AssessError):
    """An output could not be written (e.g. it exists and --force was not given)."""


class EnvironmentFailure(AssessError):
    """The machine, not the input, is at fault: permission denied, disk full, a path under a
    file, a read-only folder. The command line reports it with exit code 4."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")
