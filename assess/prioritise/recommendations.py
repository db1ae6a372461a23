"""Recommendations: one per level step, ranked by a documented priority formula.

For a step s raising capability c (docs/prioritisation.md has a worked example)::

    importance(s) = weight(c) * (1 + gap(c)) * (1 + value(c)) * risk(c) / 3
    priority(s)   = importance(s) + DECAY * sum of priority(d) over the steps d that
                    require s directly

where value(c) is the programme value reachable through technologies (see
:mod:`assess.prioritise.links`). Unrolled, a step's priority adds the importance of every
step it unblocks, directly (half) or transitively (a quarter two steps away, ...), counted
once per chain of requirements: a discounted path sum (Katz centrality) computed in one
reverse topological pass, linear in the number of steps and requirements. Every term is
non-negative and grows with programme weights and gaps, which is what makes the ordering
properties of SPEC.md section 6 hold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from assess.errors import AssessError
from assess.models import DEFAULT_OWNER, Action, DependencyModel
from assess.numbers import show_gap, show_target
from assess.scoring.results import ScoreResult

from .links import Links, join
from .memory import no_cycle_collection
from .steps import Step, StepGraph, build_steps

DECAY = 0.5
"""Share of a dependent step's priority passed back to each step it requires."""
RISK_NEUTRAL = 3
"""The model's default risk; a capability of this risk is neither raised nor lowered."""
DEFAULT_EFFORT = 10.0
"""Person-days assumed for a step the model's action library has no action for."""
DEFAULT_WORKING_DAYS = 210.0
"""Working days a year of one full-time person, when the cost model does not say."""
MUST_DO = "must_do"
"""The reason of a step the consultant named in the assessment's ``must_do``."""
URGENT_WORDS = {"safety": "a safety finding", "legal_duty": "a legal duty",
                "active_exposure": "an active exposure", MUST_DO: "named must-do"}


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One level step of one capability, with why it matters and what it takes."""

    rank: int
    id: str
    capability: str
    capability_name: str
    domain: str
    from_level: int
    to_level: int
    priority: float
    requires: tuple[str, ...]
    """Steps to deliver first (ids)."""
    unblocks: tuple[str, ...]
    """Steps that require this one directly (ids)."""
    programmes: tuple[str, ...]
    """Programmes fed through technologies, most value first (ids)."""
    technologies: tuple[str, ...]
    """Technologies the capability holds up, strongest link first (ids)."""
    rationale: str
    action: str
    effort: float
    cost_band: str
    owner: str
    action_source: str
    """'library' (the dependency model's action) or 'default' (none given for the step)."""
    gap: float
    target: float
    weight: float
    risk: int
    value: float
    """Programme value reachable through the capability's technologies."""
    importance: float
    """The step's own term of the formula, before anything it unblocks."""
    urgency: float
    """Highest priority of this step and every step waiting on it (roadmap ordering)."""
    beyond_target: bool
    unassessed: tuple[str, ...] = ()
    urgent: str = ""
    """Why the step must be done first ('safety', 'legal_duty', 'active_exposure' from the
    dependency model, 'must_do' from the assessment); empty for an ordinary step."""
    capex: tuple[float, float] | None = None
    """One-off capital cost [low, high] in the model's currency; None when not costed."""
    opex_per_year: tuple[float, float] | None = None
    """Recurring annual operating cost [low, high]; None when not costed."""


@dataclass(frozen=True)
class Recommendations:
    """Ranked recommendations with the names renderers need to show them."""

    items: tuple[Recommendation, ...]
    """Highest priority first (ties by id)."""
    domains: tuple[tuple[str, str], ...]
    """(id, name) of every domain scored."""
    programmes: tuple[tuple[str, str], ...]
    """(id, name) of every programme of the model."""
    technologies: tuple[tuple[str, str], ...]
    unscored: tuple[str, ...] = ()
    """Capabilities below which nothing can be said: no answer counted, so no score."""
    level_names: tuple[tuple[int, str], ...] = ()
    cost_bands: tuple[tuple[str, str], ...] = ()
    unscored_domains: tuple[str, ...] = ()
    """The domain of each capability of ``unscored``, in the same order."""
    view: str = ""
    """What a filtered view shows, e.g. "in domain 'network'"; empty for the whole list."""
    capability_names: tuple[tuple[str, str], ...] = ()
    """(id, name) of every capability in scope, so people read names, not ids."""
    currency: str = ""
    """ISO code of the cost model's currency; empty when the model has no cost model."""
    working_days_per_fte: float = DEFAULT_WORKING_DAYS

    def by_id(self) -> dict[str, Recommendation]:
        return {r.id: r for r in self.items}

    def names(self) -> dict[str, str]:
        """Capability id -> name (the id itself where no name is known)."""
        return dict(self.capability_names)

    def step_names(self, steps: Sequence[str]) -> list[str]:
        """Step ids as people read them: 'cloud:3' -> 'Cloud platform to 3'."""
        names = self.names()
        out = []
        for sid in steps:
            capability, _, level = sid.rpartition(":")
            out.append(f"{names.get(capability, capability)} to {level}")
        return out

    def unscored_names(self) -> list[str]:
        """Names of the capabilities of ``unscored``, in the same order."""
        names = self.names()
        return [names.get(c, c) for c in self.unscored]

    def programme_name(self, ident: str) -> str:
        return dict(self.programmes).get(ident, ident)

    def technology_name(self, ident: str) -> str:
        return dict(self.technologies).get(ident, ident)

    def level_name(self, level: int) -> str:
        return dict(self.level_names).get(level, "")


def importance(links: Links, capability: str) -> float:
    """The step's own term: weight x (1 + gap) x (1 + programme value) x risk / 3."""
    cap = links.capabilities[capability]
    return (cap.weight * (1 + (cap.gap or 0.0)) * (1 + links.value[capability])
            * risk_of(links, capability) / RISK_NEUTRAL)


def risk_of(links: Links, capability: str) -> int:
    entry = links.entries.get(capability)
    return entry.risk if entry is not None else RISK_NEUTRAL


def priorities(links: Links, graph: StepGraph) -> tuple[list[float], list[float]]:
    """Priority and urgency of every step (by position), in one pass from the last step
    back: every step comes after the steps it requires, so its dependents are done."""
    own = {c: importance(links, c) for c in {s.capability: None for s in graph.steps}}
    priority = [0.0] * len(graph.steps)
    urgency = [0.0] * len(graph.steps)
    for i in range(len(graph.steps) - 1, -1, -1):
        after = graph.dependents[i]
        value = own[graph.steps[i].capability] + DECAY * sum(priority[j] for j in after)
        priority[i] = value
        urgency[i] = max([value, *(urgency[j] for j in after)])
    return priority, urgency


@dataclass(frozen=True, slots=True)
class _Facts:
    """What every step of one capability shares (worked out once per capability)."""

    programmes: tuple[str, ...]
    technologies: tuple[str, ...]
    feeds: str
    risk: int
    importance: float


def _facts(links: Links, capability: str) -> _Facts:
    programmes = tuple(p for p, _ in links.reach[capability])
    technologies = tuple(t for t, _ in links.cap_technologies[capability])
    techs = listing([links.technology_name(t) for t in technologies[:2]], len(technologies),
                    "technologies", limit=2)
    if programmes:
        progs = listing([links.programme_name(p) for p in programmes[:3]], len(programmes),
                        "programmes")
        feeds = f"feeds {progs} through {techs}"
    elif technologies:
        feeds = f"holds up {techs}, which no programme depends on"
    else:
        feeds = "linked to no core technology in the dependency model"
    return _Facts(programmes, technologies, feeds, risk_of(links, capability),
                  importance(links, capability))


def recommend(model: DependencyModel, result: ScoreResult,
              must_do: Sequence[str] = (),
              out_of_scope: Mapping[str, Sequence[str]] | None = None) -> Recommendations:
    """Every level step below target, ranked by priority (highest first, ties by id).

    ``must_do`` (step ids, the assessment's ``must_do``) marks steps urgent, as the
    dependency model's ``urgent`` does; urgency orders the roadmap, not the ranks.
    ``out_of_scope``: capability id -> names of prerequisites dropped because they are out
    of the assessment's scope; its steps' rationales say so."""
    with no_cycle_collection():
        return _recommend(model, result, frozenset(must_do), out_of_scope or {})


def _costs(model: DependencyModel, action: Action | None
           ) -> tuple[tuple[float, float] | None, tuple[float, float] | None]:
    """(capex, opex per year) of a step: its own figures, else its cost band's."""
    if action is None or model.costs is None:
        return None, None
    band = model.costs.bands.get(action.cost_band)
    capex = action.capex or (band.capex if band else None)
    opex = action.opex_per_year or (band.opex_per_year if band else None)
    return (None if capex is None else (capex[0], capex[1]),
            None if opex is None else (opex[0], opex[1]))


def _recommend(model: DependencyModel, result: ScoreResult, must_do: frozenset[str],
               out_of_scope: Mapping[str, Sequence[str]]) -> Recommendations:
    links = join(model, result)
    graph = build_steps(links)
    priority, urgency = priorities(links, graph)
    level_names = result.level_names
    facts: dict[str, _Facts] = {}
    rank_of = [0] * len(graph.steps)
    ranked = sorted(range(len(graph.steps)), key=lambda i: (-priority[i], graph.steps[i].id))
    for rank, i in enumerate(ranked, 1):
        rank_of[i] = rank
    items = []
    # Built in step order (capability by capability, the order the model lies in memory)
    # and sorted afterwards: on large models this is markedly faster than rank order.
    for i, step in enumerate(graph.steps):
        cap = links.capabilities[step.capability]
        known = facts.get(cap.id) or facts.setdefault(cap.id, _facts(links, cap.id))
        entry = links.entries.get(step.capability)
        action = entry.actions.get(step.to_level) if entry else None
        after = graph.unblocks(i)
        urgent = (action.urgent if action and action.urgent else
                  MUST_DO if step.id in must_do else "")
        capex, opex = _costs(model, action)
        why = rationale(links, step, after, known.feeds)
        if out_of_scope.get(cap.id):
            why = (f"{why[:-1]}; would also need {listing(list(out_of_scope[cap.id]))}, "
                   "out of scope.")
        if urgent:
            why = f"Must do first ({URGENT_WORDS[urgent]}). {why}"
        items.append(Recommendation(
            rank=rank_of[i], id=step.id, capability=cap.id, capability_name=cap.name,
            domain=cap.domain, from_level=step.from_level, to_level=step.to_level,
            priority=priority[i], requires=step.requires, unblocks=after,
            programmes=known.programmes, technologies=known.technologies,
            rationale=why,
            action=action.action if action else _default_action(cap.name, step, level_names),
            effort=action.effort if action else DEFAULT_EFFORT,
            cost_band=action.cost_band if action else "",
            owner=action.owner if action else DEFAULT_OWNER,
            action_source="library" if action else "default",
            gap=cap.gap or 0.0, target=cap.target, weight=cap.weight, risk=known.risk,
            value=links.value[cap.id], importance=known.importance, urgency=urgency[i],
            beyond_target=step.beyond_target, unassessed=step.unassessed,
            urgent=urgent, capex=capex, opex_per_year=opex,
        ))
    items.sort(key=lambda r: r.rank)
    return Recommendations(
        items=tuple(items),
        domains=tuple((d.id, d.name) for d in result.domains),
        programmes=tuple((p.id, p.name) for p in model.programmes),
        technologies=tuple((t.id, t.name) for t in model.technologies),
        unscored=tuple(c.id for d in result.domains for c in d.capabilities
                       if c.score is None),
        level_names=tuple(sorted(level_names.items())),
        cost_bands=tuple(model.cost_bands.items()),
        unscored_domains=tuple(d.id for d in result.domains for c in d.capabilities
                               if c.score is None),
        capability_names=tuple((c.id, c.name) for c in result.capabilities()),
        currency=model.costs.currency if model.costs else "",
        working_days_per_fte=(model.costs.working_days_per_fte if model.costs
                              else DEFAULT_WORKING_DAYS),
    )


def select(recs: Recommendations, *, top: int | None = None, domain: str | None = None,
           programme: str | None = None) -> Recommendations:
    """The recommendations of one domain and/or feeding one programme, the first ``top``.

    Ranks stay those of the whole list, so rank 7 means the same in every view.
    """
    items: Sequence[Recommendation] = recs.items
    unscored = list(zip(recs.unscored, recs.unscored_domains, strict=True))
    views = []
    if domain is not None:
        known = [d for d, _ in recs.domains]
        if domain not in known:
            raise AssessError(f"unknown domain {domain!r} (known: {', '.join(known)})")
        items = [r for r in items if r.domain == domain]
        unscored = [(c, d) for c, d in unscored if d == domain]
        views.append(f"in domain {domain!r}")
    if programme is not None:
        known = [p for p, _ in recs.programmes]
        if programme not in known:
            raise AssessError(f"unknown programme {programme!r} (known: {', '.join(known)})")
        items = [r for r in items if programme in r.programmes]
        views.append(f"feeding programme {programme!r}")
    if top is not None:
        items = items[:top]
    return replace(recs, items=tuple(items), unscored=tuple(c for c, _ in unscored),
                   unscored_domains=tuple(d for _, d in unscored), view=" ".join(views))


# --- words ---------------------------------------------------------------------------------


def step_name(links: Links, sid: str) -> str:
    """'Cloud landing zone to level 3' for step id 'landing_zone:3'."""
    capability, _, level = sid.rpartition(":")
    return f"{links.capability_name(capability)} to level {level}"


def _default_action(name: str, step: Step, level_names: dict[int, str]) -> str:
    to_name = level_names.get(step.to_level, "")
    return (f"Raise {name} to level {step.to_level}{f' ({to_name})' if to_name else ''}; "
            "the dependency model has no action for this step, so agree the work with the "
            "owner.")


def listing(names: Sequence[str], total: int | None = None, plural: str = "",
            limit: int = 3) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B and 2 more <plural>' for ``total`` items of
    which ``names`` are the first (only the first ``limit`` are needed)."""
    total = len(names) if total is None else total
    if total > limit:
        shown = [*names[: limit - 1], f"{total - (limit - 1)} more{f' {plural}' if plural else ''}"]
    else:
        shown = list(names[:total])
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _steps(links: Links, ids: Sequence[str]) -> str:
    return listing([step_name(links, s) for s in ids[:3]], len(ids))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def rationale(links: Links, step: Step, dependents: Sequence[str], feeds: str) -> str:
    """A plain-language sentence built from the facts the priority uses."""
    cap = links.capabilities[step.capability]
    own = f"{step.capability}:"
    parts: list[str] = []
    others = [d for d in dependents if not d.startswith(own)]
    if others:
        parts.append(f"unblocks {_plural(len(others), 'step')} of other capabilities "
                     f"({_steps(links, others)})")
    parts.append(feeds)
    if step.beyond_target:
        parts.append(f"goes beyond its target of {show_target(cap.target)} because "
                     f"{_steps(links, others) if others else 'its next step'} needs it")
    else:
        parts.append(f"gap {show_gap(cap.target, cap.score)} to target "
                     f"{show_target(cap.target)}")
    risk = risk_of(links, step.capability)
    if risk != RISK_NEUTRAL:
        parts.append(f"risk {risk} of 5 while weak")
    needs = [r for r in step.requires if not r.startswith(own)]
    if needs:
        parts.append(f"needs {_steps(links, needs)} first")
    if step.unassessed:
        names = [links.capability_name(c) for c in step.unassessed]
        parts.append(f"also needs {listing(names)}, which {'was' if len(names) == 1 else 'were'}"
                     " not assessed")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."
