"""The report context's programmes and core technologies: readiness, the gaps that block
each programme, and the gaps holding back each technology (plain data, no rendering)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from assess.render.recommendations import unscored_caveat

from .context_domains import Row

if TYPE_CHECKING:
    from .context import ReportInputs


def programme_rows(inputs: ReportInputs) -> list[Row]:
    """Each programme's readiness and the gaps blocking it."""
    recs = inputs.recommendations
    out = []
    for p in inputs.readiness:
        out.append({
            "id": p.programme, "name": p.name, "weight": p.weight, "readiness": p.readiness,
            "status": p.status, "capabilities": p.capabilities,
            "technologies": [recs.technology_name(t) for t in p.technologies],
            "blockers": [{"capability": b.capability, "name": b.name,
                          "domain_name": dict(recs.domains).get(b.domain, b.domain),
                          "score": b.score, "target": b.target, "gap": b.gap,
                          "share": b.share,
                          "technologies": [recs.technology_name(t) for t in b.technologies]}
                         for b in p.blockers],
            # Readiness counts scored capabilities only; say so when some are not.
            "scored_capabilities": p.capabilities,
            "unscored_capabilities": list(p.unscored_names),
            "caveat": unscored_caveat(p),
        })
    return out


def programmes_at_risk(programmes: Sequence[Row], limit: int = 3) -> list[Row]:
    """The programmes least ready (not ready), most valuable first on a tie."""
    known = [p for p in programmes if p["readiness"] is not None and p["status"] != "ready"]
    known.sort(key=lambda p: (p["readiness"], -p["weight"], p["id"]))
    return known[:limit]


def technology_rows(inputs: ReportInputs) -> list[Row]:
    """Each core technology with the gaps holding it back (largest gap x link first)."""
    caps = {c.id: c for c in inputs.result.capabilities()}
    recs = inputs.recommendations
    out: list[Row] = []
    for tech in inputs.model.technologies:
        links = [(entry.capability, link.weight) for entry in inputs.model.capabilities
                 for link in entry.technologies
                 if link.technology == tech.id and entry.capability in caps]
        if not links:
            continue
        held: list[Row] = []
        unscored: list[str] = []
        for cap_id, weight in links:
            c = caps[cap_id]
            if c.score is None:
                unscored.append(c.name)
            elif c.gap:
                held.append({"capability": cap_id, "name": c.name, "score": c.score,
                             "target": c.target, "gap": c.gap, "link": weight,
                             "domain_name": dict(recs.domains).get(c.domain, c.domain)})
        held.sort(key=lambda h: (-h["gap"] * h["link"], h["capability"]))
        out.append({
            "id": tech.id, "name": tech.name, "description": " ".join(tech.description.split()),
            "programmes": [recs.programme_name(p.programme)
                           for p in sorted(tech.programmes, key=lambda x: (-x.weight,
                                                                           x.programme))],
            "capabilities": len(links), "held_back_by": held, "unscored": sorted(unscored),
        })
    out.sort(key=lambda t: (-len(t["held_back_by"]), t["name"]))
    return out
