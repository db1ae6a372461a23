"""The dependency model joined with the scores: what each assessed capability holds up.

Everything downstream (the graph, recommendations, readiness) reads this one index, so
the walk capability -> technology -> programme is done once, in plain dictionaries
(linear in the size of the model; no networkx needed on the recommend path).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assess.models import CapabilityDependencies, DependencyModel, Programme, Technology
from assess.scoring.results import CapabilityResult, ScoreResult

Weighted = tuple[tuple[str, float], ...]
"""(id, weight) pairs, strongest first, ties by id."""


@dataclass(frozen=True)
class Links:
    """Capabilities of one assessment joined with the dependency model."""

    capabilities: Mapping[str, CapabilityResult]
    """Every capability in the assessment's scope, in score order (scored or not)."""
    entries: Mapping[str, CapabilityDependencies]
    """Dependency entries of in-scope capabilities (capabilities without one are absent)."""
    programmes: Mapping[str, Programme]
    technologies: Mapping[str, Technology]
    cap_technologies: Mapping[str, Weighted]
    """Capability -> technologies it holds up (link weight)."""
    tech_programmes: Mapping[str, Weighted]
    """Technology -> programmes it serves (link weight)."""
    reach: Mapping[str, Weighted]
    """Capability -> programmes reachable through technologies, with the reach
    a(c, p) = sum over technologies t of link(c, t) * link(t, p); strongest first."""
    value: Mapping[str, float]
    """Capability -> programme value reachable: sum over p of a(c, p) * weight(p)."""
    scale_min: float
    scale_max: float

    def programme_name(self, ident: str) -> str:
        return self.programmes[ident].name if ident in self.programmes else ident

    def technology_name(self, ident: str) -> str:
        return self.technologies[ident].name if ident in self.technologies else ident

    def capability_name(self, ident: str) -> str:
        return self.capabilities[ident].name if ident in self.capabilities else ident


def _strongest(pairs: Mapping[str, float]) -> Weighted:
    return tuple(sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])))


def join(model: DependencyModel, result: ScoreResult) -> Links:
    """Index ``model`` for the capabilities ``result`` scored.

    Dependency entries of capabilities outside the assessment's scope are left out, and so
    are links to technologies or programmes the model does not define (the loader's checks
    report those; here they simply carry no value).
    """
    capabilities = {c.id: c for c in result.capabilities()}
    programmes = {p.id: p for p in model.programmes}
    technologies = {t.id: t for t in model.technologies}
    entries = {e.capability: e for e in model.capabilities if e.capability in capabilities}

    tech_programmes: dict[str, Weighted] = {}
    for tech in model.technologies:
        links: dict[str, float] = {}
        for link in tech.programmes:
            if link.programme in programmes:
                links[link.programme] = links.get(link.programme, 0.0) + link.weight
        tech_programmes[tech.id] = _strongest(links)

    cap_technologies: dict[str, Weighted] = {}
    reach: dict[str, Weighted] = {}
    value: dict[str, float] = {}
    for cap_id in capabilities:
        entry = entries.get(cap_id)
        techs: dict[str, float] = {}
        for tlink in entry.technologies if entry else ():
            if tlink.technology in technologies:
                techs[tlink.technology] = techs.get(tlink.technology, 0.0) + tlink.weight
        cap_technologies[cap_id] = _strongest(techs)
        amounts: dict[str, float] = {}
        for tech_id, tech_weight in cap_technologies[cap_id]:
            for prog_id, prog_weight in tech_programmes[tech_id]:
                amounts[prog_id] = amounts.get(prog_id, 0.0) + tech_weight * prog_weight
        # Order programmes by the value they bring (reach x programme weight), so the
        # rationale names the programme that matters most first.
        reach[cap_id] = tuple(sorted(
            amounts.items(), key=lambda kv: (-kv[1] * programmes[kv[0]].weight, kv[0])))
        value[cap_id] = sum(a * programmes[p].weight for p, a in reach[cap_id])

    return Links(
        capabilities=capabilities, entries=entries, programmes=programmes,
        technologies=technologies, cap_technologies=cap_technologies,
        tech_programmes=tech_programmes, reach=reach, value=value,
        scale_min=result.scale_min, scale_max=result.scale_max,
    )
