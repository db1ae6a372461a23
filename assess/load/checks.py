"""Meaning checks: the shape is valid, now do the references resolve?

Each check returns every problem it finds (never just the first).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise

from assess.errors import Problem
from assess.load.answers import parse_answer
from assess.load.yamlio import Document
from assess.models import (
    DependencyModel,
    Framework,
    MappingSet,
    Plan,
    Question,
    Questionnaire,
    Response,
    Standard,
)


def known_ids(ids: Iterable[str], limit: int = 8) -> str:
    """``(known: a, b, ...)`` for an error message."""
    return _known(ids, limit)


def _known(ids: Iterable[str], limit: int = 8) -> str:
    ids = sorted(ids)
    shown = ", ".join(ids[:limit])
    return f"(known: {shown}{', ...' if len(ids) > limit else ''})"


def _duplicates(doc: Document, items: Sequence[str], where: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for i, item in enumerate(items):
        if item in seen:
            problems.append(doc.problem((where, i, "id"), f"duplicate id {item!r} (first at "
                                        f"{where}[{seen[item]}])"))
        else:
            seen[item] = i
    return problems


def check_framework(fw: Framework, doc: Document) -> list[Problem]:
    from assess.scoring.methods import METHODS

    problems = []
    numbers = [lv.level for lv in fw.levels]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        problems.append(doc.problem(("levels",), f"levels must be consecutive numbers, lowest "
                                    f"first; got {numbers}"))
    scales = [(("answer_scale",), fw.answer_scale or []),
              *((("answer_sets", name), entries) for name, entries in fw.answer_sets.items())]
    for at, entries in scales:
        labels = [e.label for e in entries]
        for label, count in Counter(labels).items():
            if count > 1:
                i = labels.index(label)
                problems.append(doc.problem((*at, i, "label"), f"duplicate label {label!r}"))
    if fw.method.name not in METHODS:
        problems.append(doc.problem(("method", "name"), f"unknown scoring method "
                                    f"{fw.method.name!r} {_known(METHODS)}"))
    else:
        for finding in METHODS[fw.method.name].check(fw):
            loc, message = finding if isinstance(finding, tuple) else (("method",), finding)
            problems.append(doc.problem(loc, message))
    return problems


def check_questionnaire(q: Questionnaire, doc: Document, fw: Framework | None) -> list[Problem]:
    from assess.scoring.methods import METHODS

    problems = _duplicates(doc, [c.id for c in q.capabilities], "capabilities")
    problems += _duplicates(doc, [x.id for x in q.questions], "questions")
    if doc.path.stem != q.id and doc.path.parent.name == "questionnaires":
        problems.append(doc.problem(("id",), f"id {q.id!r} differs from the file name "
                                    f"{doc.path.name!r}"))
    capability_ids = {c.id for c in q.capabilities}
    problems += _duplicates(doc, [p.id for p in q.profiles], "profiles")
    profile_ids = {p.id for p in q.profiles}
    for i, question in enumerate(q.questions):
        problems.extend(doc.problem(("questions", i, "profiles", j), f"unknown profile "
                                    f"{name!r} {_known(profile_ids)}")
                        for j, name in enumerate(question.profiles) if name not in profile_ids)
    for i, question in enumerate(q.questions):
        problems += [doc.problem(("questions", i, *loc), message)
                     for loc, message in question_problems(question, capability_ids, fw)]
    if fw is not None and fw.method.name in METHODS:
        problems += [doc.problem(loc, message)
                     for loc, message in METHODS[fw.method.name].check_questions(q, fw)]
    return problems


def question_problems(question: Question, capability_ids: set[str], fw: Framework | None
                      ) -> list[tuple[tuple[str | int, ...], str]]:
    """What is wrong with one question, as (place inside the question, message)."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    if question.capability not in capability_ids:
        problems.append((("capability",), f"unknown capability {question.capability!r} "
                         f"{_known(capability_ids)}"))
    if fw is None:
        return problems
    level_numbers = {lv.level for lv in fw.levels}
    if question.answer_set is not None and question.answer_set not in fw.answer_sets:
        problems.append((("answer_set",), f"unknown answer set {question.answer_set!r} "
                         f"{_known(fw.answer_sets)}"))
    if fw.scale_of(question) is None and question.levels is None:
        problems.append(((), f"framework {fw.id!r} is level-anchored: the question needs "
                         "'levels'"))
    if question.levels is not None:
        extra = sorted(set(question.levels) - level_numbers)
        if extra:
            problems.append((("levels",), f"levels {extra} are not levels of framework "
                             f"{fw.id!r}"))
    if question.level is not None and question.level not in level_numbers:
        problems.append((("level",), f"level {question.level} is not a level of framework "
                         f"{fw.id!r}"))
    return problems


