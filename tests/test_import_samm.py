"""``assess import-framework samm``: the SAMM model scores by the SAMM toolbox rules."""

from __future__ import annotations

import random
import statistics
from pathlib import Path
from typing import Any

import pytest
import yaml

from .interop_support import SAMPLES, run, score_json, write

SAMM = SAMPLES / "owasp-samm"


def _import(source: Path, out: Path) -> Any:
    return run("import-framework", "samm", source, "-o", out)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (SAMM / "model").is_dir():
        pytest.skip(f"the SAMM sample is not beside the repository ({SAMM})")
    out = tmp_path_factory.mktemp("samm") / "samm"
    result = _import(SAMM, out)
    assert result.exit_code == 0, result.output
    return out


def test_the_import_validates_and_names_what_it_cannot_carry(imported: Path) -> None:
    result = run("validate", imported)
    assert result.exit_code == 0, result.output
    notes = _import(SAMM, imported.parent / "again").stderr
    assert "not carried: activities 'longDescription'" in notes
    assert "added: level 0 'Not started'" in notes


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scores_agree_with_the_samm_toolbox_rules(imported: Path, seed: int,
                                                  tmp_path: Path) -> None:
    rng = random.Random(seed)
    fw = yaml.safe_load((imported / "frameworks" / "owasp-samm.yaml").read_text())
    work = tmp_path / "work"
    (work / "responses").mkdir(parents=True)
    for folder in ("frameworks", "questionnaires"):
        (work / folder).mkdir()
        for path in (imported / folder).glob("*.yaml"):
            (work / folder / path.name).write_text(path.read_text())
    (work / "assessment.yaml").write_text((imported / "assessment.yaml").read_text())
    expected_functions: dict[str, float] = {}
    for path in sorted((imported / "questionnaires").glob("*.yaml")):
        q = yaml.safe_load(path.read_text())
        answers, values = {}, {}
        for question in q["questions"]:
            entry = rng.choice(fw["answer_sets"][question["answer_set"]])
            answers[question["id"]] = {"value": rng.choice([entry["label"], entry["value"]])}
            values[question["id"]] = entry["value"]
        write(work / "responses" / f"{q['id']}.tester.yaml",
              {"schema_version": 1, "questionnaire": q["id"],
               "respondent": {"name": "Tester"}, "answers": answers})
        practice_scores = []
        for cap in q["capabilities"]:
            mine = [x for x in q["questions"] if x["capability"] == cap["id"]]
            total = 0.0
            for level in sorted({x["level"] for x in mine}):
                streams = {}
                for x in mine:
                    if x["level"] == level:
                        streams.setdefault(x["stream"], []).append(values[x["id"]])
                total += statistics.fmean(statistics.fmean(v) for v in streams.values())
            practice_scores.append(total)
        expected_functions[q["id"]] = statistics.fmean(practice_scores)
    data = score_json(work)
    got = {d["id"]: d["score"] for d in data["domains"]}
    assert got.keys() == expected_functions.keys()
    for ident, score in expected_functions.items():
        assert got[ident] == pytest.approx(score, abs=1e-9)
    assert data["overall"]["score"] == pytest.approx(
        statistics.fmean(expected_functions.values()), abs=1e-9)


def _model(root: Path) -> Path:
    """A two-question SAMM model of our own, to break in each test."""
    model = root / "model"
    docs = {
        "business_functions/f.yml": {"id": "f1", "name": "Design", "order": 1},
        "security_practices/p.yml": {"id": "p1", "function": "f1", "name": "Threat Assessment",
                                     "shortName": "TA"},
        "streams/a.yml": {"id": "s1", "practice": "p1", "letter": "A", "name": "Risk"},
        "maturity_levels/1.yml": {"id": "m1", "number": 1, "description": "first"},
        "practice_levels/pl.yml": {"id": "pl1", "practice": "p1", "maturityLevel": "m1"},
        "activities/a1.yml": {"id": "a1", "stream": "s1", "level": "pl1", "title": "Do it"},
        "questions/q1.yml": {"id": "q1", "activity": "a1", "answerSet": "as1",
                             "text": "Do you?"},
        "answer_sets/Y.yml": {"id": "as1", "values": [{"text": False, "value": 0},
                                                      {"text": True, "value": 1}]},
    }
    for rel, data in docs.items():
        write(model / rel, data)
    return model


def test_a_small_model_of_our_own_imports_and_reads_unquoted_no_as_no(tmp_path: Path) -> None:
    result = _import(_model(tmp_path), tmp_path / "out")
    assert result.exit_code == 0, result.output
    fw = yaml.safe_load((tmp_path / "out" / "frameworks" / "owasp-samm.yaml").read_text())
    assert [e["name"] for e in fw["answer_sets"]["Y"]] == ["No", "Yes"]
    assert run("validate", tmp_path / "out").exit_code == 0


def test_a_dangling_link_is_located_in_the_source(tmp_path: Path) -> None:
    model = _model(tmp_path)
    write(model / "questions" / "q1.yml", {"id": "q1", "activity": "a9", "answerSet": "as1",
                                           "text": "Do you?"})
    result = _import(model, tmp_path / "out")
    assert result.exit_code == 3
    assert result.stderr.strip().endswith("q1.yml:2: activity: unknown activity 'a9'")
    assert not (tmp_path / "out").exists()


def test_a_missing_field_is_located_in_the_source(tmp_path: Path) -> None:
    model = _model(tmp_path)
    write(model / "streams" / "a.yml", {"id": "s1", "practice": "p1", "name": "Risk"})
    result = _import(model, tmp_path / "out")
    assert result.exit_code == 3
    assert result.stderr.strip().endswith("a.yml:1: <root>: missing required key 'letter'")
