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

import bisect
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
    """100 x (peers below + half the peers equal) / peers (see the module docstring);
    ``peers`` sorted."""
    below = bisect.bisect_left(peers, score)
    equal = bisect.bisect_right(peers, score) - below
    return 100.0 * (below + 0.5 * equal) / len(peers)


def quartiles(peers: Sequence[float]) -> tuple[float, float, float]:
    if len(peers) == 1:
        return (peers[0],) * 3
    q1, q2, q3 = statistics.quantiles(peers, n=4, method="inclusive")
    return q1, q2, q3


def standing(ident: str, name: str, score: float | None, peers: Sequence[float],
             min_peers: int, capabilities: tuple[Standing, ...] = ()) -> Standing:
    """The standing of ``score`` among ``peers``: only their count below ``min_peers``."""
    if len(peers) < min_peers:
        return Standing(ident, name, score, len(peers), None, None, capabilities)
    ordered = sorted(peers)
    return Standing(ident, name, score, len(peers),
                    None if score is None else percentile_rank(score, ordered),
                    quartiles(ordered), capabilities)


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
    entries = store.peers(subject.framework, group, subject.organisation, as_of)
    by_id = {q.id: q for q in questionnaires}
    versions: dict[str, set[str]] = {}
    for entry in entries.values():
        for domain, version in entry.content.items():
            if domain in subject.content and version not in versions.get(domain, ()) and (
                    version == subject.content[domain] or _carried_over(
                        store, entry, domain, by_id.get(domain))):
                versions.setdefault(domain, set()).add(version)
    caps_of: dict[str, list[str]] = {}
    for c in subject.capabilities:
        caps_of.setdefault(c.domain, []).append(c.id)
    scores: dict[str, list[float]] = {d: [] for d in caps_of}
    scores.update({c.id: [] for c in subject.capabilities})
    # Peers of the same content and layout (the same objects: the store reads each text
    # once) share one plan of where their comparable values sit; their values are taken
    # column by column.
    groups: dict[tuple[int, int], tuple[Entry, list[list[float | None]]]] = {}
    for entry in entries.values():
        assert entry.values is not None
        key = (id(entry.layout), id(entry.content))
        groups.setdefault(key, (entry, []))[1].append(entry.values)
    for first, rows in groups.values():
        columns = list(zip(*rows, strict=True))
        for target, index in _plan(first, versions, caps_of, scores):
            target.extend(v for v in columns[index] if v is not None)
    whole = [e.score for e in entries.values()
             if e.score is not None and set(e.content) == set(subject.content)
             and all(v in versions.get(d, ()) for d, v in e.content.items())]

    domains = tuple(
        standing(d.id, d.name, d.score, scores.get(d.id, []), min_peers, tuple(
            standing(c.id, c.name, c.score, scores.get(c.id, []), min_peers)
            for c in subject.capabilities if c.domain == d.id))
        for d in subject.domains)
    return Benchmark(subject.organisation, subject.date, dict(group), len(entries),
                     min_peers, None if as_of is None else as_of.isoformat(),
                     standing("overall", "Overall", subject.score, whole, min_peers), domains)


def _carried_over(store: Store, peer: Entry, domain: str,
                  current: Questionnaire | None) -> bool:
    """Whether the peer's version of ``domain`` asked what ``current`` asks (through
    ``replaces``); every peer with that version asked the same questions."""
    return current is not None and carried_over(
        store.questions(peer.organisation, peer.date, domain), current)


def _plan(entry: Entry, versions: Mapping[str, set[str]], caps_of: Mapping[str, list[str]],
          scores: Mapping[str, list[float]]) -> list[tuple[list[float], int]]:
    """(list to add to, position in the peer's values) of each score the peer can be
    compared on: its domains asked in a comparable version, and their capabilities."""
    assert entry.layout is not None
    domains, caps = entry.layout
    position = {c: len(domains) + i for i, c in enumerate(caps)}
    plan = []
    for i, domain in enumerate(domains):
        if entry.content.get(domain) not in versions.get(domain, ()):
            continue
        plan.append((scores[domain], i))
        plan += [(scores[c], position[c]) for c in caps_of[domain] if c in position]
    return plan
