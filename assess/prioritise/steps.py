"""Level steps and what each one needs first: the recommendation DAG.

A capability at level L with target T yields the steps L -> L+1, ..., up to the level
that closes the gap (the target rounded up). Step n+1 requires step n. A prerequisite
"C needs P at level >= k for steps reaching >= f" makes the first step of C reaching f
or more require step P -> k; when P's own target stops short of k, P gets the extra
steps it needs anyway, marked *beyond target*.

Only the edge where a requirement first applies is kept (later steps of C reach it
through C's own chain), so ``requires`` lists what a consultant must check, nothing
implied. Built in one pass over the capabilities in prerequisite order: linear in the
number of steps and prerequisite entries.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from assess.errors import AssessError

from .links import Links

TOLERANCE = 1e-6
"""Float guard when rounding a target up to a level (3.0000001 is level 3)."""


def step_id(capability: str, to_level: int) -> str:
    """Identifier of the step raising ``capability`` to ``to_level``, e.g. 'landing_zone:3'."""
    return f"{capability}:{to_level}"


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    capability: str
    from_level: int
    to_level: int
    requires: tuple[str, ...]
    """Steps that must be delivered first (sorted by id)."""
    beyond_target: bool
    """The step goes past the capability's target because another step needs it."""
    unassessed: tuple[str, ...] = ()
    """Prerequisite capabilities first applying at this step that have no score (out of
    scope or unanswered), so whether they are met is unknown."""


@dataclass(frozen=True)
class StepGraph:
    steps: tuple[Step, ...]
    """Every step, each after all the steps it requires (prerequisites first)."""
    dependents: tuple[tuple[int, ...], ...]
    """For each step (by position), the positions of the steps that require it directly.
    Positions rather than ids: the priority pass then walks lists, not string-keyed
    dictionaries, which keeps large models fast."""

    def by_id(self) -> dict[str, Step]:
        return {s.id: s for s in self.steps}

    def unblocks(self, index: int) -> tuple[str, ...]:
        """Ids of the steps that require step ``index`` directly, sorted."""
        return tuple(sorted(self.steps[j].id for j in self.dependents[index]))


def top_level(links: Links, capability: str) -> int | None:
    """The level that closes the capability's gap; None when it has no score."""
    cap = links.capabilities[capability]
    if cap.score is None or cap.level is None:
        return None
    if not cap.gap:
        return cap.level
    ceiling = math.ceil(cap.target - TOLERANCE)
    return max(cap.level, min(ceiling, math.floor(links.scale_max + TOLERANCE)))


Requirement = tuple[str, int, int]
"""(prerequisite capability, level it must reach, for_level of the dependent)."""


def _requirements(links: Links, scored: Mapping[str, int]) -> dict[str, list[Requirement]]:
    """Prerequisites of every scored capability, levels clamped to the scale."""
    highest = math.floor(links.scale_max + TOLERANCE)
    out: dict[str, list[Requirement]] = {}
    for cap in scored:
        entry = links.entries.get(cap)
        if entry is not None and entry.prerequisites:
            out[cap] = [(p.capability, min(p.level, highest), p.for_level)
                        for p in entry.prerequisites if p.capability != cap]
    return out


def _order(scored: Mapping[str, int], reqs: Mapping[str, list[Requirement]]) -> list[str]:
    """Scored capabilities, each after every capability it needs: an iterative depth-first
    post-order in score order, so the result is the same on every run."""
    state: dict[str, int] = {}  # 1 on the current path, 2 placed
    order: list[str] = []
    for root in scored:
        if root in state:
            continue
        state[root] = 1
        path = [root]
        stack = [iter(sorted({p for p, _, _ in reqs.get(root, ()) if p in scored}))]
        while stack:
            pre = next(stack[-1], None)
            if pre is None:
                stack.pop()
                done = path.pop()
                state[done] = 2
                order.append(done)
            elif pre not in state:
                state[pre] = 1
                path.append(pre)
                stack.append(iter(sorted({p for p, _, _ in reqs.get(pre, ()) if p in scored})))
            elif state[pre] == 1:
                cycle = path[path.index(pre):]
                raise AssessError("prerequisite cycle: " + " -> ".join([*cycle, pre]))
    return order


def build_steps(links: Links) -> StepGraph:
    """Every level step below target (and beyond it where another step needs it)."""
    scored = {c: cap.level for c, cap in links.capabilities.items()
              if cap.score is not None and cap.level is not None}
    reqs = _requirements(links, scored)
    order = _order(scored, reqs)
    need = {c: max(scored[c], top_level(links, c) or 0) for c in scored}
    top = dict(need)
    for cap in reversed(order):  # dependents before prerequisites: demands flow down
        if need[cap] <= scored[cap]:
            continue
        for pre, level, for_level in reqs.get(cap, ()):
            if pre in scored and for_level <= need[cap] and scored[pre] < level:
                need[pre] = max(need[pre], level)

    steps: list[Step] = []
    position: dict[str, int] = {}
    dependents: list[list[int]] = []
    for cap in order:  # prerequisites first
        current = scored[cap]
        if need[cap] <= current:
            continue
        cap_reqs = reqs.get(cap, ())
        before: dict[str, int] = {}
        for to_level in range(current + 1, need[cap] + 1):
            sid = step_id(cap, to_level)
            now: dict[str, int] = {}
            unknown: set[str] = set()
            for pre, level, for_level in cap_reqs:
                if for_level > to_level:
                    continue
                if pre not in scored:
                    if for_level == to_level or to_level == current + 1:
                        unknown.add(pre)
                elif scored[pre] < level:
                    now[pre] = max(now.get(pre, 0), level)
            requires = [step_id(p, k) for p, k in now.items() if before.get(p) != k]
            if to_level > current + 1:
                requires.append(step_id(cap, to_level - 1))
            before = now
            here = len(steps)
            position[sid] = here
            dependents.append([])
            for req in requires:
                dependents[position[req]].append(here)
            steps.append(Step(
                id=sid, capability=cap, from_level=to_level - 1, to_level=to_level,
                requires=tuple(sorted(requires)), beyond_target=to_level > top[cap],
                unassessed=tuple(sorted(unknown)),
            ))
    return StepGraph(tuple(steps), tuple(tuple(d) for d in dependents))
