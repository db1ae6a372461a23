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

DOMAINS = ["data-centres", "cloud", "network", "user-interaction", "cybersecurity",
           "digital-governance"]
SIZES = {"digital-governance": ((2, 4), (8, 20))}
"""(capabilities, questions) bounds of a questionnaire smaller than an infrastructure domain
(docs/content.md); the rest have 6-14 capabilities and 25-56 questions (a questionnaire is
one or two workshop sessions; cybersecurity, the largest, is run as two)."""


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
    (low_caps, high_caps), (low_questions, high_questions) = SIZES.get(domain,
                                                                       ((6, 14), (25, 56)))
    assert low_caps <= len(q.capabilities) <= high_caps
    assert low_questions <= len(q.questions) <= high_questions
    per_capability: dict[str, int] = {}
    for question in q.questions:
        per_capability[question.capability] = per_capability.get(question.capability, 0) + 1
    assert all(3 <= n <= 7 for n in per_capability.values()), per_capability
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


SPLITS = {"UI-COL-03": "UI-COL-06", "UI-ACC-06": "UI-ACC-07", "CL-OPS-04": "CL-OPS-05",
          "NW-AUT-03": "NW-AUT-05", "CY-SC-03": "CY-SC-04", "CY-VM-04": "CY-VM-06",
          "DC-FAC-03": "DC-FAC-05"}


def test_every_respondent_answers_both_halves_of_a_split_question() -> None:
    import yaml

    for path in sorted((EXAMPLE / "responses").glob("*.yaml")):
        answers = yaml.safe_load(path.read_text())["answers"]
        for first, second in SPLITS.items():
            assert (first in answers) == (second in answers), (path.name, first, second)


def test_new_capabilities_have_actions_links_and_a_programme() -> None:
    from assess.models import DependencyModel

    model, _ = load_model(ROOT / "frameworks" / "dependencies" / "default.yaml",
                          DependencyModel)
    entries = {c.capability: c for c in model.capabilities}
    for capability in ("information_management", "it_governance", "customer_identity"):
        entry = entries[capability]
        assert sorted(entry.actions) == [1, 2, 3, 4, 5]
        assert entry.technologies
    # Valuing Information is measured through the information capability's strongest link.
    links = {t.technology: t.weight for t in entries["information_management"].technologies}
    assert links["data_platform"] == 1.0


def test_valuing_information_readiness_counts_information_management(
        runner: CliRunner) -> None:
    result = runner.invoke(main, ["recommend", str(EXAMPLE), "--programmes", "--format",
                                  "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    (valuing,) = [p for p in data["programmes"] if p["id"] == "valuing_information"]
    blockers = [b["capability"] for b in valuing["blockers"]]
    assert "information_management" in blockers[:3]


@pytest.mark.parametrize("domain", ["cybersecurity", "network", "data-centres"])
def test_docs_coverage_table_lists_every_capability(domain: str) -> None:
    """docs/content.md maps each capability onto the reference models it covers."""
    q, _ = load_model(ROOT / "questionnaires" / f"{domain}.yaml", Questionnaire)
    docs = (ROOT / "docs" / "content.md").read_text()
    table = docs[docs.index("## Coverage"):]
    missing = [c.id for c in q.capabilities if f"(`{c.id}`) |" not in table]
    assert missing == []
