"""Format growth for imported models: dotted ids, answer sets per question, profiles,
report titles, lint rules switched off by name, structured references."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from assess.errors import InvalidInput
from assess.load.workspace import load_workspace
from assess.models import Question, StructuredReference, reference_text

from .interop_support import run, score_json, workspace, write
from .report_support import deck_text, docx_text

SCALE = [{"label": "No", "name": "No", "value": 0.0},
         {"label": "Yes", "name": "Yes", "value": 1.0}]
SETS = {"Z": [{"label": "Never", "name": "Never", "value": 0.0},
              {"label": "Sometimes", "name": "Sometimes", "value": 0.5},
              {"label": "Always", "name": "Always", "value": 1.0}]}
SAMM = {"id": "samm.v2-test", "answer_scale": SCALE, "answer_sets": SETS,
        "method": {"name": "sum_of_level_means", "params": {"streams": ["A", "B"]}}}


def _practices(*extra: dict[str, Any]) -> dict[str, Any]:
    questions = [
        {"id": "Q1A", "capability": "cap", "text": "a?", "level": 1, "stream": "A"},
        {"id": "Q1B", "capability": "cap", "text": "b?", "level": 1, "stream": "B",
         "answer_set": "Z"},
        *extra,
    ]
    return {"id": "dom.ain", "capabilities": [{"id": "cap", "name": "Cap"}],
            "questions": questions}


def test_dotted_ids_and_answer_sets_score(tmp_path: Path) -> None:
    root = workspace(tmp_path, framework=SAMM, questionnaire=_practices(),
                     responses={"ann": {"Q1A": {"value": "Yes"}, "Q1B": {"value": "Sometimes"}}})
    data = score_json(root)
    assert data["assessment"]["framework"] == "samm.v2-test"
    cap = data["domains"][0]["capabilities"][0]
    assert cap["score"] == pytest.approx((1.0 + 0.5) / 2)


def test_an_answer_off_the_questions_own_set_is_refused(tmp_path: Path) -> None:
    root = workspace(tmp_path, framework=SAMM, questionnaire=_practices(),
                     responses={"ann": {"Q1A": {"value": "Sometimes"}, "Q1B": {"value": "Yes"}}})
    with pytest.raises(InvalidInput) as err:
        load_workspace(root)
    messages = [f"{p.path}: {p.message}" for p in err.value.problems]
    assert any(m.startswith("answers.Q1A.value: 'Sometimes' is not on the answer scale")
               for m in messages)
    assert any(m.startswith("answers.Q1B.value: 'Yes' is not on the answer scale")
               for m in messages)


def test_an_unknown_answer_set_is_located(tmp_path: Path) -> None:
    extra = {"id": "Q2A", "capability": "cap", "text": "c?", "level": 2, "stream": "A",
             "answer_set": "nope"}
    root = workspace(tmp_path, framework=SAMM, questionnaire=_practices(extra))
    with pytest.raises(InvalidInput) as err:
        load_workspace(root)
    assert [(p.path, p.message) for p in err.value.problems] == [
        ("questions[2].answer_set", "unknown answer set 'nope' (known: Z)")]


def _profiled() -> dict[str, Any]:
    return {"id": "checks", "profiles": [{"id": "ig1", "name": "Group 1"},
                                         {"id": "ig2", "name": "Group 2"}],
            "capabilities": [{"id": "basic", "name": "Basic"}, {"id": "extra", "name": "Extra"}],
            "questions": [
                {"id": "B1", "capability": "basic", "text": "b1?", "profiles": ["ig1", "ig2"],
                 "levels": {n: f"d{n}" for n in range(4)}},
                {"id": "B2", "capability": "basic", "text": "b2?", "profiles": ["ig2"],
                 "levels": {n: f"e{n}" for n in range(4)}},
                {"id": "X1", "capability": "extra", "text": "x1?", "profiles": ["ig2"],
                 "levels": {n: f"f{n}" for n in range(4)}}]}


def test_a_profile_scopes_the_questions(tmp_path: Path) -> None:
    answers = {"B1": {"value": 1}, "B2": {"value": 3}, "X1": {"value": 2}}
    root = workspace(tmp_path, framework={"id": "lv"}, questionnaire=_profiled(),
                     responses={"ann": answers}, profile="ig1")
    domain = score_json(root)["domains"][0]
    assert [(c["id"], c["score"]) for c in domain["capabilities"]] == [("basic", 1.0)]
    write(root / "assessment.yaml", {"schema_version": 1, "organisation": "T",
                                     "date": "2026-01-05", "framework": "lv",
                                     "questionnaires": ["checks"], "profile": "ig2"})
    domain = score_json(root)["domains"][0]
    assert [(c["id"], c["score"]) for c in domain["capabilities"]] == [("basic", 2.0),
                                                                       ("extra", 2.0)]


def test_an_unknown_profile_is_located(tmp_path: Path) -> None:
    root = workspace(tmp_path / "a", framework={"id": "lv"}, questionnaire=_profiled(),
                     profile="cmmc-l1")
    with pytest.raises(InvalidInput) as err:
        load_workspace(root)
    assert [(p.path, p.message) for p in err.value.problems] == [
        ("profile", "unknown profile 'cmmc-l1' (profiles of the questionnaires in scope: "
                    "ig1, ig2)")]
    q = _profiled()
    q["questions"][0]["profiles"] = ["ig9"]
    root = workspace(tmp_path / "b", framework={"id": "lv"}, questionnaire=q)
    with pytest.raises(InvalidInput) as err:
        load_workspace(root)
    assert [(p.path, p.message) for p in err.value.problems] == [
        ("questions[0].profiles[0]", "unknown profile 'ig9' (known: ig1, ig2)")]


def test_the_framework_names_the_report(tmp_path: Path) -> None:
    root = workspace(tmp_path, framework={"id": "lv", "report_title": "Cyber posture review"},
                     questionnaire=_profiled(), responses={"ann": {"B1": {"value": 1}}})
    out = tmp_path / "report.md"
    result = run("report", root, "--format", "markdown", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_text().splitlines()[0].endswith("Cyber posture review")


def test_the_report_speaks_of_the_frameworks_subject(tmp_path: Path) -> None:
    root = workspace(tmp_path, framework={"id": "lv", "report_subject": "software assurance"},
                     questionnaire=_profiled(), responses={"ann": {"B1": {"value": 1}}})
    for fmt in ("markdown", "html", "docx", "pptx"):
        out = tmp_path / f"report.{'md' if fmt == 'markdown' else fmt}"
        result = run("report", root, "--format", fmt, "-o", out)
        assert result.exit_code == 0, result.output
        if fmt == "pptx":  # the deck's title follows the framework's title
            assert "infrastructure and digital" not in deck_text(out.read_bytes()).lower()
            continue
        text = docx_text(out) if fmt == "docx" else out.read_text()
        assert "infrastructure and digital foundations" not in text.lower()
        assert "Test Ltd's software assurance score" in text
        assert "Maturity of software assurance, current state against target" in text
        assert "Software assurance" in text  # the section heading
        assert "The foundations were assessed" not in text


def test_lint_rules_can_be_switched_off_by_name(tmp_path: Path) -> None:
    q = _profiled()
    path = write(tmp_path / "checks.yaml", {"schema_version": 1, "name": "C",
                                            "framework": "digital-foundations", **q})
    before = run("lint", path).stderr
    assert "does not follow PREFIX-CAP-NN" in before
    assert "no guidance for the facilitator" in before
    write(path, {"schema_version": 1, "name": "C", "framework": "digital-foundations",
                 "lint_disable": ["question-id", "guidance", "spelling"], **q})
    after = run("lint", path).stderr
    assert "does not follow PREFIX-CAP-NN" not in after
    assert "no guidance for the facilitator" not in after
    assert "no evidence to ask for" in after
    assert "lint_disable[2]: unknown lint rule 'spelling'" in after


def test_references_may_be_structured_or_text() -> None:
    question = Question.model_validate({
        "id": "Q1", "capability": "cap", "text": "q?",
        "references": ["NIST CSF 2.0 PR.AA-03", {"standard": "cis-v8", "id": "6.3"}]})
    text, structured = question.references
    assert text == "NIST CSF 2.0 PR.AA-03"
    assert structured == StructuredReference(standard="cis-v8", id="6.3")
    assert reference_text(structured) == "cis-v8 6.3"
