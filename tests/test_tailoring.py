"""Tailoring without copies: exclude_capabilities and overlays, for every command.

The fixture ``tests/data/tailoring/riverside`` is a non-council client (a hospital trust):
two capabilities excluded, an overlay changing a weight and a descriptor and adding a
question, a dependency overlay changing a programme weight.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from assess.cli import main

from .conftest import DATA, ROOT

RIVERSIDE = DATA / "tailoring" / "riverside"
OUT_OF_SCOPE = ("supply_chain_security", "security_monitoring")
OUT_OF_SCOPE_QUESTIONS = ("CY-SC-", "CY-DET-")


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the Riverside assessment, the working folder being its parent."""
    folder = tmp_path / "riverside"
    shutil.copytree(RIVERSIDE, folder)
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped content, which a test can "upgrade"."""
    root = tmp_path / "shipped"
    for folder in ("questionnaires", "frameworks", "reports"):
        shutil.copytree(ROOT / folder, root / folder)
    monkeypatch.setattr("assess.load.resources.content_root", lambda: root)
    return root


def _upgrade(shipped: Path, old: str = "", new: str = "") -> None:
    """A later release of the shipped cybersecurity questionnaire: version 2099.1."""
    path = shipped / "questionnaires" / "cybersecurity.yaml"
    text = re.sub(r'(?m)^version: .*$', 'version: "2099.1"', path.read_text(), count=1)
    path.write_text(text.replace(old, new) if old else text)


def _version() -> str:
    return str(yaml.safe_load((ROOT / "questionnaires" / "cybersecurity.yaml").read_text())
               ["version"])


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def ok(*args: str) -> str:
    code, out, err = run(*args)
    assert code == 0, err
    return out


def _mentions_out_of_scope(text: str) -> list[str]:
    return [w for w in (*OUT_OF_SCOPE, *OUT_OF_SCOPE_QUESTIONS) if w in text]


# --- exclude_capabilities ----------------------------------------------------------------


def test_score_leaves_excluded_capabilities_out_with_one_notice(client: Path) -> None:
    code, out, err = run("score", str(client), "--format", "json")
    assert code == 0
    ids = [c["id"] for d in json.loads(out)["domains"] for c in d["capabilities"]]
    assert "identity_access" in ids and not set(OUT_OF_SCOPE) & set(ids)
    notes = [line for line in err.splitlines() if line.startswith("note:")]
    assert notes == ["note: ignored 14 answers to questions out of scope "
                     "(exclude_capabilities or an overlay) in 2 response files"]


def test_recommendations_say_what_out_of_scope_prerequisite_they_would_need(
        client: Path) -> None:
    recs = json.loads(ok("recommend", str(client), "--format", "json"))["recommendations"]
    assert not any(r["capability"] in OUT_OF_SCOPE for r in recs)
    assert not any(_mentions_out_of_scope(json.dumps(r["requires"])) for r in recs)
    noted = {r["capability"] for r in recs
             if "would also need Security monitoring and detection, out of scope" in
             r["rationale"]}
    assert noted and "identity_access" not in noted


def test_without_the_exclusion_nothing_is_noted(client: Path) -> None:
    a = client / "assessment.yaml"
    data = yaml.safe_load(a.read_text())
    del data["exclude_capabilities"]
    a.write_text(yaml.safe_dump(data))
    recs = json.loads(ok("recommend", str(client), "--format", "json"))["recommendations"]
    assert not any("out of scope" in r["rationale"] for r in recs)
    assert any(r["capability"] == "supply_chain_security" for r in recs)


def test_report_names_exclusions_in_the_scope_note_only(client: Path) -> None:
    ok("report", str(client), "--format", "markdown", "-o", "report.md")
    text = Path("report.md").read_text()
    note = ("**Scope.** Out of scope by agreement: Supply chain security (assessed by the "
            "regional shared service); Security monitoring and detection.")
    assert note in text
    rest = text.replace(note, "").lower()
    assert "supply chain" not in rest
    # Security monitoring appears only where a step says it would also need it.
    assert rest.count("security monitoring") == rest.count(
        "would also need security monitoring and detection, out of scope")


def test_templates_omit_excluded_questions(client: Path) -> None:
    text = ok("template", "cybersecurity", "--assessment", str(client))
    assert "CY-IAM-01" in text and "CY-IAM-90" in text
    assert not _mentions_out_of_scope(text)
    md = ok("template", "cybersecurity", "--assessment", str(client), "--format", "markdown")
    assert "CY-IAM-90" in md and not _mentions_out_of_scope(md)


def test_unknown_excluded_capability_is_a_located_error(client: Path) -> None:
    a = client / "assessment.yaml"
    a.write_text(a.read_text().replace("  - security_monitoring", "  - security_monitorin"))
    code, _, err = run("validate", str(client))
    line = a.read_text().splitlines().index("  - security_monitorin") + 1
    assert code == 3
    assert err.startswith(f"riverside/assessment.yaml:{line}: exclude_capabilities[1]: "
                          "unknown capability 'security_monitorin' (known: ")


def test_a_removed_prerequisite_never_points_into_the_shipped_content(client: Path) -> None:
    # asset_management is a prerequisite of seven capabilities in the shipped model.
    (client / "overlays" / "remove.yaml").write_text(
        "schema_version: 1\nkind: questionnaire-overlay\napplies_to: cybersecurity\n"
        "remove: {capabilities: [asset_management]}\n")
    code, _, err = run("validate", str(client))
    assert code == 0, err
    recs = json.loads(ok("recommend", str(client), "--format", "json"))["recommendations"]
    assert any("would also need Asset and information management, out of scope"
               in r["rationale"] for r in recs)


# --- overlays ----------------------------------------------------------------------------


def test_show_prints_the_effective_questionnaire(client: Path) -> None:
    q = yaml.safe_load(ok("show", str(client), "questionnaire", "cybersecurity"))
    caps = {c["id"]: c for c in q["capabilities"]}
    assert caps["identity_access"]["weight"] == 2
    assert not set(OUT_OF_SCOPE) & set(caps)
    questions = [x["id"] for x in q["questions"]]
    # The added question goes after the last question of its capability.
    assert questions[questions.index("CY-IAM-90") - 1] == "CY-IAM-06"
    iam01 = next(x for x in q["questions"] if x["id"] == "CY-IAM-01")
    assert iam01["levels"][3].startswith("MFA is enforced for every staff account")
    assert iam01["levels"][2] == next(
        x for x in yaml.safe_load((ROOT / "questionnaires" / "cybersecurity.yaml").read_text())
        ["questions"] if x["id"] == "CY-IAM-01")["levels"][2]


def test_show_prints_the_effective_dependency_model(client: Path) -> None:
    m = yaml.safe_load(ok("show", str(client), "dependencies"))
    assert next(p for p in m["programmes"] if p["id"] == "digital_first")["weight"] == 2
    assert not {e["capability"] for e in m["capabilities"]} & set(OUT_OF_SCOPE)


def test_the_overlay_weight_changes_the_score(client: Path) -> None:
    def identity_weighted() -> float:
        out = json.loads(ok("score", str(client), "--format", "json"))
        return next(d for d in out["domains"] if d["id"] == "cybersecurity")["score"]

    with_overlay = identity_weighted()
    overlay = client / "overlays" / "cybersecurity.yaml"
    overlay.write_text(overlay.read_text().replace("{weight: 2}", "{weight: 1}"))
    assert identity_weighted() != with_overlay


def test_the_workbook_is_made_and_imported_from_the_effective_content(client: Path) -> None:
    from .workshop_support import fill_workbook

    ok("template", "cybersecurity", "--assessment", str(client), "--format", "xlsx",
       "-o", "cyber.xlsx")
    from assess.workshop.definition import resolve

    defn = resolve("cybersecurity", client)
    fill_workbook(Path("cyber.xlsx"), Path("cyber.xlsx"), defn, {"name": "Nia Jones"},
                  {"CY-IAM-90": {"value": 3}})
    ok("import", "cyber.xlsx", "-o", str(client / "responses"))
    answers = yaml.safe_load((client / "responses" / "cybersecurity.nia-jones.yaml")
                             .read_text())["answers"]
    assert answers == {"CY-IAM-90": {"value": 3}}


def test_an_upgrade_of_the_shipped_questionnaire_keeps_the_overlays(
        client: Path, shipped: Path) -> None:
    _upgrade(shipped, "      How is multi-factor", "      Upgraded. How is multi-factor")
    q = yaml.safe_load(ok("show", str(client), "questionnaire", "cybersecurity"))
    assert q["version"] == "2099.1"
    iam01 = next(x for x in q["questions"] if x["id"] == "CY-IAM-01")
    assert iam01["text"].startswith("Upgraded.")
    assert iam01["levels"][3].startswith("MFA is enforced")
    assert "CY-IAM-90" in [x["id"] for x in q["questions"]]
    ok("score", str(client))


def test_an_overlay_that_no_longer_matches_is_a_located_error(
        client: Path, shipped: Path) -> None:
    _upgrade(shipped, "CY-IAM-01", "CY-IAM-11")
    code, _, err = run("score", str(client))
    overlay = (client / "overlays" / "cybersecurity.yaml").read_text().splitlines()
    line = overlay.index("    CY-IAM-01:") + 1
    assert code == 3
    assert err.splitlines()[0] == (
        f"riverside/overlays/cybersecurity.yaml:{line}: change.questions.CY-IAM-01: no "
        "question 'CY-IAM-01' in questionnaire 'cybersecurity' version 2099.1 (written "
        "against 2026.1): the content has changed since; update or remove this entry")


@pytest.mark.parametrize(("text", "message"), [
    ("add: {questions: [{id: CY-IAM-01, capability: identity_access, text: Again?, "
     "levels: {0: a, 1: b, 2: c, 3: d, 4: e, 5: f}}]}",
     "add.questions[0].id: 'CY-IAM-01' already exists: change it instead of adding it"),
    ("add: {questions: [{id: CY-NEW-01, capability: nowhere, text: Where?, "
     "levels: {0: a, 1: b, 2: c, 3: d, 4: e, 5: f}}]}",
     "add.questions[0].capability: unknown capability 'nowhere' in questionnaire "
     "'cybersecurity'"),
    ("add: {questions: [{id: CY-NEW-01, capability: identity_access, text: Where?}]}",
     "add.questions[0]: framework 'digital-foundations' is level-anchored: the question "
     "needs 'levels'"),
    ("change: {questions: {CY-IAM-02: {weight: heavy}}}",
     "change.questions.CY-IAM-02.weight: expected a number, got 'heavy'"),
    ("change: {questions: {CY-IAM-02: {id: CY-X}}}",
     "change.questions.CY-IAM-02.id: 'id' cannot be changed: remove the entry and add a "
     "new one"),
    ("remove: {questions: [CY-NOPE-01]}",
     "remove.questions[0]: no question 'CY-NOPE-01' in questionnaire 'cybersecurity' "
     "version {version}: the content has changed since; update or remove this entry"),
])
def test_overlay_problems_are_located_in_the_overlay(client: Path, text: str,
                                                     message: str) -> None:
    (client / "overlays" / "zz.yaml").write_text(
        f"schema_version: 1\nkind: questionnaire-overlay\napplies_to: cybersecurity\n{text}\n")
    code, _, err = run("validate", str(client))
    assert code == 3
    assert err.splitlines() == [f"riverside/overlays/zz.yaml:4: "
                                f"{message.format(version=_version())}"]


def test_a_stale_dependency_overlay_is_a_located_error(client: Path) -> None:
    overlay = client / "overlays" / "dependencies.yaml"
    overlay.write_text(overlay.read_text().replace("digital_first", "digital_last"))
    code, _, err = run("recommend", str(client))
    assert code == 3
    assert err.splitlines() == [
        "riverside/overlays/dependencies.yaml:6: change.programmes.digital_last: no programme "
        "'digital_last' in dependency model 'default': the content has changed since; update "
        "or remove this entry"]


def test_overlay_file_kinds_have_schemas() -> None:
    for kind in ("questionnaire-overlay", "dependencies-overlay"):
        schema = json.loads(ok("schema", kind))
        assert schema["$id"] == f"assess:{kind}"
        assert {"applies_to", "add", "remove", "change"} <= set(schema["properties"])


# --- no silent divergence ----------------------------------------------------------------


def test_template_inside_an_assessment_folder_uses_it_and_says_so(
        client: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(client)
    code, out, err = run("template", "cybersecurity")
    assert code == 0
    assert "CY-IAM-90" in out and not _mentions_out_of_scope(out)
    assert err.splitlines() == ["note: using the assessment in this folder (assessment.yaml): "
                                "its pinned copies, overlays and exclusions shape the form"]


def test_template_outside_an_assessment_is_the_shipped_questionnaire(client: Path) -> None:
    code, out, err = run("template", "cybersecurity")
    assert code == 0 and err == ""
    assert "CY-SC-01" in out and "CY-IAM-90" not in out


def test_a_workbook_from_another_version_imports_with_its_definition(
        client: Path, shipped: Path) -> None:
    from .workshop_support import fill_workbook

    shutil.copy(shipped / "questionnaires" / "cybersecurity.yaml", "cyber-old.yaml")
    ok("template", "cybersecurity", "--assessment", str(client), "--format", "xlsx",
       "-o", "cyber.xlsx")
    from assess.workshop.definition import resolve

    fill_workbook(Path("cyber.xlsx"), Path("cyber.xlsx"), resolve("cybersecurity", client),
                  {"name": "Nia Jones"}, {"CY-IAM-90": {"value": 3}})
    _upgrade(shipped)
    code, _, err = run("import", "cyber.xlsx", "-o", str(client / "responses"))
    assert code == 3 and "version '2099.1'" in err
    ok("import", "cyber.xlsx", "-o", str(client / "responses"), "--definition",
       "cyber-old.yaml")
    assert (client / "responses" / "cybersecurity.nia-jones.yaml").is_file()


# --- respondents and audiences -----------------------------------------------------------


def test_every_shipped_question_has_an_audience() -> None:
    for path in sorted((ROOT / "questionnaires").glob("*.yaml")):
        untagged = [x["id"] for x in yaml.safe_load(path.read_text())["questions"]
                    if not x.get("audience")]
        assert untagged == [], path.name


def _workbook_questions(path: Path) -> tuple[str, list[str]]:
    from openpyxl import load_workbook

    from assess.workshop.layout import HEADER_ROW, QUESTIONS_SHEET, RESPONDENT_ROWS

    wb = load_workbook(path)
    name = wb["Respondent"].cell(row=RESPONDENT_ROWS["name"], column=2).value
    ws = wb[QUESTIONS_SHEET]
    ids = [str(ws.cell(row=r, column=1).value) for r in range(HEADER_ROW + 1, ws.max_row + 1)
           if ws.cell(row=r, column=1).value]
    return name, ids


def test_per_respondent_workbooks_hold_their_audiences_questions(client: Path) -> None:
    from assess.workshop.definition import resolve

    ok("template", "--assessment", str(client), "--per-respondent", "-o", "out")
    written = sorted(p.name for p in Path("out").iterdir())
    assert written == ["cloud.owen-price.xlsx", "cybersecurity.owen-price.xlsx",
                       "cybersecurity.ruth-adebayo.xlsx"]
    cyber = resolve("cybersecurity", client).questionnaire
    for file, tags in [("cybersecurity.ruth-adebayo.xlsx", {"leadership"}),
                       ("cybersecurity.owen-price.xlsx", {"operations"})]:
        _, ids = _workbook_questions(Path("out") / file)
        expected = [x.id for x in cyber.questions if not x.audience or tags & set(x.audience)]
        assert ids == expected and 0 < len(ids) < len(cyber.questions)
        assert not _mentions_out_of_scope(" ".join(ids))
    assert _workbook_questions(Path("out") / "cybersecurity.ruth-adebayo.xlsx")[0] == \
        "Ruth Adebayo"
    # The added question has no audience: everyone gets it.
    assert "CY-IAM-90" in _workbook_questions(Path("out") / "cybersecurity.owen-price.xlsx")[1]


def test_all_questions_keeps_every_question(client: Path) -> None:
    ok("template", "--assessment", str(client), "--per-respondent", "--all-questions",
       "-o", "out")
    from assess.workshop.definition import resolve

    cyber = resolve("cybersecurity", client).questionnaire
    assert _workbook_questions(Path("out") / "cybersecurity.owen-price.xlsx")[1] == \
        [x.id for x in cyber.questions]


def test_a_per_respondent_workbook_imports_with_partial_answers(client: Path) -> None:
    from openpyxl import load_workbook

    from assess.workshop.layout import QUESTIONS_SHEET

    ok("template", "--assessment", str(client), "--per-respondent", "-o", "out")
    path = Path("out") / "cybersecurity.owen-price.xlsx"
    _, ids = _workbook_questions(path)
    wb = load_workbook(path)
    ws = wb[QUESTIONS_SHEET]
    from assess.workshop.definition import for_audience, resolve
    from assess.workshop.layout import layout_for

    layout = layout_for(for_audience(resolve("cybersecurity", client), ["operations"]))
    ws.cell(row=layout.row(0), column=layout.answer_col).value = 2
    wb.save(path)
    (client / "responses" / "cybersecurity.owen-price.yaml").unlink()
    ok("import", str(path), "-o", str(client / "responses"))
    written = yaml.safe_load((client / "responses" / "cybersecurity.owen-price.yaml")
                             .read_text())
    assert written["respondent"]["name"] == "Owen Price"
    assert written["answers"] == {ids[0]: {"value": 2}}
    ok("score", str(client))


def test_per_respondent_needs_respondents(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    shutil.copytree(DATA / "mini", folder)
    code, _, err = run("template", "--assessment", str(folder), "--per-respondent",
                       "-o", str(tmp_path / "out"))
    assert code == 3
    assert err.startswith("error: assessment.yaml lists no respondents")


# --- the client's words ------------------------------------------------------------------

NEUTRAL = ("governing body", "service user", "senior owner of information risk")


def test_speak_swaps_whole_words_and_keeps_the_first_letters_case() -> None:
    from assess.load.terminology import speak

    terms = {"governing body": "trust board", "governing body members": "board members",
             "service users": "patients"}
    assert speak("Governing body members, the governing body and Service users.", terms) == \
        "Board members, the trust board and Patients."
    assert speak("governing bodywork; noservice users", terms) == \
        "governing bodywork; noservice users"
    assert speak("the governing\n  body", terms) == "the trust board"


def test_shipped_question_text_is_sector_neutral() -> None:
    words = ("councillor", "elected member", "resident", "SIRO", "eight design areas")
    products = ("SharePoint", "Teams call", "Teams meeting", "Teams is", "Teams and")
    for path in sorted((ROOT / "questionnaires").glob("*.yaml")):
        for x in yaml.safe_load(path.read_text())["questions"]:
            shown = " ".join([x["text"], *map(str, (x.get("levels") or {}).values())])
            assert not [w for w in words if w.lower() in shown.lower()], (path.name, x["id"])
            assert not [w for w in products if w in shown], (path.name, x["id"])


@pytest.mark.parametrize("sector", ["local-government", "health", "higher-education",
                                    "central-government", "commercial"])
def test_every_sector_has_a_word_for_every_neutral_term(sector: str) -> None:
    data = yaml.safe_load((ROOT / "frameworks" / "terminology" / f"{sector}.yaml").read_text())
    assert data["sector"] == sector
    for term in NEUTRAL:
        assert any(term in key for key in data["terms"]), term


def test_forms_and_report_speak_the_sectors_words(client: Path) -> None:
    form = ok("template", "cybersecurity", "--assessment", str(client))
    assert "staff, patients, the ICO" in form and "agency staff and board members)" in form
    assert not [w for w in NEUTRAL if w in form.lower()]
    ok("report", str(client), "--format", "markdown", "-o", "report.md")
    # The client's words reach the report and its annex (answers and descriptors).
    report = Path("report.md").read_text() + Path("report-annex.md").read_text()
    assert "patients" in report.lower()
    assert not [w for w in NEUTRAL if w in report.lower()]
    assert not _mentions_out_of_scope(report)


def test_the_assessment_overrides_a_word(client: Path) -> None:
    a = client / "assessment.yaml"
    a.write_text(a.read_text() + "terminology: {service users: people in our care}\n")
    form = ok("template", "cybersecurity", "--assessment", str(client))
    assert "staff, people in our care, the ICO" in form


def test_an_unknown_sector_is_a_located_error(client: Path) -> None:
    a = client / "assessment.yaml"
    a.write_text(a.read_text().replace("sector: health", "sector: hospitals"))
    line = a.read_text().splitlines().index("sector: hospitals") + 1
    code, _, err = run("validate", str(client))
    assert code == 3
    assert err.splitlines() == [
        f"riverside/assessment.yaml:{line}: sector: no terminology for sector 'hospitals' "
        "(known: central-government, commercial, health, higher-education, local-government)"]


def test_a_respondents_questionnaire_out_of_scope_is_a_located_error(client: Path) -> None:
    a = client / "assessment.yaml"
    a.write_text(a.read_text().replace("questionnaires: [cybersecurity], audience",
                                       "questionnaires: [network], audience"))
    code, _, err = run("validate", str(client))
    assert code == 3
    assert err.splitlines()[0].endswith(": respondents[0].questionnaires[0]: questionnaire "
                                        "'network' is not in 'questionnaires'")
