"""Programme readiness: how ready the foundations a programme stands on are.

A capability reaches a programme through the technologies it holds up, with the reach
a(c, p) = sum over technologies t of link(c, t) * link(t, p). Its attainment is how far
its score has come from the bottom of the scale towards its target, capped at 1. A
programme's readiness is the reach-weighted mean attainment of every scored capability
that reaches it; the gaps that block it most are those with the largest share of the
shortfall, a(c, p) * (1 - attainment(c)).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assess.models import DependencyModel
from assess.scoring.results import ScoreResult

from .links import Links, join

READY = 0.9
"""Readiness at or above which a programme is 'ready'."""
AT_RISK = 0.75
"""Readiness below which a programme is 'at risk' (between the two: 'watch')."""


@dataclass(frozen=True)
class Blocker:
    """A capability gap holding a programme back."""

    capability: str
    name: str
    domain: str
    score: float
    target: float
    gap: float
    reach: float
    share: float
    """Share of the programme's shortfall this gap accounts for (0-1)."""
    technologies: tuple[str, ...]
    """Technologies through which the capability reaches the programme."""


@dataclass(frozen=True)
class Readiness:
    programme: str
    name: str
    weight: float
    readiness: float | None
    """0-1; None when no scored capability reaches the programme."""
    status: str
    """'ready', 'watch', 'at risk' or 'unknown'."""
    capabilities: int
    """Scored capabilities reaching the programme."""
    technologies: tuple[str, ...]
    """Technologies serving the programme, strongest link first."""
    blockers: tuple[Blocker, ...]
    """Capabilities below target that reach it, largest share of the shortfall first."""
    unscored: tuple[str, ...] = ()
    """Capabilities in scope that reach it but have no score (unanswered), in score order:
    the readiness leaves them out, so it describes only part of the foundations."""
    unscored_names: tuple[str, ...] = ()
    """Names of ``unscored``, in the same order."""
    unscored_domains: tuple[str, ...] = ()
    """Domain (name) of each of ``unscored``, in the same order."""

    @property
    def at_risk(self) -> bool:
        return self.status == "at risk"

    @property
    def in_scope(self) -> int:
        """Capabilities in scope reaching the programme, scored or not."""
        return self.capabilities + len(self.unscored)


def attainment(score: float, target: float, floor: float) -> float:
    """How far ``score`` has come from ``floor`` towards ``target`` (0-1)."""
    if target <= floor:
        return 1.0
    return min(1.0, max(0.0, (score - floor) / (target - floor)))


def status_of(readiness: float | None) -> str:
    if readiness is None:
        return "unknown"
    if readiness >= READY:
        return "ready"
    return "watch" if readiness >= AT_RISK else "at risk"


def programme_readiness(model: DependencyModel, result: ScoreResult) -> tuple[Readiness, ...]:
    """Readiness of every programme of ``model``, in the model's order."""
    return readiness_from(join(model, result), {d.id: d.name for d in result.domains})


def readiness_from(links: Links, domain_names: Mapping[str, str] | None = None
                   ) -> tuple[Readiness, ...]:
    """Readiness from an already joined model (see :func:`programme_readiness`);
    ``domain_names`` (id -> name) names the domains of unscored capabilities."""
    domain_names = domain_names or {}
    feeding: dict[str, list[tuple[str, float]]] = {p: [] for p in links.programmes}
    missing: dict[str, list[str]] = {p: [] for p in links.programmes}
    for cap_id, reach in links.reach.items():
        scored = links.capabilities[cap_id].score is not None
        for prog_id, amount in reach:
            if scored:
                feeding[prog_id].append((cap_id, amount))
            else:
                missing[prog_id].append(cap_id)
    serving = _serving(links)
    out = []
    for prog_id, programme in links.programmes.items():
        total = 0.0
        attained = 0.0
        short: list[tuple[float, str, float]] = []
        for cap_id, amount in feeding[prog_id]:
            cap = links.capabilities[cap_id]
            assert cap.score is not None
            got = attainment(cap.score, cap.target, links.scale_min)
            total += amount
            attained += amount * got
            if cap.gap:
                short.append((amount * (1 - got), cap_id, amount))
        ready = attained / total if total > 0 else None
        shortfall = sum(s for s, _, _ in short)
        blockers = []
        for size, cap_id, amount in sorted(short, key=lambda x: (-x[0], x[1])):
            cap = links.capabilities[cap_id]
            assert cap.score is not None
            through = tuple(t for t, _ in links.cap_technologies[cap_id]
                            if t in serving[prog_id])
            blockers.append(Blocker(
                capability=cap_id, name=cap.name, domain=cap.domain, score=cap.score,
                target=cap.target, gap=cap.gap or 0.0, reach=amount,
                share=size / shortfall if shortfall > 0 else 0.0,
                technologies=through,
            ))
        out.append(Readiness(
            programme=prog_id, name=programme.name, weight=programme.weight, readiness=ready,
            status=status_of(ready), capabilities=len(feeding[prog_id]),
            technologies=tuple(serving[prog_id]),
            blockers=tuple(blockers), unscored=tuple(missing[prog_id]),
            unscored_names=tuple(links.capability_name(c) for c in missing[prog_id]),
            unscored_domains=tuple(
                domain_names.get(d, d) for d in
                (links.capabilities[c].domain for c in missing[prog_id])),
        ))
    return tuple(out)



def _serving(links: Links) -> dict[str, dict[str, float]]:
    """Programme -> technologies serving it (link weight), strongest first, ties by id."""
    pairs: dict[str, list[tuple[float, str]]] = {p: [] for p in links.programmes}
    for tech, progs in links.tech_programmes.items():
        for prog, weight in progs:
            pairs[prog].append((-weight, tech))
    return {p: {t: -w for w, t in sorted(v)} for p, v in pairs.items()}