def check_response(r: Response, doc: Document, q: Questionnaire | None,
                   fw: Framework | None, in_scope: Sequence[str] | None = None) -> list[Problem]:
    problems = []
    if r.respondent is None and not r.consensus:
        problems.append(doc.problem((), "give a 'respondent' ({name, role}) or 'consensus: true'"))
    if r.respondent is not None and r.consensus:
        problems.append(doc.problem(("consensus",), "a consensus response has no single "
                                    "respondent: remove 'respondent' or 'consensus: true'"))
    if in_scope is not None and r.questionnaire not in in_scope:
        problems.append(doc.problem(("questionnaire",), f"questionnaire {r.questionnaire!r} is "
                                    f"not in the assessment's scope {_known(in_scope)}"))
        return problems
    if q is None or fw is None:
        return problems
    questions = {x.id: x for x in q.questions}
    for qid, answer in r.answers.items():
        loc = ("answers", qid)
        if qid not in questions:
            successor = next((x.id for x in q.questions if qid in x.replaces), None)
            hint = "" if successor is None else (
                f" (replaced by {successor!r} in version {q.version}: keep the version this "
                "assessment was answered with in its questionnaires/ folder, or rename the "
                "answer; docs/progress.md)")
            problems.append(doc.problem(loc, f"unknown question {qid!r} in questionnaire "
                                        f"{q.id!r}{hint}"))
            continue
        message = answer_problem(answer.value, fw.for_question(questions[qid]))
        if message:
            problems.append(doc.problem((*loc, "value"), message))
    return problems


def answer_problem(value: float | str, fw: Framework) -> str | None:
    """Why ``value`` is not a valid answer under ``fw``, or None when it is (the rule is
    :func:`assess.load.answers.parse_answer`: numbers, level names, scale labels, n/a)."""
    try:
        parse_answer(value, fw)
    except ValueError as exc:
        return str(exc)
    return None


def check_dependencies(m: DependencyModel, doc: Document,
                       capability_ids: set[str] | None) -> list[Problem]:
    problems = _duplicates(doc, [p.id for p in m.programmes], "programmes")
    problems += _duplicates(doc, [t.id for t in m.technologies], "technologies")
    seen: dict[str, int] = {}
    for i, entry in enumerate(m.capabilities):
        if entry.capability in seen:
            problems.append(doc.problem(("capabilities", i, "capability"), f"duplicate entry "
                                        f"for {entry.capability!r} (first at "
                                        f"capabilities[{seen[entry.capability]}])"))
        seen.setdefault(entry.capability, i)
    programmes = {p.id for p in m.programmes}
    technologies = {t.id for t in m.technologies}
    for i, tech in enumerate(m.technologies):
        for j, tlink in enumerate(tech.programmes):
            if tlink.programme not in programmes:
                problems.append(doc.problem(("technologies", i, "programmes", j, "programme"),
                                            f"unknown programme {tlink.programme!r} "
                                            f"{_known(programmes)}"))
    for i, entry in enumerate(m.capabilities):
        if capability_ids is not None and entry.capability not in capability_ids:
            problems.append(doc.problem(("capabilities", i, "capability"), f"unknown capability "
                                        f"{entry.capability!r} {_known(capability_ids)}"))
        for j, link in enumerate(entry.technologies):
            if link.technology not in technologies:
                problems.append(doc.problem(("capabilities", i, "technologies", j,
                                             "technology"), f"unknown technology "
                                            f"{link.technology!r} {_known(technologies)}"))
        for j, pre in enumerate(entry.prerequisites):
            known = capability_ids if capability_ids is not None else set(seen)
            if pre.capability not in known:
                problems.append(doc.problem(("capabilities", i, "prerequisites", j,
                                             "capability"), f"unknown capability "
                                            f"{pre.capability!r} {_known(known)}"))
            if pre.capability == entry.capability:
                problems.append(doc.problem(("capabilities", i, "prerequisites", j),
                                            "a capability cannot be its own prerequisite"))
        for level, action in entry.actions.items():
            if m.cost_bands and action.cost_band not in m.cost_bands:
                problems.append(doc.problem(("capabilities", i, "actions", level, "cost_band"),
                                            f"unknown cost band {action.cost_band!r} "
                                            f"{_known(m.cost_bands)}"))
    if m.costs is not None and m.cost_bands:
        problems.extend(doc.problem(("costs", "bands", band), f"unknown cost band {band!r} "
                                    f"{_known(m.cost_bands)}")
                        for band in m.costs.bands if band not in m.cost_bands)
    cycle, (i, j) = prerequisite_cycle(m)
    if cycle:
        problems.append(doc.problem(("capabilities", i, "prerequisites", j),
                                    "prerequisite cycle: " + " -> ".join(cycle)))
    return problems


