"""Workshop forms for questions with answer scales of their own (a named answer set, or the
question's own ``answer_scale``): the workbook's drop-downs and descriptors, its import, the
YAML and printable forms and live capture all offer each question its own answers."""

from __future__ import annotations

import csv
import io
import random
import statistics
from pathlib import Path
from typing import Any

import pytest
import yaml

from assess.workshop.capture import open_session
from assess.workshop.capture_loop import walk
from assess.workshop.definition import resolve
from assess.workshop.layout import QUESTIONS_SHEET, RESPONDENT_ROWS, RESPONDENT_SHEET, layout_for

from .interop_support import SAMPLES, run, score_json, workspace
from .test_capture import Script

SCALE = [{"label": "No", "name": "No", "value": 0.0},
         {"label": "Yes", "name": "Yes", "value": 1.0}]
SETS = {"Z": [{"label": "Never", "name": "Never", "value": 0.0},
              {"label": "Sometimes", "name": "Sometimes", "value": 0.5},
              {"label": "Always", "name": "Always", "value": 1.0}],
        # Commas in the labels: too long or too awkward for an inline list.
        "W": [{"label": "No", "name": "No", "value": 0.0},
              {"label": "Yes, for some", "name": "Yes, for some teams", "value": 0.5},
              {"label": "Yes, for all", "name": "Yes, for all teams", "value": 1.0}]}
OWN = [{"label": "Rarely", "name": "Rarely", "value": 0.0, "description": "once a year"},
       {"label": "Often", "name": "Often", "value": 1.0, "description": "every week"}]
FRAMEWORK = {"id": "sets", "answer_scale": SCALE, "answer_sets": SETS,
             "method": {"name": "sum_of_level_means", "params": {"streams": ["A", "B"]}}}
QUESTIONNAIRE = {
    "id": "dom", "capabilities": [{"id": "cap", "name": "Cap"}],
    "questions": [
        {"id": "Q1A", "capability": "cap", "text": "a?", "level": 1, "stream": "A"},
        {"id": "Q1B", "capability": "cap", "text": "b?", "level": 1, "stream": "B",
         "answer_set": "Z"},
        {"id": "Q2A", "capability": "cap", "text": "c?", "level": 2, "stream": "A",
         "answer_set": "W"},
        {"id": "Q2B", "capability": "cap", "text": "d?", "level": 2, "stream": "B",
         "answer_scale": OWN}]}
OWN_LABELS = {"Q1A": ["No", "Yes"], "Q1B": ["Never", "Sometimes", "Always"],
              "Q2A": ["No", "Yes, for some", "Yes, for all"], "Q2B": ["Rarely", "Often"]}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return workspace(tmp_path / "a", framework=FRAMEWORK, questionnaire=QUESTIONNAIRE)


