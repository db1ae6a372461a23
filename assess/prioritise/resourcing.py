"""Money and people: what a roadmap asks for, per phase, per programme and per owner.

Effort is the steps' person-days. FTE is effort over the working days the phase holds for
one full-time person: effort / (working days per FTE x months / 12). Capex (one-off) and
opex (recurring, per year) are [low, high] ranges in the cost model's currency, summed
over the steps: each step's own figures, else its cost band's. A step with neither is
*uncosted* and counted, so a total never hides missing figures.

A step counts towards one programme only, the one it feeds most (the first of its
programmes), so programme totals add up to the plan's total; steps feeding none are
under "no programme".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .recommendations import Recommendation, Recommendations
from .roadmap import Roadmap

NO_PROGRAMME = ""
"""Programme key of the steps that feed no programme."""


@dataclass(frozen=True)
class Resources:
    """What a set of steps needs."""

    steps: int
    effort: float
    """Person-days."""
    fte: float | None
    """Full-time people over the months the steps take; None without a period (backlog)."""
    capex: tuple[float, float]
    opex_per_year: tuple[float, float]
    uncosted: int
    """Steps with no cost figures (no cost model, or a band it does not price)."""


def resources(steps: Iterable[Recommendation], months: float | None,
              working_days_per_fte: float) -> Resources:
    """Effort, FTE over ``months``, and the capex and opex ranges of ``steps``."""
    items = list(steps)
    effort = sum(r.effort for r in items)
    capex = [0.0, 0.0]
    opex = [0.0, 0.0]
    uncosted = 0
    for r in items:
        if r.capex is None and r.opex_per_year is None:
            uncosted += 1
        for total, part in ((capex, r.capex), (opex, r.opex_per_year)):
            if part is not None:
                total[0] += part[0]
                total[1] += part[1]
    fte = effort / (working_days_per_fte * months / 12) if months else None
    return Resources(len(items), effort, fte, (capex[0], capex[1]), (opex[0], opex[1]),
                     uncosted)


@dataclass(frozen=True)
class Breakdown:
    """One programme's or owner's share, phase by phase."""

    key: str
    name: str
    phases: tuple[Resources, ...]
    total: Resources
    backlog: Resources


@dataclass(frozen=True)
class Resourcing:
    currency: str
    """ISO code; empty when the dependency model has no cost model."""
    working_days_per_fte: float
    phases: tuple[Resources, ...]
    """One per roadmap phase, in order."""
    total: Resources
    """Every planned step, FTE over the whole plan's months."""
    backlog: Resources
    programmes: tuple[Breakdown, ...]
    owners: tuple[Breakdown, ...]


def resourcing(roadmap: Roadmap, recs: Recommendations) -> Resourcing:
    """Effort, FTE, capex and opex of ``roadmap`` per phase, programme and owner."""
    by_id = recs.by_id()
    days = recs.working_days_per_fte
    phases = [[by_id[s] for s in p.recommendations] for p in roadmap.phases]
    months = [p.months for p in roadmap.phases]
    backlog = [by_id[s] for s in roadmap.backlog]
    total_months = sum(months)

    def breakdown(key_of: str) -> tuple[Breakdown, ...]:
        keys: dict[str, None] = {}
        for r in [*(r for steps in phases for r in steps), *backlog]:
            keys.setdefault(_key(r, key_of), None)
        out = []
        for key in keys:
            mine = [[r for r in steps if _key(r, key_of) == key] for steps in phases]
            out.append(Breakdown(
                key=key,
                name=(recs.programme_name(key) if key_of == "programme" and key else key),
                phases=tuple(resources(s, m, days) for s, m in zip(mine, months, strict=True)),
                total=resources([r for s in mine for r in s], total_months, days),
                backlog=resources([r for r in backlog if _key(r, key_of) == key], None, days),
            ))
        return tuple(sorted(out, key=lambda b: (-b.total.effort, b.key == NO_PROGRAMME,
                                                b.name)))

    return Resourcing(
        currency=recs.currency, working_days_per_fte=days,
        phases=tuple(resources(s, m, days) for s, m in zip(phases, months, strict=True)),
        total=resources([r for s in phases for r in s], total_months, days),
        backlog=resources(backlog, None, days),
        programmes=breakdown("programme"), owners=breakdown("owner"),
    )


def _key(rec: Recommendation, key_of: str) -> str:
    if key_of == "owner":
        return rec.owner
    return rec.programmes[0] if rec.programmes else NO_PROGRAMME
