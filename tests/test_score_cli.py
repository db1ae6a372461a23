"""``assess score --questions`` and ``--by-respondent``, the method detail in the table, and
bad responses (exit 3 with file, line and field)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main

from .conftest import DATA, ROOT

MINI = DATA / "mini"
METHODS = ROOT / "examples" / "methods"


def score(*args: str) -> str:
    result = CliRunner().invoke(main, ["score", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


# --- --questions -----------------------------------------------------------------------


def test_questions_table(in_root: Path) -> None:
    assert score("tests/data/mini", "--questions") == textwrap.dedent("""\
        Mini Ltd — answers by question 2026-01-15 (digital-foundations, median of respondents)

        ALPHA               Text                    Combined  Ann  Bob  Spread  Confidence
        ------------------  ----------------------  --------  ---  ---  ------  ----------  --------------
          Alpha capability
            AL-A-01         First alpha question?          2    1    3    2.00  medium      ! disagreement
            AL-A-02         Second alpha question?         2    3    1    2.00  low         ! disagreement
          Beta capability
            AL-B-01         First beta question?           –  n/a  n/a       –  –           n/a
            AL-B-02         Second beta question?          –    –    –       –  –           unanswered
        """)  # noqa: E501


def test_questions_table_gives_each_domain_its_own_respondents(tmp_path: Path) -> None:
    # Cy answers only the second domain: no empty Cy column in the first
    case = shutil.copytree(MINI, tmp_path / "mini")
    beta = (case / "questionnaires" / "alpha.yaml").read_text()
    beta = beta.replace("id: alpha\n", "id: beta\n").replace("name: Alpha\n", "name: Beta\n")
    beta = beta.replace("alpha_cap", "b_alpha").replace("beta_cap", "b_beta")
    (case / "questionnaires" / "beta.yaml").write_text(beta)
    (case / "assessment.yaml").write_text((case / "assessment.yaml").read_text().replace(
        "questionnaires: [alpha]", "questionnaires: [alpha, beta]"))
    (case / "responses" / "beta.cy.yaml").write_text(
        "schema_version: 1\nquestionnaire: beta\nrespondent: {name: Cy}\n"
        "answers: {AL-A-01: {value: 4}}\n")
    headers = [line.split() for line in score(str(case), "--questions").splitlines()
               if line.startswith(("ALPHA", "BETA"))]
    assert headers == [["ALPHA", "Text", "Combined", "Ann", "Bob", "Spread", "Confidence"],
                       ["BETA", "Text", "Combined", "Cy", "Spread", "Confidence"]]


def test_questions_csv_has_one_row_per_question_and_a_column_per_respondent() -> None:
    rows = list(csv.DictReader(io.StringIO(score(str(MINI), "--questions", "--format",
                                                 "csv"))))
    assert [r["question"] for r in rows] == ["AL-A-01", "AL-A-02", "AL-B-01", "AL-B-02"]
    first = rows[0]
    assert (first["value"], first["answer: Ann"], first["answer: Bob"], first["spread"],
            first["disagreement"], first["confidence"]) == ("2.0", "1", "3", "2.0", "True",
                                                            "medium")
    assert (rows[2]["na"], rows[2]["answer: Ann"]) == ("True", "n/a")
    assert (rows[3]["answered"], rows[3]["answer: Ann"]) == ("False", "")


def test_questions_json_nests_questions_under_capabilities() -> None:
    data = json.loads(score(str(MINI), "--questions", "--format", "json"))
    q = data["domains"][0]["capabilities"][0]["questions"][0]
    assert q == {"id": "AL-A-01", "text": "First alpha question?", "value": 2.0,
                 "answered": True, "na": False, "spread": 2.0, "disagreement": True,
                 "confidence": "medium", "consensus": False, "answers": {"Ann": 1, "Bob": 3}}
    assert "questions" not in json.loads(score(str(MINI), "--format", "json"))[
        "domains"][0]["capabilities"][0]


def test_questions_markdown_escapes_and_marks_disagreements() -> None:
    out = score(str(MINI), "--questions", "--format", "markdown")
    assert "| **AL-A-01** First alpha question? | 2 | 1 | 3 | 2.00 | medium | ⚠ disagreement |" \
        in out
    assert "| **AL-B-02** Second beta question? | – | – | – | – | – | unanswered |" in out


def test_questions_show_no_spread_without_two_values(tmp_path: Path) -> None:
    # One value (with or without a consensus answer beside it) has nothing to spread over:
    # '–' in the table and Markdown, where 0.00 used to read as full agreement.
    case = shutil.copytree(MINI, tmp_path / "mini")
    (case / "responses" / "alpha.bob.yaml").write_text(
        "schema_version: 1\nquestionnaire: alpha\nrespondent: {name: Bob}\n"
        "answers: {AL-A-01: {value: 1}, AL-B-01: {value: 2}}\n")
    (case / "responses" / "alpha.consensus.yaml").write_text(
        "schema_version: 1\nquestionnaire: alpha\nconsensus: true\n"
        "answers: {AL-A-02: {value: 3}}\n")
    lines = [" ".join(line.split()) for line in score(str(case), "--questions").splitlines()
             if line.strip().startswith("AL-")]
    assert lines == [
        "AL-A-01 First alpha question? 1 1 1 – 0.00 high",
        "AL-A-02 Second alpha question? 3 3 – 3 – – consensus",
        "AL-B-01 First beta question? 2 n/a 2 – – –",
        "AL-B-02 Second beta question? – – – – – – unanswered"]
    md = score(str(case), "--questions", "--format", "markdown")
    assert "| **AL-A-02** Second alpha question? | 3 | 3 | – | 3 | – | – | consensus |" in md
    assert "| **AL-A-01** First alpha question? | 1 | 1 | 1 | – | 0.00 | high |  |" in md
    data = json.loads(score(str(case), "--questions", "--format", "json"))
    assert [q["spread"] for c in data["domains"][0]["capabilities"] for q in c["questions"]] \
        == [0.0, 0.0, 0.0, 0.0]


def test_questions_show_scale_labels_and_settled_disagreements() -> None:
    out = score(str(METHODS / "c2m2-style"), "--questions")
    line = next(" ".join(x.split()) for x in out.splitlines()
                if x.strip().startswith("RESPONSE-1a"))
    assert line.endswith("LI NI FI LI 3.00 medium consensus (settles a disagreement)")
    # labels are ordinal: the median of LI and PI is the lower middle label, PI (not 1.5)
    line = next(" ".join(x.split()) for x in out.splitlines()
                if x.strip().startswith("ASSET-2b"))
    assert line.endswith("PI LI PI – 1.00 low")


# --- --by-respondent -------------------------------------------------------------------


def test_by_respondent_table(in_root: Path) -> None:
    assert score("tests/data/mini", "--by-respondent") == textwrap.dedent("""\
        Mini Ltd — each respondent's view 2026-01-15 (digital-foundations, weighted_mean)

        Domain / capability   Ann   Bob  Combined  Target  Range
        -------------------  ----  ----  --------  ------  -----
        ALPHA                2.50  1.50      2.00       3   1.00
          Alpha capability   2.50  1.50      2.00       3   1.00
          Beta capability       –     –         –       4      –
        OVERALL              2.50  1.50      2.00       3   1.00

        Range: highest minus lowest respondent score. Combined: everyone's answers combined, a consensus answer winning where there is one.
        """)  # noqa: E501


def test_by_respondent_json() -> None:
    data = json.loads(score(str(MINI), "--by-respondent", "--format", "json"))
    assert data["respondents"] == [{"name": "Ann", "role": "CIO"},
                                   {"name": "Bob", "role": "Engineer"}]
    cap = data["domains"][0]["capabilities"][0]
    # Ann: (1*1 + 3*3) / 4 = 2.5; Bob: (3*1 + 1*3) / 4 = 1.5; combined: medians 2 and 2
    assert cap == {"id": "alpha_cap", "name": "Alpha capability", "combined": 2.0,
                   "target": 3.0, "range": 1.0, "scores": {"Ann": 2.5, "Bob": 1.5}}
    assert data["overall"]["scores"] == {"Ann": 2.5, "Bob": 1.5}


def test_by_respondent_csv_and_markdown() -> None:
    rows = list(csv.reader(io.StringIO(score(str(MINI), "--by-respondent", "--format", "csv"))))
    assert rows[0] == ["domain", "capability", "name", "Ann", "Bob", "combined", "target",
                       "range"]
    assert rows[2] == ["alpha", "alpha_cap", "Alpha capability", "2.5", "1.5", "2.0", "3.0",
                       "1.0"]
    out = score(str(MINI), "--by-respondent", "--format", "markdown")
    assert "| Alpha capability | 2.50 | 1.50 | 2.00 | 3 | 1.00 |" in out


def test_by_respondent_leaves_the_consensus_to_the_combined_column() -> None:
    data = json.loads(score(str(METHODS / "c2m2-style"), "--by-respondent", "--format", "json"))
    assert [r["name"] for r in data["respondents"]] == ["Daniel Reeve", "Maria Okoye"]
    response = data["domains"][0]["capabilities"][2]
    assert response["scores"] == {"Daniel Reeve": 0.0, "Maria Okoye": 2.0}
    assert response["combined"] == 1.0  # RESPONSE-2a (PI, FI) combines to PI: MIL1


def test_respondent_names_are_neutralised_in_csv_headers(tmp_path: Path) -> None:
    case = shutil.copytree(MINI, tmp_path / "mini")
    text = (case / "responses" / "alpha.ann.yaml").read_text()
    (case / "responses" / "alpha.ann.yaml").write_text(text.replace("Ann", "=HYPERLINK()"))
    header = next(csv.reader(io.StringIO(score(str(case), "--by-respondent", "--format",
                                               "csv"))))
    assert header[3] == "'=HYPERLINK()"
    header = next(csv.reader(io.StringIO(score(str(case), "--questions", "--format", "csv"))))
    assert header[-2] == "answer: =HYPERLINK()"  # does not start a formula


def test_by_respondent_and_questions_cannot_be_combined() -> None:
    result = CliRunner().invoke(main, ["score", str(MINI), "--by-respondent", "--questions"])
    assert result.exit_code == 2
    assert "--by-respondent and --questions cannot be combined" in result.output


# --- the method detail and disagreements in the summary ------------------------------------


def test_table_explains_levels_and_marks_disagreement(in_root: Path) -> None:
    out = score("examples/methods/c2m2-style")
    # RESPONSE-2a (PI, FI) combines to PI, the lower middle label, which blocks MIL2.
    assert "  OT event and incident response                  1.00  1 Initiated        2  " \
           "1.00       80%    3.00  medium      ! disagreement" in out
    assert ("  OT event and incident response: level 1 (Initiated) achieved; level 2 "
            "(Performed) blocked by RESPONSE-2a PI") in out
    assert ("  OT identity and access management: stays at level 0 (Incomplete); level 1 "
            "(Initiated) blocked by ACCESS-1b PI") in out
    assert ("  OT asset, change and configuration management: level 1 (Initiated) achieved; "
            "level 2 (Performed) blocked by ASSET-2b PI") in out


def test_json_carries_level_detail_and_disagreement() -> None:
    data = json.loads(score(str(METHODS / "iso33020-style"), "--format", "json"))
    change = data["domains"][0]["capabilities"][1]
    assert change["disagreement"] is True and change["spread"] == 85.0
    assert change["levels"][1] == {
        "level": 2, "value": None, "achieved": False, "blocking": ["PA1.1", "PA2.2"],
        "parts": [{"id": "PA2.1", "value": 92.5, "rating": "F", "questions": ["CHG-PA21"]},
                  {"id": "PA2.2", "value": 7.5, "rating": "N", "questions": ["CHG-PA22"]}]}
    # weighted_mean explains nothing extra: its JSON keeps the foundation's keys
    mini = json.loads(score(str(MINI), "--format", "json"))
    assert "levels" not in mini["domains"][0]["capabilities"][0]


@pytest.mark.parametrize("example", ["weighted-mean", "c2m2-style", "iso33020-style",
                                     "samm-style"])
def test_examples_validate_and_score_in_every_format(example: str) -> None:
    result = CliRunner().invoke(main, ["validate", str(METHODS / example)])
    assert result.exit_code == 0, result.output
    for fmt in ("table", "json", "csv", "markdown"):
        for option in ((), ("--questions",), ("--by-respondent",)):
            assert score(str(METHODS / example), "--format", fmt, *option)


# --- bad responses exit 3 with file, line and field ----------------------------------------


def invalid(case: Path, name: str, text: str) -> str:
    (case / "responses" / name).write_text(textwrap.dedent(text))
    result = CliRunner().invoke(main, ["score", case.name])
    assert result.exit_code == 3, result.output
    assert result.stdout == ""
    return result.stderr


def test_unknown_question_and_level_outside_the_scale(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    case = shutil.copytree(MINI, tmp_path / "mini")
    assert invalid(case, "alpha.cy.yaml", """\
        schema_version: 1
        questionnaire: alpha
        respondent: {name: Cy, role: Architect}
        answers:
          AL-A-01: {value: 7}
          AL-X-99: {value: 2}
        """) == (
        "mini/responses/alpha.cy.yaml:5: answers.AL-A-01.value: 7 is outside the levels 0-5\n"
        "mini/responses/alpha.cy.yaml:6: answers.AL-X-99: unknown question 'AL-X-99' in "
        "questionnaire 'alpha'\n")


def test_labels_and_values_not_on_the_answer_scale(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    case = shutil.copytree(METHODS / "c2m2-style", tmp_path / "water")
    assert invalid(case, "ot-security.cy.yaml", """\
        schema_version: 1
        questionnaire: ot-security
        respondent: {name: Cy}
        answers:
          ASSET-1a: {value: XX}
          ASSET-1b:
            value: 2.5
            confidence: high
        """) == (
        "water/responses/ot-security.cy.yaml:5: answers.ASSET-1a.value: 'XX' is not on the "
        "answer scale (NI, PI, LI, FI, n/a)\n"
        "water/responses/ot-security.cy.yaml:7: answers.ASSET-1b.value: 2.5 is not a value of "
        "the answer scale (NI, PI, LI, FI or n/a)\n")


def test_response_for_a_questionnaire_not_in_scope(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    case = shutil.copytree(MINI, tmp_path / "mini")
    assert invalid(case, "cloud.cy.yaml", """\
        schema_version: 1
        questionnaire: cloud
        respondent: {name: Cy}
        answers: {}
        """) == (
        "mini/responses/cloud.cy.yaml:2: questionnaire: questionnaire 'cloud' is not in the "
        "assessment's scope (known: alpha)\n")


def test_an_unscored_capability_shows_no_spread(tmp_path: Path) -> None:
    # It used to show a spread of 0.00, as if the respondents agreed.
    runner = CliRunner()
    acme = tmp_path / "acme"
    assert runner.invoke(main, ["init", str(acme)]).exit_code == 0
    for path in (ROOT / "examples" / "northshire" / "responses").glob("cloud.*.yaml"):
        shutil.copy(path, acme / "responses" / path.name)
    table = runner.invoke(main, ["score", str(acme)]).stdout
    row = next(line for line in table.splitlines() if "Power and cooling resilience" in line)
    assert row.split()[-2:] == ["–", "–"]          # spread and confidence
    landing = next(line for line in table.splitlines() if line.strip().startswith("Landing zone"))
    assert "–" not in landing                      # a scored capability keeps its spread
    md = runner.invoke(main, ["score", str(acme), "--format", "markdown"]).stdout
    assert "| Power and cooling resilience | – | – | 3 | – | 0% | – | – |" in md
    data = json.loads(runner.invoke(main, ["score", str(acme), "--format", "json"]).stdout)
    assert data["domains"][2]["capabilities"][0]["spread"] == 0.0   # JSON keeps its float
