"""One exception family; the command line maps it to exit codes."""

from __future__ import annotations

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


class AssessError(Exception):
    """Base of every error the tool reports to its user."""


class InvalidInput(AssessError):
    """Input files are malformed or inconsistent; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class NotFound(AssessError):
    """A named file, questionnaire, framework or assessment does not exist."""


class OutputError(AssessError):
    """An output could not be written (e.g. it exists and --force was not given)."""
