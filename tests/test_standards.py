"""The standards' catalogues and the shipped mapping sets: real ids, regenerable."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from assess.load.mappings import load_mapping_sets, load_standard
from assess.load.validation import validate_paths

from .interop_support import ROOT, SAMPLES

CSF_SAMPLE = SAMPLES / "ciso-assistant" / "nist-csf-2.0.yaml"
CAF_SAMPLE = SAMPLES / "ciso-assistant" / "ncsc-caf-4.0.yaml"


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("generate_mappings",
                                                  ROOT / "tools" / "generate_mappings.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generate_mappings"] = module
    spec.loader.exec_module(module)
    return module


def _sample_ids(path: Path) -> set[str]:
    if not path.is_file():
        pytest.skip(f"sample {path.name} not found beside the repository ({path.parent})")
    nodes = yaml.safe_load(path.read_text())["objects"]["framework"]["requirement_nodes"]
    return {node["ref_id"] for node in nodes}


def test_the_catalogues_and_mapping_sets_validate() -> None:
    lines = validate_paths([ROOT / "frameworks" / "standards", ROOT / "frameworks" / "mappings"])
    assert len(lines) == len(list((ROOT / "frameworks" / "standards").glob("*.yaml"))) + len(
        list((ROOT / "frameworks" / "mappings").glob("*.yaml")))
    assert all(line.startswith("ok  ") for line in lines)


def test_cis_v8_has_153_safeguards_in_nested_implementation_groups() -> None:
    cis = load_standard("cis-v8")
    assert cis is not None
    kinds = Counter(item.kind for item in cis.items)
    assert kinds == {"control": 18, "safeguard": 153}
    groups = Counter(g for item in cis.items for g in item.groups)
    assert (groups["IG1"], groups["IG2"], groups["IG3"]) == (56, 130, 153)
    for item in cis.items:
        if "IG1" in item.groups:
            assert "IG2" in item.groups


def test_csf_catalogue_matches_the_csf_sample() -> None:
    ids = _sample_ids(CSF_SAMPLE)
    csf = load_standard("nist-csf-2.0")
    assert csf is not None
    assert {item.id for item in csf.items} == ids
    kinds = Counter(item.kind for item in csf.items)
    assert (kinds["function"], kinds["category"]) == (6, 22)


def test_caf_catalogue_ids_exist_in_the_caf_sample() -> None:
    ids = _sample_ids(CAF_SAMPLE)
    caf = load_standard("ncsc-caf")
    assert caf is not None
    assert {item.id for item in caf.items} <= ids


def test_every_csf_id_in_the_shipped_mappings_exists_in_the_csf_sample() -> None:
    ids = _sample_ids(CSF_SAMPLE)
    targets = {m.target for ms in load_mapping_sets() if ms.target == "nist-csf-2.0"
               for m in ms.mappings}
    assert targets, "no shipped CSF mappings"
    assert targets <= ids, sorted(targets - ids)


def test_every_caf_id_in_the_shipped_mappings_exists_in_the_caf_sample() -> None:
    ids = _sample_ids(CAF_SAMPLE)
    targets = {m.target for ms in load_mapping_sets() if ms.target == "ncsc-caf"
               for m in ms.mappings}
    assert targets and targets <= ids, sorted(targets - ids)


def test_the_shipped_mapping_sets_are_what_the_generator_writes() -> None:
    files = _generator().generate(ROOT)
    shipped = {p.name: p.read_text() for p in (ROOT / "frameworks" / "mappings").glob("*.yaml")}
    stale = sorted(n for n in set(files) | set(shipped) if files.get(n) != shipped.get(n))
    assert not stale, ("out of date; run `python tools/generate_mappings.py`: "
                       + ", ".join(stale))


def test_the_generator_refuses_an_id_the_standard_does_not_have(tmp_path: Path) -> None:
    for folder in ("questionnaires", "frameworks/standards"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "frameworks/standards/cis-v8.yaml").write_text(
        (ROOT / "frameworks/standards/cis-v8.yaml").read_text())
    (tmp_path / "questionnaires/net.yaml").write_text(yaml.safe_dump({
        "id": "net", "name": "Net", "questions": [
            {"id": "NW-A-01", "references": ["CIS Controls v8 12.2", "CIS Controls v8 12.9"]}]}))
    with pytest.raises(ValueError, match=r"net.yaml: NW-A-01: cis-v8 has no '12.9'"):
        _generator().generate(tmp_path)


@pytest.mark.parametrize(("text", "expected"), [
    ("NIST CSF 2.0 PR.AA-03", ("nist-csf-2.0", "PR.AA-03")),
    ("NIST CSF 2.0 GV", ("nist-csf-2.0", "GV")),
    ("CIS Controls v8 6", ("cis-v8", "6")),
    ("CIS Controls v8 13.10", ("cis-v8", "13.10")),
    ("NCSC CAF B2.a", ("ncsc-caf", "B2.a")),
    ("ISO/IEC 27001:2022 A.5.23", None),
    ({"standard": "cis-v8", "id": "4.1"}, ("cis-v8", "4.1")),
])
def test_the_generator_reads_citations(text: object, expected: object) -> None:
    assert _generator().cited(text) == expected


@pytest.mark.parametrize(("kind", "key"), [("mapping", "relationship"), ("standard", "items")])
def test_the_new_kinds_have_a_schema(kind: str, key: str) -> None:
    from .interop_support import run

    result = run("schema", kind)
    assert result.exit_code == 0
    assert f'"{key}"' in result.stdout
