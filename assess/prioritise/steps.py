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
from collections.abc import Iterator, Mapping, Sequence
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


def _groups(scored: Mapping[str, int], reqs: Mapping[str, list[Requirement]]
            ) -> list[list[str]]:
    """Scored capabilities in groups that need each other (prerequisites running both ways
    between capabilities, at different levels), each group after every group it needs.

    Tarjan's strongly connected components, iteratively, roots in score order and
    prerequisites sorted, so the result is the same on every run; without such groups it
    is the depth-first post-order, each capability after every capability it needs.
    """
    def needed(capability: str) -> Iterator[str]:
        return iter(sorted({p for p, _, _ in reqs.get(capability, ()) if p in scored}))

    index: dict[str, int] = {}
    low: dict[str, int] = {}
    open_: list[str] = []
    on_path: set[str] = set()
    groups: list[list[str]] = []
    for root in scored:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        open_.append(root)
        on_path.add(root)
        work = [(root, needed(root))]
        while work:
            node, pending = work[-1]
            pre = next(pending, None)
            if pre is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:  # node roots a group: the open ones above it
                    group = [open_.pop()]
                    while group[-1] != node:
                        group.append(open_.pop())
                    group.reverse()
                    on_path.difference_update(group)
                    groups.append(group)
            elif pre not in index:
                index[pre] = low[pre] = len(index)
                open_.append(pre)
                on_path.add(pre)
                work.append((pre, needed(pre)))
            elif pre in on_path:
                low[node] = min(low[node], index[pre])
    return groups


def _needs(links: Links, scored: Mapping[str, int], reqs: Mapping[str, list[Requirement]]
           ) -> dict[str, int]:
    """The level each capability must reach: its target's, or more where a step of another
    capability needs it. Demands flow from dependents to prerequisites until nothing rises
    (each rise is bounded by the scale, so this ends, prerequisite cycles or not)."""
    need = {c: max(scored[c], top_level(links, c) or 0) for c in scored}
    pending = list(scored)[::-1]
    while pending:
        cap = pending.pop()
        if need[cap] <= scored[cap]:
            continue
        for pre, level, for_level in reqs.get(cap, ()):
            if pre in scored and for_level <= need[cap] and need[pre] < level:
                need[pre] = level
                pending.append(pre)
    return need


def _capability_steps(cap: str, current: int, need: int, top: int, scored: Mapping[str, int],
                      cap_reqs: Sequence[Requirement]) -> list[Step]:
    steps = []
    before: dict[str, int] = {}
    for to_level in range(current + 1, need + 1):
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
        steps.append(Step(
            id=step_id(cap, to_level), capability=cap, from_level=to_level - 1,
            to_level=to_level, requires=tuple(sorted(requires)), beyond_target=to_level > top,
            unassessed=tuple(sorted(unknown)),
        ))
    return steps


def _step_order(steps: Sequence[Step]) -> list[Step]:
    """Steps of capabilities that need each other, each after the steps it requires (a
    depth-first post-order, requirements sorted); a cycle of steps is an error naming it."""
    by_id = {s.id: s for s in steps}
    state: dict[str, int] = {}  # 1 on the current path, 2 placed
    order: list[Step] = []
    for root in steps:
        if root.id in state:
            continue
        state[root.id] = 1
        path = [root.id]
        stack = [iter([r for r in root.requires if r in by_id])]
        while stack:
            req = next(stack[-1], None)
            if req is None:
                stack.pop()
                done = path.pop()
                state[done] = 2
                order.append(by_id[done])
            elif req not in state:
                state[req] = 1
                path.append(req)
                stack.append(iter([r for r in by_id[req].requires if r in by_id]))
            elif state[req] == 1:
                cycle = path[path.index(req):]
                raise AssessError("prerequisite cycle: " + " -> ".join([*cycle, req]))
    return order


def build_steps(links: Links) -> StepGraph:
    """Every level step below target (and beyond it where another step needs it)."""
    scored = {c: cap.level for c, cap in links.capabilities.items()
              if cap.score is not None and cap.level is not None}
    reqs = _requirements(links, scored)
    need = _needs(links, scored, reqs)
    steps: list[Step] = []
    position: dict[str, int] = {}
    dependents: list[list[int]] = []
    for group in _groups(scored, reqs):  # prerequisites first
        drafts = [step for cap in group if need[cap] > scored[cap]
                  for step in _capability_steps(
                      cap, scored[cap], need[cap], max(scored[cap], top_level(links, cap) or 0),
                      scored, reqs.get(cap, ()))]
        for step in drafts if len(group) == 1 else _step_order(drafts):
            here = len(steps)
            position[step.id] = here
            dependents.append([])
            for req in step.requires:
                dependents[position[req]].append(here)
            steps.append(step)
    return StepGraph(tuple(steps), tuple(tuple(d) for d in dependents))
