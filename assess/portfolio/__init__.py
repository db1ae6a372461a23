"""The portfolio: many organisations' assessments in one database, and how one compares
with its peers (docs/portfolio.md).

SQLAlchemy is imported here and below only; commands that do not use the portfolio never
load it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assess.errors import AssessError, InvalidInput
from assess.models import Assessment, Questionnaire
from assess.portfolio.benchmark import MIN_PEERS, Benchmark, benchmark, parse_peers
from assess.portfolio.records import Record, record_of
from assess.portfolio.store import Store

__all__ = [
    "MIN_PEERS",
    "AddOutcome",
    "Benchmark",
    "Record",
    "Store",
    "add_paths",
    "benchmark",
    "benchmark_path",
    "linked_url",
    "load_record",
]


def load_record(path: Path) -> tuple[Record, Assessment, list[Questionnaire]]:
    """Load and score one assessment folder into the record the portfolio keeps."""
    from assess.load.workspace import load_workspace
    from assess.scoring import score_assessment

    ws = load_workspace(path, dependencies=False)
    result = score_assessment(ws.scoring_inputs())
    return record_of(ws.assessment, ws.questionnaires, result), ws.assessment, ws.questionnaires


@dataclass
class AddOutcome:
    """What ``portfolio add`` did: assessments added, replaced, and skipped with why."""

    added: list[Record] = field(default_factory=list)
    replaced: list[Record] = field(default_factory=list)
    skipped: dict[Path, list[str]] = field(default_factory=dict)

    def summary(self) -> str:
        parts = [f"added {len(self.added)}", f"replaced {len(self.replaced)}"]
        if self.skipped:
            parts.append(f"skipped {len(self.skipped)} (errors above)")
        return ", ".join(parts)


def add_paths(store: Store, paths: Sequence[Path],
              step: Callable[[Path], None] | None = None) -> AddOutcome:
    """Add each assessment in its own transaction; a bad one is skipped with its located
    errors, the others are added. ``step`` is called after each path."""
    outcome = AddOutcome()
    for path in paths:
        try:
            record = load_record(path)[0]
        except InvalidInput as exc:
            outcome.skipped[path] = [str(p) for p in exc.problems]
        except AssessError as exc:
            outcome.skipped[path] = [str(exc)]
        else:
            (outcome.replaced if store.add(record) else outcome.added).append(record)
        if step is not None:
            step(path)
    return outcome


def linked_url(db: str | None, root: Path) -> str | None:
    """The database an assessment's ``portfolio.db`` names: a relative ``sqlite:///``
    path is read from the assessment's folder."""
    prefix = "sqlite:///"
    if db and db.startswith(prefix) and not Path(db[len(prefix):]).is_absolute():
        return prefix + str(root / db[len(prefix):])
    return db


def benchmark_path(path: Path, db: str | None, peers: str | None,
                   min_peers: int | None = None, as_of: dt.date | None = None) -> Benchmark:
    """Benchmark the assessment at ``path``: peers and store from the options, else from
    its ``portfolio`` key, else every organisation in the default store."""
    from assess.load.workspace import assessment_file

    record, assessment, questionnaires = load_record(path)
    link = assessment.portfolio
    group: dict[str, str] = (parse_peers(peers, record) if peers is not None
                             else {str(k): v for k, v in link.peers.items()} if link is not None
                             else {})
    least = min_peers or (link.min_peers if link is not None else MIN_PEERS)
    root = assessment_file(path).parent
    with Store(db or (linked_url(link.db, root) if link is not None else None)) as store:
        return benchmark(store, record, questionnaires, group, least, as_of)