def _template(root: Path, questionnaire: str, out: Path) -> Path:
    result = run("template", questionnaire, "--assessment", root, "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    return out


def drop_downs(path: Path) -> dict[str, list[str]]:
    """Question id -> the values its Answer cell's drop-down offers, read from the file."""
    from openpyxl import load_workbook
    from openpyxl.worksheet.cell_range import CellRange

    wb = load_workbook(path)
    ws = wb[QUESTIONS_SHEET]
    answer_col = [c.value for c in ws[1]].index("Answer") + 1
    lists: dict[int, list[str]] = {}
    for dv in ws.data_validations.dataValidation:
        formula = dv.formula1
        if formula.startswith('"'):
            values = formula.strip('"').split(",")
        else:
            sheet, ref = formula.split("!")
            cells = wb[sheet.strip("'")][ref.replace("$", "")]
            values = [row[0].value for row in cells]
        for rng in dv.sqref.ranges:
            cr = CellRange(rng.coord)
            if cr.min_col == answer_col:
                for row in range(cr.min_row, cr.max_row + 1):
                    assert row not in lists, f"two drop-downs on row {row}"
                    lists[row] = values
    ids = {row: ws.cell(row=row, column=1).value for row in range(2, ws.max_row + 1)}
    return {ids[row]: values for row, values in lists.items()}


def _fill(template: Path, target: Path, values: dict[str, Any], name: str = "Ann") -> Path:
    from openpyxl import load_workbook

    wb = load_workbook(template)
    wb[RESPONDENT_SHEET].cell(row=RESPONDENT_ROWS["name"], column=2).value = name
    ws = wb[QUESTIONS_SHEET]
    answer_col = [c.value for c in ws[1]].index("Answer") + 1
    for row in range(2, ws.max_row + 1):
        qid = ws.cell(row=row, column=1).value
        if qid in values:
            ws.cell(row=row, column=answer_col).value = values[qid]
    wb.save(target)
    return target


def test_each_answer_cell_offers_its_questions_own_answers(root: Path, tmp_path: Path) -> None:
    book = _template(root, "dom", tmp_path / "dom.xlsx")
    assert drop_downs(book) == {qid: [*labels, "n/a"] for qid, labels in OWN_LABELS.items()}


def test_the_answer_columns_show_each_questions_own_answers(root: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    ws = load_workbook(_template(root, "dom", tmp_path / "dom.xlsx"))[QUESTIONS_SHEET]
    headings = [c.value for c in ws[1]]
    assert headings[3:7] == ["Answer option 1", "Answer option 2", "Answer option 3", "Answer"]
    q1b = [ws.cell(row=3, column=col).value for col in (4, 5, 6)]
    assert q1b == ["Never", "Sometimes", "Always"]
    q2a = [ws.cell(row=4, column=col).value for col in (4, 5, 6)]
    assert q2a == ["No", "Yes, for some\nYes, for some teams", "Yes, for all\nYes, for all teams"]
    q2b = [ws.cell(row=5, column=col).value for col in (4, 5, 6)]
    assert q2b == ["Rarely\nonce a year", "Often\nevery week", None]
    instructions = "\n".join(str(c.value) for c in load_workbook(tmp_path / "dom.xlsx")
                             ["Instructions"]["A"] if c.value)
    assert "each has an answer scale of its own" in instructions
    assert "Yes: " not in instructions  # the framework's own scale is not offered as the answer


def test_a_workbook_in_the_questions_own_words_imports_and_scores(root: Path,
                                                                  tmp_path: Path) -> None:
    book = _template(root, "dom", tmp_path / "dom.xlsx")
    filled = _fill(book, tmp_path / "ann.xlsx", {"Q1A": "Yes", "Q1B": "sometimes",
                                                  "Q2A": "Yes, for some", "Q2B": 1})
    result = run("import", filled, "-o", root / "responses")
    assert result.exit_code == 0, result.output
    saved = yaml.safe_load((root / "responses" / "dom.ann.yaml").read_text())
    assert {k: v["value"] for k, v in saved["answers"].items()} == {
        "Q1A": "Yes", "Q1B": "Sometimes", "Q2A": "Yes, for some", "Q2B": 1}
    cap = score_json(root)["domains"][0]["capabilities"][0]
    assert cap["score"] == pytest.approx((1.0 + 0.5) / 2 + (0.5 + 1.0) / 2)


def test_an_answer_off_the_questions_own_scale_is_refused_naming_the_cell(
        root: Path, tmp_path: Path) -> None:
    book = _template(root, "dom", tmp_path / "dom.xlsx")
    filled = _fill(book, tmp_path / "ann.xlsx", {"Q1A": "Sometimes", "Q1B": "Yes",
                                                  "Q2B": "Rarely"})
    result = run("import", filled, "-o", root / "responses")
    assert result.exit_code == 3
    layout = layout_for(resolve("dom", root))
    col = chr(ord("A") + layout.answer_col - 1)
    lines = result.stderr.splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        f"Questions!{col}2: 'Sometimes' is not on the answer scale (No, Yes or n/a)",
        f"Questions!{col}3: 'Yes' is not on the answer scale (Never, Sometimes, Always or n/a)"]
    assert all(line.startswith(f"{filled}: ") for line in lines)
    assert not (root / "responses" / "dom.ann.yaml").exists()


def test_the_yaml_and_printable_forms_list_each_questions_own_answers(root: Path) -> None:
    text = run("template", "dom", "--assessment", root).stdout
    q1b = text[text.index("# Q1B:"):text.index("Q1B:\n")]
    assert "Never:" in q1b and "Always:" in q1b and "Yes:" not in q1b
    q2b = text[text.index("# Q2B:"):text.index("Q2B:\n")]
    assert "#   Rarely: once a year" in q2b and "No:" not in q2b
    assert "replace null after `value:` with one of the answers listed with each" in text
    form = run("template", "dom", "--assessment", root, "--format", "markdown").stdout
    q2a = form[form.index("### Q2A"):form.index("### Q2B")]
    assert "- [ ] **Yes, for some Yes, for some teams**" in q2a
    assert "**Never**" not in q2a and "**Yes**" not in q2a


def test_capture_asks_on_the_questions_own_answers(root: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(root.parent)
    term = Script(["Always", "", "", "", "Sometimes", "q"])
    with open_session(root, "dom", "Cara", "CISO") as session:
        session_walk = walk(session, term, start=1)
    assert session_walk.answered == 1
    assert term.prompts[0].startswith("Answer [Never, Sometimes, Always or n/a;")
    assert term.prompts[4].startswith("Answer [No, Yes, for some, Yes, for all or n/a;")
    assert "  'Sometimes' is not on the answer scale (No, Yes, for some Yes, for some teams, " \
        "Yes, for all Yes, for all teams or n/a)" in term.output
    saved = yaml.safe_load((root / "responses" / "dom.cara.yaml").read_text())
    assert saved["answers"]["Q1B"]["value"] == "Always"


# --- the published SAMM model, imported -----------------------------------------------------

SAMM = SAMPLES / "owasp-samm"


def test_samm_workbooks_offer_each_questions_answer_set_and_score_by_samm_rules(
        tmp_path: Path) -> None:
    if not (SAMM / "model").is_dir():
        pytest.skip(f"the SAMM sample is not beside the repository ({SAMM})")
    work = tmp_path / "samm"
    result = run("import-framework", "samm", SAMM, "-o", work)
    assert result.exit_code == 0, result.output
    fw = yaml.safe_load((work / "frameworks" / "owasp-samm.yaml").read_text())
    rng = random.Random(7)
    expected: dict[str, float] = {}
    for path in sorted((work / "questionnaires").glob("*.yaml")):
        q = yaml.safe_load(path.read_text())
        book = _template(work, q["id"], tmp_path / f"{q['id']}.xlsx")
        own = {x["id"]: fw["answer_sets"][x["answer_set"]] for x in q["questions"]}
        assert drop_downs(book) == {qid: [e["label"] for e in entries] + ["n/a"]
                                    for qid, entries in own.items()}
        picked = {qid: rng.choice(entries) for qid, entries in own.items()}
        filled = _fill(book, tmp_path / f"{q['id']}.tester.xlsx",
                       {qid: e["label"] for qid, e in picked.items()}, name="Tester")
        result = run("import", filled, "-o", work / "responses")
        assert result.exit_code == 0, result.output
        practices = []
        for cap in q["capabilities"]:
            mine = [x for x in q["questions"] if x["capability"] == cap["id"]]
            total = 0.0
            for level in sorted({x["level"] for x in mine}):
                streams: dict[str, list[float]] = {}
                for x in mine:
                    if x["level"] == level:
                        streams.setdefault(x["stream"], []).append(picked[x["id"]]["value"])
                total += statistics.fmean(statistics.fmean(v) for v in streams.values())
            practices.append(total)
        expected[q["id"]] = statistics.fmean(practices)
    got = {d["id"]: d["score"] for d in score_json(work)["domains"]}
    assert got.keys() == expected.keys()
    for ident, score in expected.items():
        assert got[ident] == pytest.approx(score, abs=1e-9)



def test_scores_show_each_questions_value_in_its_own_words(tmp_path: Path) -> None:
    answers = {"Q1A": {"value": "Yes"}, "Q1B": {"value": "Sometimes"},
               "Q2A": {"value": "Yes, for all"}, "Q2B": {"value": "Often"}}
    root = workspace(tmp_path / "a", framework=FRAMEWORK, questionnaire=QUESTIONNAIRE,
                     responses={"ann": answers})
    result = run("score", root, "--questions", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["question"]: r["label"] for r in rows} == {
        "Q1A": "Yes", "Q1B": "Sometimes", "Q2A": "Yes, for all", "Q2B": "Often"}


def test_the_reports_method_appendix_lists_every_answer_scale_in_use(
        root: Path, tmp_path: Path) -> None:
    # It listed the framework's own scale only, though three questions use others.
    book = _template(root, "dom", tmp_path / "dom.xlsx")
    filled = _fill(book, tmp_path / "ann.xlsx", {"Q1A": "Yes", "Q1B": "Never",
                                                  "Q2A": "No", "Q2B": "Rarely"})
    assert run("import", filled, "-o", root / "responses").exit_code == 0
    out = tmp_path / "report.md"
    result = run("report", root, "--format", "markdown", "-o", out)
    assert result.exit_code == 0, result.output
    appendix = out.read_text().split("The questions are answered on 4 scales.")[1]
    for name in ("the framework's answer scale", "Z", "W", "Q2B's own"):
        assert f"**{name}** (1 question)" in appendix
    for labels in OWN_LABELS.values():
        assert all(f"| {label} |" in appendix for label in labels)
