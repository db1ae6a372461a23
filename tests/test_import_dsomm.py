"""``assess import-framework dsomm``: activities, levels and dependsOn, from the model format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .interop_support import run, score_json, write


def _model() -> dict[str, Any]:
    return {
        "Build and Deployment": {
            "Build": {
                "Defined build process": {
                    "uuid": "u1", "level": 1, "description": "A written build process.",
                    "assessment": "- Show the build definition\n- Show a build log",
                    "references": {"iso27001-2022": ["8.32"], "samm2": ["I-SB-A-1"],
                                   "openCRE": ["https://www.opencre.org/x"]}},
                "Signed artifacts": {"uuid": "u2", "level": 2, "dependsOn": ["u1", "Inventory"],
                                     "tags": ["supply-chain"]}},
            "Deployment": {
                "Inventory": {"uuid": "u3", "level": 1},
                "Rolling update": {"uuid": "u4", "level": 3, "dependsOn": ["Signed artifacts"]}}},
        "Test and Verification": {
            "Consolidation": {"Fix findings": {"uuid": "u5", "level": 2, "dependsOn": ["u4"]}}},
    }


def _write(tmp_path: Path, model: dict[str, Any]) -> Path:
    path = tmp_path / "model.yaml"
    path.write_text(yaml.safe_dump({"meta": {"version": "9.9", "released": "2026-01-01"}})
                    + "---\n" + yaml.safe_dump(model, sort_keys=False))
    return path


def _import(source: Path, out: Path) -> Any:
    return run("import-framework", "dsomm", source, "-o", out)


def test_a_model_imports_validates_and_scores_cumulatively(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _import(_write(tmp_path, _model()), out)
    assert result.exit_code == 0, result.output
    assert "not carried: activities 'tags' (1 with a value)" in result.stderr
    assert run("validate", out).exit_code == 0
    bd = yaml.safe_load((out / "questionnaires" / "build-and-deployment.yaml").read_text())
    first = bd["questions"][0]
    assert first["references"] == [{"standard": "iso27001-2022", "id": "8.32"},
                                   {"standard": "owasp-samm", "id": "I-SB-A-1"},
                                   "openCRE https://www.opencre.org/x"]
    assert first["evidence"] == ["Show the build definition", "Show a build log"]
    ids = {x["text"].split(":")[0]: x["id"] for x in bd["questions"]}
    write(out / "responses" / "build-and-deployment.t.yaml", {
        "schema_version": 1, "questionnaire": "build-and-deployment",
        "respondent": {"name": "T"}, "answers": {
            ids["Defined build process"]: {"value": "Yes"},
            ids["Signed artifacts"]: {"value": "Partly"},
            ids["Inventory"]: {"value": "Yes"}, ids["Rolling update"]: {"value": "yes"}}})
    caps = {c["id"]: c["score"] for c in score_json(out)["domains"][0]["capabilities"]}
    assert caps == {"build": 1.0, "deployment": 3.0}


def test_depends_on_across_sub_dimensions_becomes_prerequisites(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _import(_write(tmp_path, _model()), out).exit_code == 0
    deps = yaml.safe_load((out / "dependencies.yaml").read_text())
    pairs = {(c["capability"], p["capability"], p["for_level"], p["level"])
             for c in deps["capabilities"] for p in c["prerequisites"]}
    assert pairs == {("build", "deployment", 2, 1), ("deployment", "build", 3, 2),
                     ("consolidation", "deployment", 2, 3)}
    assessment = yaml.safe_load((out / "assessment.yaml").read_text())
    assert assessment["dependencies"] == {"file": "dependencies.yaml"}


def test_a_dangling_dependency_is_located(tmp_path: Path) -> None:
    model = _model()
    model["Build and Deployment"]["Build"]["Signed artifacts"]["dependsOn"] = ["u1", "u9"]
    source = _write(tmp_path, model)
    result = _import(source, tmp_path / "out")
    assert result.exit_code == 3
    line = result.stderr.strip()
    where = [ln.strip() for ln in source.read_text().splitlines()].index("- u9") + 1
    assert line.endswith("Build and Deployment.Build.Signed artifacts.dependsOn[1]: unknown "
                         "activity 'u9'")
    assert f"model.yaml:{where}:" in line
    assert not (tmp_path / "out").exists()


def test_a_dependency_cycle_is_located(tmp_path: Path) -> None:
    model = _model()
    model["Build and Deployment"]["Build"]["Defined build process"]["dependsOn"] = ["u5"]
    result = _import(_write(tmp_path, model), tmp_path / "out")
    assert result.exit_code == 3
    assert ("dependency cycle: Defined build process -> Fix findings -> Rolling update -> "
            "Signed artifacts -> Defined build process") in result.stderr


def test_a_missing_level_is_located(tmp_path: Path) -> None:
    model = _model()
    del model["Test and Verification"]["Consolidation"]["Fix findings"]["level"]
    result = _import(_write(tmp_path, model), tmp_path / "out")
    assert result.exit_code == 3
    assert result.stderr.strip().endswith("Test and Verification.Consolidation.Fix findings: "
                                          "missing required key 'level'")
