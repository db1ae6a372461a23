"""The dependency graph: nodes, edges, attributes, JSON and GraphML, and the picture."""

from __future__ import annotations

import io
import json
import struct
from itertools import pairwise

import networkx as nx
import pytest

from assess.graph import build_graph, graph_graphml, graph_json, node_id
from assess.load.workspace import load_workspace
from assess.prioritise.synthetic import synthetic
from assess.render.graph_picture import (
    AT_RISK,
    GAP_BINS,
    UNSCORED,
    draw_graph,
    gap_colour,
    layout,
)
from assess.scoring import score_assessment

from .conftest import DATA


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:
    ws = load_workspace(DATA / "prioritise" / "worked")
    return build_graph(ws.dependencies, score_assessment(ws.scoring_inputs()))


def test_nodes_carry_current_target_and_gap(graph: nx.DiGraph) -> None:
    kinds = [a["kind"] for _, a in graph.nodes(data=True)]
    assert kinds == ["capability"] * 4 + ["technology"] * 3 + ["programme"] * 2
    identity = graph.nodes[node_id("capability", "identity")]
    assert (identity["current"], identity["target"], identity["gap"], identity["risk"]) == (
        1.0, 3.0, 2.0, 5)
    # WAN is held up by network alone (2.0 against its target 2)
    wan = graph.nodes[node_id("technology", "wan")]
    assert (wan["current"], wan["target"], wan["gap"]) == (2.0, 2.0, 0.0)
    # the landing zone: cloud (weight 1.0, 1 of 3) and backup (0.5, 3 of 3)
    lz = graph.nodes[node_id("technology", "lz")]
    assert (lz["current"], lz["target"]) == (pytest.approx(5 / 3, abs=1e-4), 3.0)
    digital = graph.nodes[node_id("programme", "digital")]
    assert (digital["readiness"], digital["status"], digital["weight"]) == (
        pytest.approx(11 / 27, abs=1e-12), "at risk", 5.0)


def test_enables_and_prerequisite_edges(graph: nx.DiGraph) -> None:
    edge = graph.edges[node_id("capability", "cloud"), node_id("technology", "idp")]
    assert edge == {"kind": "enables", "weight": 0.5}
    edge = graph.edges[node_id("technology", "idp"), node_id("programme", "ops")]
    assert edge == {"kind": "enables", "weight": 0.5}
    # prerequisite edges run from the capability needed to the one needing it
    edge = graph.edges[node_id("capability", "network"), node_id("capability", "cloud")]
    assert edge == {"kind": "prerequisite", "level": 3, "for_level": 3}
    assert graph.number_of_edges() == 5 + 5 + 2
    assert nx.is_directed_acyclic_graph(graph)


def test_json_and_graphml_round_trip(graph: nx.DiGraph) -> None:
    data = json.loads(graph_json(graph))
    assert data["nodes"][0] == {"node": "capability:identity", "kind": "capability",
                                "id": "identity", "name": "Identity", "domain": "infra",
                                "domain_name": "Infrastructure",
                                "weight": 1.5, "risk": 5, "current": 1.0, "level": 1,
                                "target": 3.0, "gap": 2.0}
    assert {"source": "capability:identity", "target": "capability:cloud",
            "kind": "prerequisite", "level": 2, "for_level": 2} in data["edges"]
    back = nx.read_graphml(io.BytesIO(graph_graphml(graph).encode("utf-8")))
    assert sorted(back.nodes) == sorted(graph.nodes)
    assert back.nodes["programme:ops"]["readiness"] == pytest.approx(0.641, abs=1e-3)


def test_unscored_capability_has_no_score_attributes() -> None:
    model, result = synthetic(60, seed=1)
    graph = build_graph(model, result)
    unscored = [a for _, a in graph.nodes(data=True)
                if a["kind"] == "capability" and "current" not in a]
    assert unscored and all("gap" not in a and "target" in a for a in unscored)
    graph_graphml(graph)  # GraphML refuses None values: none may be left


def test_gap_colours_use_the_bins() -> None:
    assert gap_colour(None) == UNSCORED
    assert gap_colour(0.0) == GAP_BINS[0][1]
    assert gap_colour(0.5) == GAP_BINS[1][1]
    assert gap_colour(0.51) == GAP_BINS[2][1]
    assert gap_colour(1.9) == GAP_BINS[4][1]
    assert gap_colour(3.0) == GAP_BINS[5][1]


def test_layout_is_layered_left_to_right(graph: nx.DiGraph) -> None:
    picture = layout(graph)
    xs = {b.kind: set() for b in picture.boxes}  # type: dict[str, set[float]]
    for box in picture.boxes:
        xs[box.kind].add(box.x)
    assert xs == {"capability": {0.0}, "technology": {1.0}, "programme": {2.0}}
    assert len(picture.boxes) == graph.number_of_nodes()
    caps = [b for b in picture.boxes if b.kind == "capability"]
    assert [b.label for b in caps] == ["Identity", "Network", "Cloud platform", "Backup"]
    assert [b.y for b in caps] == sorted((b.y for b in caps), reverse=True)
    assert picture.box("capability:identity").colour == gap_colour(2.0)
    assert picture.box("capability:identity").detail == "1.00 / 3"
    progs = [b for b in picture.boxes if b.kind == "programme"]
    assert all(b.at_risk for b in progs)
    assert picture.box("programme:ops").detail == "readiness 64%"
    assert picture.prerequisites == [("capability:identity", "capability:cloud"),
                                     ("capability:network", "capability:cloud")]
    assert picture.domains == [("Infrastructure", 0.0)]


def test_layout_of_a_large_model_keeps_rows_apart() -> None:
    model, result = synthetic(80, seed=2)
    picture = layout(build_graph(model, result))
    ys = sorted(b.y for b in picture.boxes if b.kind == "capability")
    assert min(b - a for a, b in pairwise(ys)) >= 1.0
    techs = sorted(b.y for b in picture.boxes if b.kind == "technology")
    assert min(b - a for a, b in pairwise(techs)) > 1.0


def test_png_is_drawn_with_a_height_that_grows_with_the_model(graph: nx.DiGraph) -> None:
    png = draw_graph(graph, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert width > 1500 and height > 300
    model, result = synthetic(80, seed=2)
    big = draw_graph(build_graph(model, result), "png")
    assert struct.unpack(">II", big[16:24])[1] > 5 * height


def test_svg_is_deterministic_text(graph: nx.DiGraph) -> None:
    one = draw_graph(graph, "svg")
    assert one == draw_graph(graph, "svg")
    text = one.decode("utf-8")
    assert "Identity platform" in text and "AT RISK" in text
    assert AT_RISK.lower() in text.lower()
