"""How an assessment compares with its peers in a portfolio.

The peer group: organisations assessed with the same framework whose sector, size band
and region match the ones asked for, each counted once (its latest assessment, or the
one nearest ``as_of``), the assessment's own organisation left out. A domain is compared
only with peers that asked the same version of its questionnaire, or an earlier version
whose every question the current one asks under the same id or through ``replaces``
(:func:`assess.progress.versions.carried_over`); a capability with the peers whose domain
is comparable; the overall score with peers whose every domain is comparable and who
assessed the same domains.

Per domain, capability and overall: the number of peers compared; when that is at least
``min_peers``, their quartiles and this assessment's percentile rank:

    percentile = 100 x (peers scoring below + half the peers scoring the same) / peers

(50 is the middle of the group; 0 below everyone; 100 above everyone). Quartiles are the
25th, 50th and 75th percentiles of the peers' scores, interpolated between ranks (the
"inclusive" method of Python's ``statistics.quantiles``, numpy's default). A group smaller
than ``min_peers`` shows its size and nothing else, so no organisation can be singled out.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from assess.errors import UsageError
from assess.models import Questionnaire
from assess.portfolio.records import PEER_KEYS, Record
from assess.portfolio.store import Entry, Store
from assess.progress.versions import carried_over

MIN_PEERS = 5


@dataclass(frozen=True)
class Standing:
    """This assessment's place among its peers on one score."""

    id: str
    name: str
    score: float | None
    peers: int
    percentile: float | None
    quartiles: tuple[float, float, float] | None
    capabilities: tuple[Standing, ...] = ()


@dataclass(frozen=True)
class Benchmark:
    organisation: str
    date: str
    group: dict[str, str]
    peers: int
    """Organisations in the peer group (each once)."""
    min_peers: int
    as_of: str | None
    overall: Standing
    domains: tuple[Standing, ...] = field(default=())


def percentile_rank(score: float, peers: Sequence[float]) -> float:
    """100 x (peers below + half the peers equal) / peers (see the module docstring)."""
    below = sum(1 for p in peers if p < score)
    equal = sum(1 for p in peers if p == score)
    return 100.0 * (below + 0.5 * equal) / len(peers)


def quartiles(peers: Sequence[float]) -> tuple[float, float, float]:
    if len(peers) == 1:
        return (peers[0],) * 3
    q1, q2, q3 = statistics.quantiles(peers, n=4, method="inclusive")
    return q1, q2, q3


def standing(ident: str, name: str, score: float | None, peers: Sequence[float],
             min_peers: int, capabilities: tuple[Standing, ...] = ()) -> Standing:
    """The standing of ``score`` among ``peers``: only their count below ``min_peers``."""
    shown = len(peers) >= min_peers
    return Standing(ident, name, score, len(peers),
                    percentile_rank(score, peers) if shown and score is not None else None,
                    quartiles(peers) if shown else None, capabilities)


def parse_peers(spec: str | None, subject: Record) -> dict[str, str]:
    """``sector=health,size=large`` -> a group; a bare key (``sector``) takes the
    assessment's own value."""
    group: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in (spec or "").split(","))):
        key, eq, value = part.partition("=")
        key, value = key.strip(), value.strip()
        if key not in PEER_KEYS:
            raise UsageError(f"--peers: unknown key {key!r} (known: {', '.join(PEER_KEYS)})")
        if not eq:
            own = subject.group()[key]
            if own is None:
                raise UsageError(f"--peers {key}: the assessment gives no {key}; "
                                 f"write {key}=VALUE")
            value = own
        if not value:
            raise UsageError(f"--peers {key}=: give a value")
        group[key] = value
    return group


def benchmark(store: Store, subject: Record, questionnaires: Sequence[Questionnaire],
              group: Mapping[str, str], min_peers: int = MIN_PEERS,
              as_of: dt.date | None = None) -> Benchmark:
    """Compare ``subject`` with its peers in ``store`` (see the module docstring)."""
    values = store.peers(subject.framework, group, subject.organisation, as_of)
    by_id = {q.id: q for q in questionnaires}
    verdicts: dict[tuple[str, str], bool] = {}

    def comparable(entry: Entry, domain: str) -> bool:
        version = entry.content.get(domain)
        if version is None:
            return False
        if version == subject.content.get(domain):
            return True
        key = (domain, version)
        if key not in verdicts:
            current = by_id.get(domain)
            verdicts[key] = current is not None and carried_over(
                store.questions(entry.organisation, entry.date, domain), current)
        return verdicts[key]

    ok = {(ident, d.id) for ident, entry in values.entries.items() for d in subject.domains
          if comparable(entry, d.id)}
    domain_of = {c.id: c.domain for c in subject.capabilities}
    scores: dict[str, list[float]] = {}
    for ident, domain, score in values.domains:
        if score is not None and (ident, domain) in ok:
            scores.setdefault(domain, []).append(score)
    for ident, cap, score in values.capabilities:
        if score is not None and (ident, domain_of.get(cap, "")) in ok:
            scores.setdefault(cap, []).append(score)
    whole = [e.score for ident, e in values.entries.items()
             if e.score is not None and set(e.content) == set(subject.content)
             and all((ident, d) in ok for d in subject.content)]

    domains = tuple(
        standing(d.id, d.name, d.score, scores.get(d.id, []), min_peers, tuple(
            standing(c.id, c.name, c.score, scores.get(c.id, []), min_peers)
            for c in subject.capabilities if c.domain == d.id))
        for d in subject.domains)
    return Benchmark(subject.organisation, subject.date, dict(group), len(values.entries),
                     min_peers, None if as_of is None else as_of.isoformat(),
                     standing("overall", "Overall", subject.score, whole, min_peers), domains)
