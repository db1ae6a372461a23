"""``assess crosswalk``: results rolled up onto a standard, directly or through a mapping set."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from assess.load.mappings import load_standard

from .interop_support import ROOT, run, workspace, write

LEVELS = {n: f"level {n}" for n in range(4)}


def _crosswalk(path: Path, target: str) -> dict[str, Any]:
    result = run("crosswalk", path, "--to", target, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_the_example_lists_every_csf_function_and_category_with_coverage() -> None:
    data = _crosswalk(ROOT / "examples" / "northshire", "nist-csf-2.0")
    assert data["target"] == "nist-csf-2.0"
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for item in data["items"]:
        assert set(item) >= {"id", "name", "kind", "score", "coverage", "questions"}
        assert 0 <= item["coverage"] <= 1
        by_kind.setdefault(item["kind"], []).append(item)
    assert [i["id"] for i in by_kind["function"]] == ["GV", "ID", "PR", "DE", "RS", "RC"]
    assert len(by_kind["category"]) == 22
    assert all(i["name"] for i in by_kind["function"] + by_kind["category"])
    # Tier scale: every score is within 1-4.
    assert all(1 <= i["score"] <= 4 for i in data["items"] if i["score"] is not None)
    untouched = [i["id"] for i in data["items"] if not i["questions"]]
    assert data["untouched"] == untouched


def _two_questions(tmp_path: Path, refs: tuple[Any, Any], values: tuple[Any, Any]) -> Path:
    q = {"id": "sec", "capabilities": [{"id": "iam", "name": "IAM"}], "questions": [
        {"id": "Q1", "capability": "iam", "text": "one?", "levels": LEVELS,
         "references": [refs[0]]},
        {"id": "Q2", "capability": "iam", "text": "two?", "levels": LEVELS, "weight": 3.0,
         "references": [refs[1]]}]}
    return workspace(tmp_path, framework={"id": "lv"}, questionnaire=q,
                     responses={"ann": {"Q1": {"value": values[0]}, "Q2": {"value": values[1]}}})


def test_scores_are_carried_onto_the_tiers_through_structured_references(
        tmp_path: Path) -> None:
    root = _two_questions(tmp_path, ({"standard": "nist-csf-2.0", "id": "PR.AA-01"},
                                     {"standard": "nist-csf-2.0", "id": "PR.AA-03"}), (3, 1))
    items = {i["id"]: i for i in _crosswalk(root, "nist-csf-2.0")["items"]}
    # Levels 0-3: level 3 is the top (position 1), level 1 is a third of the way.
    assert items["PR.AA-01"]["score"] == pytest.approx(4.0)
    assert items["PR.AA-03"]["score"] == pytest.approx(1 + 3 * (1 / 3))
    position = (1 * 1.0 + 3 * (1 / 3)) / 4            # weights 1 and 3
    assert items["PR.AA"]["score"] == pytest.approx(1 + 3 * position)
    assert items["PR.AA"]["maturity"] == pytest.approx(3 * position)
    assert items["PR.AA"]["questions"] == ["Q1", "Q2"]
    csf = load_standard("nist-csf-2.0")
    assert csf is not None
    subcategories = [i for i in csf.items if i.parent == "PR.AA"]
    assert items["PR.AA"]["coverage"] == pytest.approx(2 / len(subcategories))
    assert items["PR.DS"]["questions"] == [] and items["PR.DS"]["score"] is None


def test_an_unanswered_or_na_question_is_listed_but_not_scored(tmp_path: Path) -> None:
    root = _two_questions(tmp_path, ({"standard": "nist-csf-2.0", "id": "DE.CM-01"},
                                     {"standard": "nist-csf-2.0", "id": "DE.CM-01"}),
                          ("n/a", 2))
    item = next(i for i in _crosswalk(root, "nist-csf-2.0")["items"] if i["id"] == "DE.CM-01")
    assert item["questions"] == ["Q1", "Q2"]
    assert item["answered"] == 1
    assert item["score"] == pytest.approx(1 + 3 * (2 / 3))


def test_a_crosswalk_goes_through_a_mapping_set(tmp_path: Path) -> None:
    root = _two_questions(tmp_path, ({"standard": "nist-csf-2.0", "id": "PR.AA-01"},
                                     {"standard": "nist-csf-2.0", "id": "PR.AA-03"}), (3, 0))
    write(root / "frameworks" / "mappings" / "csf-to-iso.yaml", {
        "schema_version": 1, "id": "csf-to-iso", "name": "CSF to ISO", "source": "nist-csf-2.0",
        "target": "iso-test", "mappings": [
            {"source": "pr.aa-01", "target": "A.5.15", "relationship": "intersect"},
            {"source": "PR.AA-03", "target": "A.5.15", "relationship": "intersect"},
            {"source": "PR.AA-03", "target": "A.8.5", "relationship": "subset"},
            {"source": "GV.OC-01", "target": "4.1", "relationship": "equal"}]})
    data = _crosswalk(root, "iso-test")
    assert data["via"] == ["csf-to-iso"]
    items = {i["id"]: i for i in data["items"]}
    assert list(items) == ["A.5.15", "A.8.5", "4.1"]
    assert items["A.5.15"]["questions"] == ["Q1", "Q2"]
    assert items["A.5.15"]["score"] == pytest.approx(3 * (1 * 1.0 + 3 * 0.0) / 4)
    assert items["A.8.5"]["questions"] == ["Q2"]
    assert (items["4.1"]["questions"], items["4.1"]["coverage"]) == ([], 0.0)
    assert data["untouched"] == ["4.1"]


def test_an_unknown_standard_is_refused_with_the_known_ones(tmp_path: Path) -> None:
    result = run("crosswalk", ROOT / "examples" / "northshire", "--to", "iso-27001")
    assert result.exit_code == 3
    assert result.stderr == ("error: unknown standard 'iso-27001' (known: cis-v8, ncsc-caf, "
                             "nist-csf-2.0)\n")


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_human_formats_name_every_category(fmt: str) -> None:
    result = run("crosswalk", ROOT / "examples" / "northshire", "--to", "nist-csf-2.0",
                 "--format", fmt)
    assert result.exit_code == 0
    csf = load_standard("nist-csf-2.0")
    assert csf is not None
    for item in csf.items:
        if item.kind == "category":
            assert item.name in result.stdout


def _with_crosswalks(tmp_path: Path, targets: list[str]) -> Path:
    root = _two_questions(tmp_path, ({"standard": "nist-csf-2.0", "id": "PR.AA-01"},
                                     {"standard": "nist-csf-2.0", "id": "RS.MA-01"}), (3, 1))
    data = yaml.safe_load((root / "assessment.yaml").read_text())
    write(root / "assessment.yaml", {**data, "crosswalks": targets})
    return root


def test_the_report_has_a_crosswalk_appendix_when_the_assessment_asks(tmp_path: Path) -> None:
    root = _with_crosswalks(tmp_path, ["nist-csf-2.0"])
    out = tmp_path / "report.md"
    assert run("report", root, "--format", "markdown", "-o", out).exit_code == 0
    text = out.read_text()
    assert re.search(r"^## [A-Z] Crosswalks to standards$", text, flags=re.M)
    assert "| PR.AA | Identity Management, Authentication, and Access Control | 4.00 (Tier 4 " \
           "Adaptive) |" in text
    assert "| PR.AA-01 |" not in text                 # two upper levels only
    plain = _with_crosswalks(tmp_path / "plain", [])
    assert run("report", plain, "--format", "markdown", "-o", out).exit_code == 0
    assert "Crosswalks to standards" not in out.read_text()


def test_an_unknown_crosswalk_in_the_assessment_is_located(tmp_path: Path) -> None:
    root = _with_crosswalks(tmp_path, ["nist-csf-2.0", "nist-csf-1.1"])
    result = run("validate", root)
    assert result.exit_code == 3
    assert "assessment.yaml:" in result.stderr
    assert ("crosswalks[1]: unknown standard 'nist-csf-1.1' (known: cis-v8, ncsc-caf, "
            "nist-csf-2.0)") in result.stderr


def _grouped(tmp_path: Path) -> Path:
    """Two questions reaching safeguards of a small standard with implementation groups."""
    root = _two_questions(tmp_path, ({"standard": "grp", "id": "1.1"},
                                     {"standard": "grp", "id": "1.2"}), (3, 0))
    write(root / "frameworks" / "standards" / "grp.yaml", {
        "schema_version": 1, "id": "grp", "name": "Grouped", "source": "a test", "items": [
            {"id": "1", "name": "One", "kind": "control"},
            {"id": "1.1", "kind": "safeguard", "parent": "1", "groups": ["G1", "G2"]},
            {"id": "1.2", "kind": "safeguard", "parent": "1", "groups": ["G2"]},
            {"id": "1.3", "kind": "safeguard", "parent": "1", "groups": ["G2"]},
            {"id": "2", "name": "Two", "kind": "control"},
            {"id": "2.1", "kind": "safeguard", "parent": "2", "groups": ["G2"]}]})
    return root


def test_a_group_keeps_its_items_and_computes_coverage_over_them(tmp_path: Path) -> None:
    root = _grouped(tmp_path)
    every = {i["id"]: i for i in _crosswalk(root, "grp")["items"]}
    assert every["1"]["coverage"] == pytest.approx(2 / 3)
    assert every["1"]["score"] == pytest.approx(3 * (1 * 1.0 + 3 * 0.0) / 4)
    result = run("crosswalk", root, "--to", "grp", "--group", "g1", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["group"] == "G1"
    items = {i["id"]: i for i in data["items"]}
    assert list(items) == ["1", "1.1"]
    assert (items["1"]["coverage"], items["1"]["questions"]) == (1.0, ["Q1"])
    assert items["1"]["score"] == pytest.approx(3.0)
    table = run("crosswalk", root, "--to", "grp", "--group", "G1").stdout
    assert table.startswith("Grouped, implementation group G1: crosswalk")


def test_an_unknown_group_is_a_usage_error_listing_the_known_ones(tmp_path: Path) -> None:
    root = _grouped(tmp_path)
    result = run("crosswalk", root, "--to", "grp", "--group", "IG9")
    assert result.exit_code == 2
    assert "unknown implementation group 'IG9' of grp (known: G1, G2)" in result.stderr
    result = run("crosswalk", root, "--to", "nist-csf-2.0", "--group", "IG1")
    assert result.exit_code == 2
    assert "nist-csf-2.0 has no implementation groups" in result.stderr


def test_cis_ig1_lists_only_ig1_safeguards_under_their_controls() -> None:
    result = run("crosswalk", ROOT / "examples" / "northshire", "--to", "cis-v8",
                 "--group", "IG1", "--format", "json")
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)["items"]
    cis = load_standard("cis-v8")
    assert cis is not None
    ig1 = [i.id for i in cis.items if "IG1" in i.groups]
    safeguards = [i["id"] for i in items if i["kind"] == "safeguard"]
    assert safeguards == ig1
    controls = {i["id"] for i in items if i["kind"] == "control"}
    assert controls == {i.parent for i in cis.items if i.id in ig1}


def test_the_results_workbook_has_a_crosswalk_sheet_when_the_assessment_asks(
        tmp_path: Path) -> None:
    from openpyxl import load_workbook

    root = _grouped(tmp_path)
    standard = yaml.safe_load((root / "frameworks" / "standards" / "grp.yaml").read_text())
    standard["name"] = "=HYPERLINK(\"http://evil.example\",\"x\")"
    standard["items"][0]["name"] = "+44 20 7946 0000"
    write(root / "frameworks" / "standards" / "grp.yaml", standard)
    data = yaml.safe_load((root / "assessment.yaml").read_text())
    write(root / "assessment.yaml", {**data, "crosswalks": ["nist-csf-2.0", "grp"]})
    out = tmp_path / "report.xlsx"
    result = run("report", root, "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames[-2:] == ["Crosswalk", "Answers"]
    ws = wb["Crosswalk"]
    assert ws.tables and ws.auto_filter is not None
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth) == ("landscape", 1)
    assert ws.print_title_rows == "$1:$1"
    rows = list(ws.iter_rows(values_only=True))
    header, body = rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert header[:3] == ("Standard", "Id", "Name")
    standards = {r["Standard"] for r in body}
    csf = load_standard("nist-csf-2.0")
    assert csf is not None
    assert standards == {csf.name, standard["name"]}
    assert sum(1 for r in body if r["Standard"] != standard["name"]) == len(csf.items)
    one = next(r for r in body if r["Standard"] == standard["name"] and r["Id"] == "1")
    assert one["Name"] == "+44 20 7946 0000"
    assert isinstance(one["Score (indicative)"], float)
    assert one["Score (indicative)"] == pytest.approx(3 * (1 * 1.0 + 3 * 0.0) / 4)
    assert one["Coverage"] == pytest.approx(0.67)
    assert one["Questions"] == "Q1; Q2"
    cells = [c for row in ws.iter_rows() for c in row
             if c.value in (standard["name"], "+44 20 7946 0000")]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    plain = _grouped(tmp_path / "plain")
    assert run("report", plain, "--format", "xlsx", "-o", out).exit_code == 0
    assert "Crosswalk" not in load_workbook(out).sheetnames
