"""`assess score --disagreements`: the questions to discuss, most spread first."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main

from .workshop_support import mini_copy

CARL = """\
schema_version: 1
questionnaire: alpha
respondent: {name: Carl, role: Architect}
answers:
  AL-A-01: {value: 5, confidence: low, notes: "=cmd|' /C calc'!A0", evidence: [roadmap]}
  AL-A-02: {value: 2}
  AL-B-02: {value: 4, notes: "we | they <b>"}
"""
DEE = """\
schema_version: 1
questionnaire: alpha
respondent: {name: Dee}
answers:
  AL-B-02: {value: 1, confidence: high}
"""
CONSENSUS = """\
schema_version: 1
questionnaire: alpha
consensus: true
answers:
  AL-A-02: {value: 2, notes: agreed in the room}
"""


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = mini_copy(tmp_path, responses=True)
    (root / "responses" / "alpha.carl.yaml").write_text(CARL)
    (root / "responses" / "alpha.dee.yaml").write_text(DEE)
    return root


def _run(mini: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["score", str(mini), "--disagreements", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_table_lists_most_spread_first_with_answers_and_notes(mini: Path) -> None:
    assert _run(mini) == """\
Mini Ltd — questions to discuss, 2026-01-15
(answers differing by the disagreement threshold or more; most spread first)

1. AL-A-01  spread 4.00  ·  Alpha / Alpha capability  ·  combined 3
   First alpha question?
     Ann (CIO)              1  high
     Bob (Engineer)         3  medium
     Carl (Architect)       5  low
       notes: =cmd|' /C calc'!A0
       evidence: roadmap

2. AL-B-02  spread 3.00  ·  Alpha / Beta capability  ·  combined 2.5
   Second beta question?
     Dee                    1  high
     Carl (Architect)       4  –
       notes: we | they <b>

3. AL-A-02  spread 2.00  ·  Alpha / Alpha capability  ·  combined 2
   Second alpha question?
     Bob (Engineer)         1  –
     Carl (Architect)       2  –
     Ann (CIO)              3  low
"""


def test_json_is_deterministic_and_complete(mini: Path) -> None:
    text = _run(mini, "--format", "json")
    assert text == _run(mini, "--format", "json")
    data = json.loads(text)
    assert [(d["rank"], d["id"], d["spread"]) for d in data["disagreements"]] == [
        (1, "AL-A-01", 4.0), (2, "AL-B-02", 3.0), (3, "AL-A-02", 2.0)]
    first = data["disagreements"][0]
    assert first["domain"] == "alpha" and first["capability"] == "alpha_cap"
    assert first["answers"][2] == {"respondent": "Carl", "role": "Architect", "value": 5,
                                   "confidence": "low", "notes": "=cmd|' /C calc'!A0",
                                   "evidence": ["roadmap"]}
    assert data["settled"] == []


def test_csv_neutralises_formulas(mini: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_run(mini, "--format", "csv"))))
    assert len(rows) == 3 + 2 + 3  # one row per respondent's answer
    carl = next(r for r in rows if r["question"] == "AL-A-01" and r["respondent"] == "Carl")
    assert carl["notes"] == "'=cmd|' /C calc'!A0"
    assert carl["answer"] == "5" and carl["rank"] == "1"


def test_markdown_escapes(mini: Path) -> None:
    text = _run(mini, "--format", "markdown")
    assert "## 2. AL-B-02 — Second beta question?" in text
    assert r"| Carl | Architect | 4 | – | we \| they &lt;b&gt; | – |" in text


def test_consensus_settles_a_question(mini: Path) -> None:
    (mini / "responses" / "alpha.consensus.yaml").write_text(CONSENSUS)
    data = json.loads(_run(mini, "--format", "json"))
    assert [d["id"] for d in data["disagreements"]] == ["AL-A-01", "AL-B-02"]
    assert data["settled"] == ["AL-A-02"]
    assert _run(mini).endswith("\n1 further flagged question already settled by a consensus "
                               "answer: AL-A-02.\n")


def test_nothing_to_discuss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    root = mini_copy(tmp_path, responses=True)
    (root / "responses" / "alpha.bob.yaml").unlink()
    assert "No questions to discuss" in _run(root)
    assert json.loads(_run(root, "--format", "json"))["disagreements"] == []


def test_cannot_combine_with_other_views(mini: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["score", str(mini), "--disagreements", "--questions"])
    assert result.exit_code == 2
    assert "--disagreements cannot be combined" in result.output