def prerequisite_cycle(m: DependencyModel) -> tuple[list[str], tuple[int, int]]:
    """A cycle of level steps, as step ids each needing the next (the last is the first
    again), and the (capability entry, prerequisite) index where the first one is written;
    ``([], (0, 0))`` when there is none.

    Cycles are checked on steps, not on capabilities. The nodes are the steps the
    prerequisites name: "C needs P at level k for steps reaching f" is the edge C:f -> P:k;
    besides, a step needs the capability's lower steps (C:5 -> C:3 -> C:1). So "A to 5
    needs B at 4" with "B to 4 needs A at 1" is no cycle, while "B to 4 needs A at 5" is.
    A self-prerequisite is reported on its own, not as a cycle.
    """
    import networkx as nx

    graph = nx.DiGraph()
    levels: dict[str, set[int]] = {}
    for i, entry in enumerate(m.capabilities):
        for j, pre in enumerate(entry.prerequisites):
            if pre.capability == entry.capability:
                continue
            source, target = (entry.capability, pre.for_level), (pre.capability, pre.level)
            if not graph.has_edge(source, target):
                graph.add_edge(source, target, at=(i, j))
            levels.setdefault(entry.capability, set()).add(pre.for_level)
            levels.setdefault(pre.capability, set()).add(pre.level)
    for capability, found in levels.items():
        ordered = sorted(found)
        graph.add_edges_from(((capability, high), (capability, low))
                             for low, high in pairwise(ordered))
    try:
        edges = nx.find_cycle(graph)
    except nx.NetworkXNoCycle:
        return [], (0, 0)
    written = [(graph.edges[u, v]["at"], k) for k, (u, v) in enumerate(edges)
               if "at" in graph.edges[u, v]]
    at, first = min(written)
    nodes = [u for u, _ in edges[first:] + edges[:first]]
    return [f"{c}:{level}" for c, level in [*nodes, nodes[0]]], at


def check_plan(plan: Plan, doc: Document) -> list[Problem]:
    """plan.yaml: each step once, and no step ending before it starts."""
    problems = []
    seen: dict[str, int] = {}
    for i, step in enumerate(plan.steps):
        if step.id in seen:
            problems.append(doc.problem(("steps", i, "id"), f"duplicate step {step.id!r} "
                                        f"(first at steps[{seen[step.id]}])"))
        seen.setdefault(step.id, i)
        if step.end < step.start:
            problems.append(doc.problem(("steps", i, "end"), f"ends {step.end} before it "
                                        f"starts ({step.start})"))
    return problems


def check_standard(std: Standard, doc: Document) -> list[Problem]:
    """A standard's catalogue: ids unique, every parent listed before its children."""
    problems = _duplicates(doc, [item.id for item in std.items], "items")
    seen: set[str] = set()
    for i, item in enumerate(std.items):
        if item.parent is not None and item.parent not in seen:
            problems.append(doc.problem(("items", i, "parent"), f"parent {item.parent!r} is "
                                        "not an item listed before this one"))
        seen.add(item.id)
    if doc.path.parent.name == "standards" and doc.path.stem != std.id:
        problems.append(doc.problem(("id",), f"id {std.id!r} differs from the file name "
                                    f"{doc.path.name!r}"))
    return problems


def check_mapping_set(ms: MappingSet, doc: Document, source_ids: set[str] | None = None,
                      target_ids: set[str] | None = None) -> list[Problem]:
    """A mapping set: no pair twice, source different from target and, where the
    requirement ids of either side are known, every id one of them (compared without
    case: CISO Assistant's URNs lower-case the ids the standards write in capitals)."""
    problems = []
    if ms.source == ms.target:
        problems.append(doc.problem(("target",), f"source and target are both {ms.source!r}"))
    seen: dict[tuple[str, str], int] = {}
    source_keys = None if source_ids is None else {s.casefold() for s in source_ids}
    target_keys = None if target_ids is None else {t.casefold() for t in target_ids}
    for i, m in enumerate(ms.mappings):
        pair = (m.source.casefold(), m.target.casefold())
        if pair in seen:
            problems.append(doc.problem(("mappings", i), f"{m.source} -> {m.target} is "
                                        f"already mapped at mappings[{seen[pair]}]"))
        seen.setdefault(pair, i)
        if source_keys is not None and m.source.casefold() not in source_keys:
            problems.append(doc.problem(("mappings", i, "source"), f"unknown requirement "
                                        f"{m.source!r} of {ms.source!r}"))
        if target_keys is not None and m.target.casefold() not in target_keys:
            problems.append(doc.problem(("mappings", i, "target"), f"unknown requirement "
                                        f"{m.target!r} of {ms.target!r}"))
    return problems
