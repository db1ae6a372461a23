"""Synthetic dependency models and scores, for tests and benchmarks.

``synthetic(10_000)`` builds a model shaped like a real one, scaled up: domains of eight
capabilities; capabilities in four tiers (foundations, platforms, services, experience)
that need capabilities of lower tiers, mostly nearby ones plus a few organisation-wide
foundations (the way identity or asset management underpin everything); each capability
holding up one to three technologies that each serve one to three programmes; an action
for every level. The same ``n`` and ``seed`` always give the same model.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from assess.models import (
    Action,
    CapabilityDependencies,
    CapabilityLink,
    DependencyModel,
    Prerequisite,
    Programme,
    Technology,
    TechnologyLink,
)
from assess.numbers import gap_of, level_of
from assess.scoring import target_on_basis, weighted_mean
from assess.scoring.results import CapabilityResult, DomainResult, Overall, ScoreResult

LEVEL_NAMES = {0: "Absent", 1: "Initial", 2: "Developing", 3: "Defined", 4: "Managed",
               5: "Optimised"}
OWNERS = ("CIO", "Architecture Board", "Security Team", "Infrastructure Manager",
          "Network Team", "Cloud Platform Team", "Service Desk Manager")
BANDS = {"S": "under £25k", "M": "£25k to £100k", "L": "£100k to £500k", "XL": "over £500k"}


@dataclass(frozen=True)
class ScoredCapability:
    """One capability's score, as scoring would report it."""

    id: str
    domain: str
    score: float | None
    target: float
    weight: float = 1.0
    name: str = ""


def score_result(capabilities: Sequence[ScoredCapability], scale: tuple[int, int] = (0, 5),
                 organisation: str = "Synthetic Ltd") -> ScoreResult:
    """A ScoreResult holding ``capabilities`` grouped by domain (first-seen order)."""
    domains: dict[str, list[CapabilityResult]] = {}
    for c in capabilities:
        gap = None if c.score is None else gap_of(c.target, c.score)
        domains.setdefault(c.domain, []).append(CapabilityResult(
            id=c.id, name=c.name or c.id.replace("_", " ").capitalize(), domain=c.domain,
            weight=c.weight, score=c.score, level=None if c.score is None else level_of(c.score),
            target=c.target, gap=gap, coverage=0.0 if c.score is None else 1.0, spread=0.0,
            disagreement=False, confidence=None,
        ))
    results = []
    for ident, caps in domains.items():
        score = weighted_mean([(c.weight, c.score) for c in caps])
        target = target_on_basis([(c.weight, c.target, c.score) for c in caps])
        results.append(DomainResult(
            id=ident, name=ident.replace("_", " ").capitalize(), weight=1.0, score=score,
            level=None if score is None else level_of(score), target=target,
            gap=None if score is None else gap_of(target, score),
            coverage=1.0, capabilities=tuple(caps)))
    scores = [d.score for d in results if d.score is not None]
    overall = sum(scores) / len(scores) if scores else None
    overall_target = target_on_basis([(1.0, d.target, d.score) for d in results])
    return ScoreResult(
        organisation=organisation, date="2026-01-01", framework="synthetic",
        method="weighted_mean", aggregation="median", scale_min=float(scale[0]),
        scale_max=float(scale[1]), level_names={k: v for k, v in LEVEL_NAMES.items()
                                                if scale[0] <= k <= scale[1]},
        overall=Overall(score=overall, level=None if overall is None else level_of(overall),
                        target=overall_target, gap=None if overall is None else
                        gap_of(overall_target, overall), coverage=1.0),
        domains=tuple(results),
    )


def _band(effort: float) -> str:
    return "S" if effort <= 15 else "M" if effort <= 40 else "L" if effort <= 80 else "XL"


def synthetic(n: int, seed: int = 0) -> tuple[DependencyModel, ScoreResult]:
    """A dependency model of ``n`` capabilities and a score sheet for it."""
    rng = random.Random(seed)
    n_tech = max(14, n // 8)
    n_prog = 5 + n // 2000
    programmes = [Programme(id=f"p{i:03d}", name=f"Programme {i}", weight=rng.choice((2, 3, 4, 5)))
                  for i in range(n_prog)]
    technologies = [
        Technology(id=f"t{i:05d}", name=f"Technology {i}", programmes=[
            TechnologyLink(programme=p.id, weight=rng.choice((0.3, 0.5, 0.6, 0.8, 1.0)))
            for p in rng.sample(programmes, rng.randint(1, 3))])
        for i in range(n_tech)
    ]
    tiers = [0 if i < 16 else rng.choices((0, 1, 2, 3), (25, 35, 25, 15))[0] for i in range(n)]
    foundations = [i for i in range(n) if tiers[i] == 0][:16]
    entries = []
    scored = []
    for i in range(n):
        cid = f"c{i:05d}"
        pres: dict[str, Prerequisite] = {}
        if tiers[i] > 0:
            near = [j for j in range(max(0, i - 64), i) if tiers[j] < tiers[i]]
            for _ in range(rng.randint(0, 2)):
                pool = foundations if rng.random() < 0.15 or not near else near
                j = rng.choice(pool)
                pres[f"c{j:05d}"] = Prerequisite(capability=f"c{j:05d}",
                                                 level=rng.randint(2, 4),
                                                 for_level=rng.randint(2, 4))
        tech_pool = range(max(0, (i * n_tech) // n - 4), min(n_tech, (i * n_tech) // n + 4))
        techs = rng.sample(list(tech_pool), min(len(tech_pool), rng.randint(1, 3)))
        actions = {}
        for level in range(1, 6):
            effort = float(rng.choice((5, 10, 15, 20, 30, 40, 60)))
            actions[level] = Action(action=f"Raise capability {i} to level {level}.",
                                    effort=effort, cost_band=_band(effort),
                                    owner=rng.choice(OWNERS))
        entries.append(CapabilityDependencies(
            capability=cid, risk=rng.randint(1, 5),
            technologies=[CapabilityLink(technology=f"t{t:05d}",
                                         weight=rng.choice((0.3, 0.5, 0.8, 1.0)))
                          for t in sorted(techs)],
            prerequisites=[pres[k] for k in sorted(pres)], actions=actions))
        score = None if rng.random() < 0.03 else rng.randint(0, 20) / 4
        scored.append(ScoredCapability(id=cid, domain=f"d{i // 8:04d}", score=score,
                                       target=rng.choice((3.0, 3.0, 3.5, 4.0)),
                                       weight=rng.choice((0.5, 1.0, 1.0, 1.5))))
    model = DependencyModel(schema_version=1, id="synthetic", name=f"Synthetic ({n})",
                            cost_bands=BANDS, programmes=programmes, technologies=technologies,
                            capabilities=entries)
    return model, score_result(scored)
