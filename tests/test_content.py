"""The shipped content: valid, lint-clean, within the agreed sizes, and the example real."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main
from assess.load.loader import load_model
from assess.models import Questionnaire

from .conftest import EXAMPLE, ROOT

DOMAINS = ["data-centres", "cloud", "network", "user-interaction", "cybersecurity"]


def test_every_shipped_file_and_the_example_validate(in_root: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "questionnaires", "frameworks", "examples"])
    assert result.exit_code == 0, result.stderr


def test_lint_passes_on_shipped_content(runner: CliRunner) -> None:
    result = runner.invoke(main, ["lint"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize("domain", DOMAINS)
def test_questionnaire_size_and_completeness(domain: str) -> None:
    q, _ = load_model(ROOT / "questionnaires" / f"{domain}.yaml", Questionnaire)
    # docs/content.md: a questionnaire is one or two workshop sessions (cybersecurity, the
    # largest, is run as two).
    assert 6 <= len(q.capabilities) <= 14
    assert 25 <= len(q.questions) <= 56
    for capability in q.capabilities:
        assert 3 <= sum(x.capability == capability.id for x in q.questions) <= 6, capability.id
    for question in q.questions:
        assert question.levels is not None and sorted(question.levels) == [0, 1, 2, 3, 4, 5]
        assert question.references
        assert len(question.evidence) >= 1
        assert question.guidance


def test_example_scores_all_five_domains_with_a_disagreement(runner: CliRunner) -> None:
    result = runner.invoke(main, ["score", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [d["id"] for d in data["domains"]] == DOMAINS
    capabilities = [c for d in data["domains"] for c in d["capabilities"]]
    assert all(c["score"] is not None for c in capabilities)
    assert all(0 <= c["score"] <= 5 for c in capabilities)
    assert any(c["disagreement"] for c in capabilities)
    assert 0 < data["overall"]["coverage"] < 1  # some questions are left unanswered
    table = runner.invoke(main, ["score", str(EXAMPLE)])
    assert "! disagreement" in table.stdout


def test_example_has_three_or_four_respondents_per_questionnaire() -> None:
    by_questionnaire: dict[str, int] = {}
    for path in (EXAMPLE / "responses").glob("*.yaml"):
        questionnaire = path.name.split(".")[0]
        by_questionnaire[questionnaire] = by_questionnaire.get(questionnaire, 0) + 1
    assert sorted(by_questionnaire) == sorted(DOMAINS)
    assert all(3 <= n <= 4 for n in by_questionnaire.values()), by_questionnaire


@pytest.mark.parametrize("domain", ["cybersecurity", "network", "data-centres"])
def test_docs_coverage_table_lists_every_capability(domain: str) -> None:
    """docs/content.md maps each capability onto the reference models it covers."""
    q, _ = load_model(ROOT / "questionnaires" / f"{domain}.yaml", Questionnaire)
    docs = (ROOT / "docs" / "content.md").read_text()
    table = docs[docs.index("## Coverage"):]
    missing = [c.id for c in q.capabilities if f"(`{c.id}`) |" not in table]
    assert missing == []
