"""Crosswalks: an assessment's results rolled up onto a published standard.

A question reaches a standard's requirement in one of three ways (docs/crosswalk.md):
a mapping set from its questionnaire to the standard (the shipped sets are generated from
the questions' references), a structured reference ``{standard, id}`` on the question, or
one hop further, through a mapping set from a standard the question reaches to the target
(an imported NIST CSF assessment reaches ISO/IEC 27001 through the CSF -> ISO set).

Each question's combined answer is placed on 0-1 (its position between the lowest and
the highest answer it could have had); an item's position is the weighted mean of the
positions of the answered questions behind it and its children. It is shown on the
framework's levels (``maturity``) and, where the standard has a scale of its own (CSF
tiers 1-4), on that scale (``score``), linearly: lowest level -> lowest tier, highest
level -> highest tier. An indication for a conversation, not an audit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assess.errors import UsageError
from assess.models import Framework, MappingSet, Question, Questionnaire, Standard, StandardItem
from assess.scoring.results import QuestionResult, ScoreResult


@dataclass(frozen=True)
class CrosswalkItem:
    id: str
    name: str
    kind: str
    parent: str | None
    score: float | None
    """On the standard's own scale where it has one, else on the framework's levels."""
    maturity: float | None
    """On the framework's levels."""
    coverage: float
    """Share of the item's most detailed requirements that a question reaches."""
    questions: tuple[str, ...]
    answered: int
    groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class Crosswalk:
    target: str
    name: str
    scale_name: str | None
    scale: tuple[tuple[int, str], ...]
    """The standard's own scale (number, name), empty when it has none."""
    levels: tuple[float, float]
    """The framework's lowest and highest level."""
    via: tuple[str, ...]
    """Ids of the mapping sets used."""
    items: tuple[CrosswalkItem, ...]
    group: str | None = None
    """The implementation group the items were cut to (``--group IG1``); None: all."""

    @property
    def untouched(self) -> list[str]:
        """Items no question reaches."""
        return [item.id for item in self.items if not item.questions]


def _position(value: float, question: Question, fw: Framework) -> float:
    """An answer's place between the lowest (0) and highest (1) answer it could have had."""
    scale = fw.scale_of(question)
    if scale:
        low, high = min(e.value for e in scale), max(e.value for e in scale)
    else:
        low, high = float(fw.levels[0].level), float(fw.levels[-1].level)
    return 0.0 if high <= low else min(max((value - low) / (high - low), 0.0), 1.0)


def _links(target: str, questionnaires: Sequence[Questionnaire],
           sets: Sequence[MappingSet]) -> tuple[dict[str, set[str]], list[str]]:
    """Target requirement id (folded case) -> question ids, and the mapping sets used."""
    by_source: dict[tuple[str, str], list[MappingSet]] = {}
    for ms in sets:
        by_source.setdefault((ms.source, ms.target), []).append(ms)
    used: set[str] = set()
    links: dict[str, set[str]] = {}

    def through(source: str, requirement: str, goal: str) -> Iterable[str]:
        for ms in by_source.get((source, goal), []):
            for m in ms.mappings:
                if m.source.casefold() == requirement.casefold():
                    used.add(ms.id)
                    yield m.target

    for q in questionnaires:
        hops = {ms.target for ms in sets if ms.source == q.id and ms.target != target}
        for question in q.questions:
            reached = list(through(q.id, question.id, target))
            via: list[tuple[str, str]] = [(s, r) for s in hops
                                          for r in through(q.id, question.id, s)]
            for ref in question.references:
                if isinstance(ref, str):
                    continue
                if ref.standard == target:
                    reached.append(ref.id)
                else:
                    via.append((ref.standard, ref.id))
            for standard, requirement in via:
                reached += through(standard, requirement, target)
            for ident in reached:
                links.setdefault(ident.casefold(), set()).add(question.id)
    return links, sorted(used)


def _catalogue(target: str, standard: Standard | None,
               sets: Sequence[MappingSet]) -> list[StandardItem]:
    """The standard's items; without a catalogue, the requirements its mapping sets name."""
    if standard is not None:
        return list(standard.items)
    seen: dict[str, StandardItem] = {}
    for ms in sets:
        if ms.target == target:
            for m in ms.mappings:
                seen.setdefault(m.target.casefold(), StandardItem(id=m.target,
                                                                   kind="requirement"))
    return list(seen.values())


