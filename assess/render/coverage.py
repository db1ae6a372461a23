"""How much of the assessment's scope a headline figure rests on, in words.

The overall score, the domain roll-ups and programme readiness leave out capabilities
with no score (no answer with a value). A reader takes a headline figure for the whole
estate unless told otherwise, so every output that prints one adds the caveat built
here: "Based on 22 of 37 capabilities; Network and Cybersecurity not scored."
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assess.numbers import show_percent
from assess.scoring.results import ScoreResult

NAMES_SHOWN = 5
"""Capability names listed in a caveat before "and n more"."""


@dataclass(frozen=True)
class ScoredScope:
    """What in the assessment's scope has a score."""

    capabilities: int
    """Capabilities in scope."""
    scored: int
    """Capabilities with a score."""
    domains: int
    scored_domains: int
    unscored_domains: tuple[str, ...]
    """Names of the domains with no score at all, in scope order."""
    unscored_capabilities: tuple[tuple[str, str], ...]
    """(capability name, domain name) of unscored capabilities in scored domains."""

    @property
    def complete(self) -> bool:
        return self.scored == self.capabilities


def scored_scope(result: ScoreResult) -> ScoredScope:
    """Count what ``result`` scored against what its scope holds."""
    caps = result.capabilities()
    return ScoredScope(
        capabilities=len(caps), scored=sum(1 for c in caps if c.score is not None),
        domains=len(result.domains),
        scored_domains=sum(1 for d in result.domains if d.score is not None),
        unscored_domains=tuple(d.name for d in result.domains if d.score is None),
        unscored_capabilities=tuple((c.name, d.name) for d in result.domains
                                    if d.score is not None
                                    for c in d.capabilities if c.score is None),
    )


def and_list(names: Sequence[str], limit: int | None = None) -> str:
    """'A', 'A and B', 'A, B and C'; beyond ``limit`` names, 'A, B and 3 more'."""
    items = list(names)
    if limit is not None and len(items) > limit:
        items = [*items[:limit], f"{len(items) - limit} more"]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _by_domain(pairs: Sequence[tuple[str, str]]) -> str:
    """'Landing zone and FinOps (Cloud), Wi-Fi (Network)', at most NAMES_SHOWN names."""
    grouped: dict[str, list[str]] = {}
    for name, domain in pairs[:NAMES_SHOWN]:
        grouped.setdefault(domain, []).append(name)
    text = ", ".join(f"{and_list(names)} ({domain})" for domain, names in grouped.items())
    more = len(pairs) - NAMES_SHOWN
    return text + (f" and {more} more" if more > 0 else "")


def scope_caveat(scope: ScoredScope, subject: str = "") -> str:
    """'' when every capability in scope is scored; otherwise a sentence such as "Based on
    22 of 37 capabilities; Network and Cybersecurity not scored." (``subject`` 'The
    overall score, target and gap are' makes it "The overall score, target and gap are
    based on ...")."""
    if scope.complete:
        return ""
    if not scope.scored:
        return "No capability in scope has a score yet: no answer with a value was recorded."
    lead = f"{subject} based on" if subject else "Based on"
    parts = [f"{lead} {scope.scored} of {scope.capabilities} capabilities"]
    if scope.unscored_domains:
        parts.append(f"{and_list(scope.unscored_domains)} not scored")
    if scope.unscored_capabilities:
        parts.append(f"{'also ' if scope.unscored_domains else ''}not scored: "
                     f"{_by_domain(scope.unscored_capabilities)}")
    return "; ".join(parts) + "."


def answered_caveat(result: ScoreResult) -> str:
    """'' when every scored domain has all its applicable questions answered; otherwise
    "Not every question answered: Cloud 92%, User interaction 97%."
    (Unscored domains are named by :func:`scope_caveat` instead. How unanswered questions
    count depends on the framework and method, so the sentence states the fact only.)"""
    # show_percent: 99.6 % must not read as 100 % in a list of what is incomplete.
    partial = [f"{d.name} {show_percent(d.coverage)}" for d in result.domains
               if d.score is not None and d.coverage < 1]
    if not partial:
        return ""
    return f"Not every question answered: {', '.join(partial)}."


def readiness_caveat(scored: int, unscored: Sequence[tuple[str, str]]) -> str:
    """'' when every capability feeding a programme is scored; otherwise "Based on 3 of 5
    capabilities; not scored: Wi-Fi and Site links (Network)." ``unscored`` holds
    (capability name, domain name) pairs; many are counted per domain instead ("not scored:
    6 in Network, 9 in Cybersecurity")."""
    if not unscored:
        return ""
    total = scored + len(unscored)
    if len(unscored) <= NAMES_SHOWN:
        missing = _by_domain(unscored)
    else:
        counts: dict[str, int] = {}
        for _, domain in unscored:
            counts[domain] = counts.get(domain, 0) + 1
        missing = ", ".join(f"{n} in {domain}" for domain, n in counts.items())
    return f"Based on {scored} of {total} capabilities; not scored: {missing}."
