"""The dependency graph: capabilities -> core technologies -> programmes, as networkx.

Node ids carry their kind (``capability:identity_access``, ``technology:crm``,
``programme:digital_first``) because the three kinds have separate id spaces. Every node
has ``kind``, ``id`` and ``name``; capabilities, technologies and programmes carry
``current``, ``target`` and ``gap`` (a technology or programme: the link-weighted mean of
the capabilities beneath it); programmes also carry ``readiness`` and ``status``. Edges:
``enables`` (capability -> technology -> programme, with the link ``weight``) and
``prerequisite`` (the capability needed -> the capability needing it, with ``level`` and
``for_level``). Attributes that are unknown (an unscored capability) are left out, so
GraphML stays valid.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.models import DependencyModel
from assess.numbers import gap_of
from assess.prioritise.links import Links, join
from assess.prioritise.readiness import readiness_from
from assess.scoring.results import ScoreResult

if TYPE_CHECKING:
    import networkx as nx

KINDS = ("capability", "technology", "programme")


def node_id(kind: str, ident: str) -> str:
    """Graph node id of a capability, technology or programme."""
    return f"{kind}:{ident}"


def _attrs(**values: Any) -> dict[str, Any]:
    """Node or edge attributes without the unknown (None) ones."""
    return {k: v for k, v in values.items() if v is not None}


def _rollup(pairs: list[tuple[float, float | None, float]]) -> tuple[float | None, float | None]:
    """Weighted mean current and target of (weight, current, target) triples."""
    total = current = target = 0.0
    for weight, score, goal in pairs:
        if score is not None:
            total += weight
            current += weight * score
            target += weight * goal
    if total <= 0:
        return None, None
    return current / total, target / total


def build_graph(model: DependencyModel, result: ScoreResult) -> nx.DiGraph:
    """The dependency graph of an assessment's capabilities, with their scores."""
    import networkx as nx

    links = join(model, result)
    graph = nx.DiGraph(organisation=result.organisation, date=result.date)
    domain_names = {d.id: d.name for d in result.domains}
    for cap in links.capabilities.values():
        entry = links.entries.get(cap.id)
        graph.add_node(node_id("capability", cap.id), **_attrs(
            kind="capability", id=cap.id, name=cap.name, domain=cap.domain,
            domain_name=domain_names.get(cap.domain),
            weight=float(cap.weight), risk=entry.risk if entry else None,
            current=cap.score, level=cap.level, target=cap.target, gap=cap.gap))
    under: dict[str, list[tuple[float, float | None, float]]] = {t: [] for t in links.technologies}
    for cap_id, techs in links.cap_technologies.items():
        cap = links.capabilities[cap_id]
        for tech, weight in techs:
            under[tech].append((weight, cap.score, cap.target))
    for technology in links.technologies.values():
        current, target = _rollup(under[technology.id])
        graph.add_node(node_id("technology", technology.id), **_attrs(
            kind="technology", id=technology.id, name=technology.name, current=current,
            target=target, gap=None if current is None or target is None
            else gap_of(target, current)))
    ready = {r.programme: r for r in readiness_from(links)}
    feeding = _programme_inputs(links)
    for programme in links.programmes.values():
        current, target = _rollup(feeding[programme.id])
        state = ready[programme.id]
        graph.add_node(node_id("programme", programme.id), **_attrs(
            kind="programme", id=programme.id, name=programme.name,
            weight=float(programme.weight),
            current=current, target=target, gap=None if current is None or
            target is None else gap_of(target, current),
            readiness=state.readiness, status=state.status))
    for cap_id, techs in links.cap_technologies.items():
        for tech, weight in techs:
            graph.add_edge(node_id("capability", cap_id), node_id("technology", tech),
                           kind="enables", weight=float(weight))
    for tech, progs in links.tech_programmes.items():
        for prog, weight in progs:
            graph.add_edge(node_id("technology", tech), node_id("programme", prog),
                           kind="enables", weight=float(weight))
    for cap_id, entry in links.entries.items():
        for pre in entry.prerequisites:
            if pre.capability in links.capabilities:
                graph.add_edge(node_id("capability", pre.capability),
                               node_id("capability", cap_id), kind="prerequisite",
                               level=pre.level, for_level=pre.for_level)
    return graph


def _programme_inputs(links: Links) -> dict[str, list[tuple[float, float | None, float]]]:
    inputs: dict[str, list[tuple[float, float | None, float]]] = {p: [] for p in links.programmes}
    for cap_id, reach in links.reach.items():
        cap = links.capabilities[cap_id]
        for prog, amount in reach:
            inputs[prog].append((amount, cap.score, cap.target))
    return inputs


def graph_dict(graph: nx.DiGraph) -> dict[str, Any]:
    """Plain data for JSON: nodes and edges in insertion order (so output is stable)."""
    return {
        "graph": dict(graph.graph),
        "nodes": [{"node": n, **attrs} for n, attrs in graph.nodes(data=True)],
        "edges": [{"source": u, "target": v, **attrs} for u, v, attrs in graph.edges(data=True)],
    }


def graph_json(graph: nx.DiGraph) -> str:
    """The graph as deterministic JSON."""
    return json.dumps(graph_dict(graph), indent=2, ensure_ascii=False) + "\n"


def graph_graphml(graph: nx.DiGraph) -> str:
    """The graph as GraphML (yEd, Gephi, Cytoscape read it)."""
    import networkx as nx

    return "\n".join(nx.generate_graphml(graph, prettyprint=True)) + "\n"


def render_graph(path: Path, fmt: str) -> str | bytes:
    """Load and score the assessment at ``path``; its graph as json, graphml (text) or an
    svg or png picture (bytes)."""
    from assess.load.workspace import load_workspace
    from assess.scoring import score_assessment

    ws = load_workspace(path)
    graph = build_graph(ws.dependencies, score_assessment(ws.scoring_inputs()))
    if fmt == "json":
        return graph_json(graph)
    if fmt == "graphml":
        return graph_graphml(graph)
    from assess.render.graph_picture import draw_graph

    return draw_graph(graph, fmt)