def known_groups(items: Sequence[StandardItem]) -> list[str]:
    """The implementation groups the items name, in the order they first appear."""
    return list(dict.fromkeys(g for item in items for g in item.groups))


def in_group(items: Sequence[StandardItem], group: str, target: str) -> list[StandardItem]:
    """The items of implementation group ``group`` (any case), with the items above them,
    in the standard's order. UsageError when the standard has no groups or not that one."""
    known = known_groups(items)
    if not known:
        raise UsageError(f"{target} has no implementation groups: --group applies to a "
                         "standard whose items have them (e.g. cis-v8)")
    wanted = next((g for g in known if g.casefold() == group.casefold()), None)
    if wanted is None:
        raise UsageError(f"unknown implementation group {group!r} of {target} "
                         f"(known: {', '.join(known)})")
    parent = {item.id.casefold(): item.parent for item in items}
    kept: set[str] = set()
    for item in items:
        if wanted in item.groups:
            key: str | None = item.id.casefold()
            while key is not None and key not in kept:
                kept.add(key)
                above = parent.get(key)
                key = above.casefold() if above is not None else None
    return [item for item in items if item.id.casefold() in kept]


def crosswalk(result: ScoreResult, fw: Framework, questionnaires: Sequence[Questionnaire],
              target: str, standard: Standard | None,
              sets: Sequence[MappingSet], group: str | None = None) -> Crosswalk:
    """Roll ``result`` up onto standard ``target`` (module docstring); with ``group``, onto
    the items of that implementation group only (coverage and scores over them)."""
    links, used = _links(target, questionnaires, sets)
    items = _catalogue(target, standard, sets)
    if group is not None:
        items = in_group(items, group, target)
        group = next(g for g in known_groups(items) if g.casefold() == group.casefold())
    children: dict[str, list[str]] = {}
    for item in items:
        if item.parent is not None:
            children.setdefault(item.parent.casefold(), []).append(item.id.casefold())
    questions = {x.id: x for q in questionnaires for x in q.questions}
    results: dict[str, QuestionResult] = {r.id: r for d in result.domains
                                          for c in d.capabilities for r in c.questions}
    low, high = float(fw.levels[0].level), float(fw.levels[-1].level)
    scale = standard.scale if standard is not None else None
    out = []
    for item in items:
        key = item.id.casefold()
        subtree = _subtree(key, children)
        leaves = [k for k in subtree if k not in children]
        behind = sorted({qid for k in subtree for qid in links.get(k, ())
                         if qid in results})
        pairs = [(questions[qid].weight, _position(v, questions[qid], fw.for_question(
                  questions[qid]))) for qid in behind
                 if (v := results[qid].value) is not None]
        weight = sum(w for w, _ in pairs)
        position = sum(w * p for w, p in pairs) / weight if pairs and weight > 0 else None
        maturity = None if position is None else low + position * (high - low)
        score = maturity
        if scale is not None and position is not None:
            t_low, t_high = min(scale.levels), max(scale.levels)
            score = t_low + position * (t_high - t_low)
        touched = sum(1 for k in leaves if links.get(k, set()) & results.keys())
        out.append(CrosswalkItem(
            id=item.id, name=item.name, kind=item.kind, parent=item.parent, score=score,
            maturity=maturity, coverage=touched / len(leaves) if leaves else 0.0,
            questions=tuple(behind), answered=len(pairs), groups=tuple(item.groups)))
    return Crosswalk(
        target=target, name=standard.name if standard is not None else target,
        scale_name=scale.name if scale is not None else None,
        scale=tuple(sorted(scale.levels.items())) if scale is not None else (),
        levels=(low, high), via=tuple(used), items=tuple(out), group=group)


def _subtree(key: str, children: dict[str, list[str]]) -> list[str]:
    out, todo = [], [key]
    while todo:
        node = todo.pop()
        out.append(node)
        todo.extend(children.get(node, ()))
    return out
