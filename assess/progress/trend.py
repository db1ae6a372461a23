"""Trends: several assessments of one organisation, in date order.

Each assessment keeps its published scores (as ``assess score`` shows them), so a trend
reconciles with every report it spans. Assessments of different organisations, scored
on different frameworks, or two on the same date are refused with an error naming them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assess.errors import AssessError
from assess.scoring.results import CapabilityResult, DomainResult, ScoreResult

from .compare import check_comparable, same_organisation


@dataclass(frozen=True)
class Trend:
    """Scores of one organisation's assessments, oldest first."""

    organisation: str
    results: tuple[ScoreResult, ...]
    sources: tuple[str, ...]
    """Where each assessment was loaded from (same order)."""

    @property
    def dates(self) -> tuple[str, ...]:
        return tuple(r.date for r in self.results)

    def domains(self) -> list[tuple[str, str]]:
        """(id, name) of every domain assessed at least once: the latest assessment's order,
        then domains only earlier assessments had, newest first."""
        seen: dict[str, str] = {}
        for result in reversed(self.results):
            for d in result.domains:
                seen.setdefault(d.id, d.name)
        return list(seen.items())

    def domain(self, ident: str) -> list[DomainResult | None]:
        """The domain in every assessment (None where it was not in scope)."""
        return [next((d for d in r.domains if d.id == ident), None) for r in self.results]

    def capabilities(self, domain: str) -> list[tuple[str, str]]:
        """(id, name) of every capability of ``domain`` ever assessed, latest order first."""
        seen: dict[str, str] = {}
        for found in reversed(self.domain(domain)):
            for c in found.capabilities if found else ():
                seen.setdefault(c.id, c.name)
        return list(seen.items())

    def capability(self, domain: str, ident: str) -> list[CapabilityResult | None]:
        out: list[CapabilityResult | None] = []
        for found in self.domain(domain):
            caps = found.capabilities if found else ()
            out.append(next((c for c in caps if c.id == ident), None))
        return out

    def series(self) -> list[tuple[str, str, list[float | None]]]:
        """(id, name, scores oldest first) per domain, then ('overall', 'Overall', ...)."""
        rows = [(ident, name, [d.score if d else None for d in self.domain(ident)])
                for ident, name in self.domains()]
        rows.append(("overall", "Overall", [r.overall.score for r in self.results]))
        return rows


def trend(results: Sequence[ScoreResult], sources: Sequence[str] | None = None) -> Trend:
    """Put assessments of one organisation in date order; refuse anything else."""
    names = list(sources) if sources is not None else [r.date for r in results]
    if len(results) < 2:
        raise AssessError(f"a trend needs at least two assessments, got {len(results)}")
    organisations: dict[str, list[str]] = {}
    for result, name in zip(results, names, strict=True):
        key = next((k for k in organisations if same_organisation(k, result.organisation)),
                   result.organisation)
        organisations.setdefault(key, []).append(name)
    if len(organisations) > 1:
        listed = "; ".join(f"{org!r}: {', '.join(where)}" for org, where in organisations.items())
        raise AssessError(f"a trend follows one organisation, these assess "
                          f"{len(organisations)} ({listed})")
    order = sorted(range(len(results)), key=lambda i: (results[i].date, names[i]))
    dated: dict[str, int] = {}
    for i in order:
        earlier = dated.setdefault(results[i].date, i)
        if earlier == i:
            continue
        if names[earlier] == names[i]:
            raise AssessError(f"{names[i]} is given twice")
        raise AssessError(f"two assessments are dated {results[i].date} ({names[earlier]} and "
                          f"{names[i]}); a trend needs one assessment per date")
    first = results[order[0]]
    for i in order[1:]:
        check_comparable(first, results[i], (names[order[0]], names[i]))
    return Trend(results[order[-1]].organisation, tuple(results[i] for i in order),
                 tuple(names[i] for i in order))


def score_paths(paths: Sequence[Path]) -> tuple[list[ScoreResult], list[str]]:
    """Load and score every assessment folder: (results, folders as shown to the user)."""
    from assess.load.workspace import load_workspace
    from assess.load.yamlio import display_path
    from assess.scoring import score_assessment

    results, sources = [], []
    for path in paths:
        ws = load_workspace(path, dependencies=False)
        results.append(score_assessment(ws.scoring_inputs()))
        sources.append(display_path(ws.root))
    return results, sources


def trend_paths(paths: Sequence[Path]) -> Trend:
    """Load and score every assessment folder, then :func:`trend` them."""
    return trend(*score_paths(paths))
