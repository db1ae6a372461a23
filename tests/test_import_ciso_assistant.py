"""``assess import-framework ciso-assistant``: framework libraries and mapping sets."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from .interop_support import SAMPLES, run, score_json, write

LIBS = SAMPLES / "ciso-assistant"


def _sample(name: str) -> Path:
    path = LIBS / name
    if not path.is_file():
        pytest.skip(f"sample {name} not found beside the repository ({LIBS})")
    return path


def _import(source: Path, out: Path, *extra: str) -> Any:
    return run("import-framework", "ciso-assistant", source, "-o", out, *extra)


def _answer_everything(root: Path, seed: int = 7) -> None:
    """One respondent answering every question with a random answer of the scale."""
    rng = random.Random(seed)
    fw_file = next((root / "frameworks").glob("*.yaml"))
    scale = [e["label"] for e in yaml.safe_load(fw_file.read_text())["answer_scale"]]
    for path in sorted((root / "questionnaires").glob("*.yaml")):
        q = yaml.safe_load(path.read_text())
        write(root / "responses" / f"{q['id']}.tester.yaml", {
            "schema_version": 1, "questionnaire": q["id"], "respondent": {"name": "Tester"},
            "answers": {x["id"]: {"value": rng.choice(scale)} for x in q["questions"]}})


def _crosswalk(root: Path, target: str) -> dict[str, Any]:
    result = run("crosswalk", root, "--to", target, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_the_csf_library_imports_validates_scores_and_crosswalks(tmp_path: Path) -> None:
    out = tmp_path / "csf"
    result = _import(_sample("nist-csf-2.0.yaml"), out)
    assert result.exit_code == 0, result.output
    assert "not carried: requirement nodes 'reference_controls'" in result.stderr
    assert run("validate", out).exit_code == 0
    _answer_everything(out)
    data = score_json(out)
    assert len(data["domains"]) == 6
    assert sum(len(d["capabilities"]) for d in data["domains"]) == 22
    assert data["overall"]["coverage"] == 1.0
    assert 1 <= data["overall"]["score"] <= 4          # on the CSF's own scores 1-4
    crosswalk = _crosswalk(out, "nist-csf-2.0")
    for item in crosswalk["items"]:
        assert item["coverage"] == 1.0 and item["score"] is not None, item["id"]


def test_a_crosswalk_goes_through_the_csf_to_iso_mapping_sample(tmp_path: Path) -> None:
    out = tmp_path / "csf"
    assert _import(_sample("nist-csf-2.0.yaml"), out).exit_code == 0
    mapping = _sample("mapping-nist-csf-2.0-to-iso27001-2022.yaml")
    result = _import(mapping, out)
    assert result.exit_code == 0, result.output
    assert run("validate", out).exit_code == 0
    library = yaml.safe_load(mapping.read_text())
    forward = next(ms for ms in library["objects"]["requirement_mapping_sets"]
                   if ms["source_framework_urn"].endswith(":nist-csf-2.0"))
    targets = {m["target_requirement_urn"].rsplit(":", 1)[-1]
               for m in forward["requirement_mappings"]}
    _answer_everything(out)
    data = _crosswalk(out, "iso27001-2022")
    assert data["via"] == ["mapping-nist-csf-2.0-to-iso27001-2022"]
    assert {i["id"] for i in data["items"]} == targets
    assert all(i["questions"] and i["score"] is not None for i in data["items"])


def test_the_caf_library_imports_validates_and_scores(tmp_path: Path) -> None:
    out = tmp_path / "caf"
    result = _import(_sample("ncsc-caf-4.0.yaml"), out)
    assert result.exit_code == 0, result.output
    assert "three-step compliance scale" in result.stderr
    assert run("validate", out).exit_code == 0
    _answer_everything(out)
    data = score_json(out)
    assert [d["name"] for d in data["domains"]] and data["overall"]["coverage"] == 1.0


def _library(**framework: Any) -> dict[str, Any]:
    """A small library of our own: two top-level nodes, implementation groups, scores."""
    base = "urn:test:risk:req_node:mini"
    nodes = [
        {"urn": f"{base}:a", "ref_id": "A", "name": "Alpha", "assessable": False, "depth": 1},
        {"urn": f"{base}:a.1", "ref_id": "A.1", "name": "Alpha one", "assessable": False,
         "depth": 2, "parent_urn": f"{base}:a"},
        {"urn": f"{base}:a.1.1", "ref_id": "A.1.1", "description": "Do the first thing",
         "assessable": True, "depth": 3, "parent_urn": f"{base}:a.1",
         "implementation_groups": ["G1", "G2"], "annotation": "Ask for the register"},
        {"urn": f"{base}:a.1.2", "ref_id": "1.2 b", "description": "Do the second thing",
         "assessable": True, "depth": 3, "parent_urn": f"{base}:a.1",
         "implementation_groups": ["G2"], "threats": ["urn:x"]},
        {"urn": f"{base}:b", "ref_id": "B", "name": "Beta", "assessable": True, "depth": 1},
    ]
    fw = {"urn": "urn:test:risk:framework:mini-1.0", "ref_id": "MINI", "name": "Mini",
          "scores_definition": [{"score": 0, "name": "None"}, {"score": 1, "name": "Some"},
                                {"score": 2, "name": "All"}],
          "implementation_groups_definition": [{"ref_id": "G1", "name": "Group one"},
                                               {"ref_id": "G2", "name": "Group two"}],
          "requirement_nodes": nodes, **framework}
    return {"urn": "urn:test:risk:library:mini", "ref_id": "mini", "name": "Mini",
            "objects": {"framework": fw, "requirement_mapping_sets": [{
                "urn": "urn:test:risk:req_mapping_set:mini-to-other", "ref_id": "mini-to-other",
                "name": "Mini to other",
                "source_framework_urn": "urn:test:risk:framework:mini-1.0",
                "target_framework_urn": "urn:test:risk:framework:other",
                "requirement_mappings": [
                    {"source_requirement_urn": f"{base}:a.1.1",
                     "target_requirement_urn": "urn:test:risk:req_node:other:x.1",
                     "relationship": "equal", "strength_of_relationship": 8},
                    {"source_requirement_urn": f"{base}:b",
                     "target_requirement_urn": "urn:test:risk:req_node:other:x.2",
                     "relationship": "not_related"}]}]}}


def test_a_library_of_our_own_carries_groups_scores_and_mappings(tmp_path: Path) -> None:
    source = write(tmp_path / "mini.yaml", _library())
    out = tmp_path / "out"
    result = _import(source, out)
    assert result.exit_code == 0, result.output
    assert "not carried: requirement nodes 'threats' (1 with a value)" in result.stderr
    assert "not carried: 1 mappings of mini-to-other whose relationship" in result.stderr
    fw = yaml.safe_load((out / "frameworks" / "mini-1.0.yaml").read_text())
    assert [(lv["level"], lv["name"]) for lv in fw["levels"]] == [(0, "None"), (1, "Some"),
                                                                  (2, "All")]
    alpha = yaml.safe_load((out / "questionnaires" / "mini-1.0.a.yaml").read_text())
    assert [p["id"] for p in alpha["profiles"]] == ["g1", "g2"]
    assert [(x["id"], x.get("profiles")) for x in alpha["questions"]] == [
        ("A.1.1", ["g1", "g2"]), ("R-1.2-b", ["g2"])]
    assert alpha["questions"][1]["references"] == [{"standard": "mini-1.0", "id": "1.2 b"}]
    beta = yaml.safe_load((out / "questionnaires" / "mini-1.0.b.yaml").read_text())
    assert [x["id"] for x in beta["questions"]] == ["B"]
    ms = yaml.safe_load((out / "frameworks" / "mappings" / "mini-to-other.yaml").read_text())
    assert ms["mappings"] == [{"source": "a.1.1", "target": "x.1", "relationship": "equal",
                               "strength": 0.8}]
    assert run("validate", out).exit_code == 0
    data = yaml.safe_load((out / "assessment.yaml").read_text())
    write(out / "assessment.yaml", {**data, "profile": "g1"})
    write(out / "responses" / "mini-1.0.a.t.yaml", {
        "schema_version": 1, "questionnaire": "mini-1.0.a", "respondent": {"name": "T"},
        "answers": {"A.1.1": {"value": 2}, "R-1.2-b": {"value": 0}}})
    domain = score_json(out)["domains"][0]
    assert domain["score"] == 2.0          # only the G1 question counts under profile g1


def test_a_dangling_parent_is_located(tmp_path: Path) -> None:
    library = _library()
    library["objects"]["framework"]["requirement_nodes"][1]["parent_urn"] = "urn:nowhere"
    result = _import(write(tmp_path / "mini.yaml", library), tmp_path / "out")
    assert result.exit_code == 3
    assert result.stderr.strip().endswith(
        "objects.framework.requirement_nodes[1].parent_urn: unknown parent 'urn:nowhere'")
    assert not (tmp_path / "out").exists()


def test_a_parent_cycle_is_located(tmp_path: Path) -> None:
    library = _library()
    nodes = library["objects"]["framework"]["requirement_nodes"]
    nodes[0]["parent_urn"] = nodes[2]["urn"]
    result = _import(write(tmp_path / "mini.yaml", library), tmp_path / "out")
    assert result.exit_code == 3
    assert "requirement_nodes[0].parent_urn: parent cycle: urn:test:risk:req_node:mini:a -> " \
           "urn:test:risk:req_node:mini:a.1.1 -> urn:test:risk:req_node:mini:a.1 -> " \
           "urn:test:risk:req_node:mini:a" in result.stderr


def test_missing_fields_are_located(tmp_path: Path) -> None:
    library = _library()
    del library["objects"]["framework"]["requirement_nodes"][2]["urn"]
    del library["objects"]["requirement_mapping_sets"][0]["target_framework_urn"]
    result = _import(write(tmp_path / "mini.yaml", library), tmp_path / "out")
    assert result.exit_code == 3
    assert "requirement_nodes[2]: missing required key 'urn'" in result.stderr
    library = _library()
    del library["objects"]["requirement_mapping_sets"][0]["target_framework_urn"]
    result = _import(write(tmp_path / "mini.yaml", library), tmp_path / "out")
    assert "requirement_mapping_sets[0]: missing required key 'target_framework_urn'" \
        in result.stderr


def test_an_import_never_overwrites_without_force(tmp_path: Path) -> None:
    source = write(tmp_path / "mini.yaml", _library())
    out = tmp_path / "out"
    assert _import(source, out).exit_code == 0
    again = _import(source, out)
    assert again.exit_code == 3
    assert "would overwrite assessment.yaml, frameworks/mappings/mini-to-other.yaml" \
        in again.stderr
    assert _import(source, out, "--force").exit_code == 0
