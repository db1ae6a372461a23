"""The framework's answering rule and glossary, on every blank form."""

from __future__ import annotations

import io
from pathlib import Path

import yaml
from openpyxl import load_workbook

from assess.models import Framework, GlossaryEntry, Questionnaire
from assess.workshop.definition import glossary_used, resolve
from assess.workshop.forms import render_form
from assess.workshop.layout import GLOSSARY_SHEET, INSTRUCTIONS_SHEET
from assess.workshop.template_xlsx import workbook_bytes
from assess.workshop.template_yaml import yaml_template


def _framework(*entries: GlossaryEntry) -> Framework:
    return Framework(schema_version=1, id="f", name="F", glossary=list(entries),
                     levels=[{"level": 0, "name": "A", "description": "a"},  # type: ignore[list-item]
                             {"level": 1, "name": "B", "description": "b"}])


def _questionnaire(text: str) -> Questionnaire:
    return Questionnaire.model_validate({
        "schema_version": 1, "id": "q", "name": "Q",
        "capabilities": [{"id": "c", "name": "C"}],
        "questions": [{"id": "Q-01", "capability": "c", "text": text}]})


def test_glossary_lists_only_the_terms_a_questionnaire_uses() -> None:
    fw = _framework(GlossaryEntry(term="PUE", meaning="p"),
                    GlossaryEntry(term="N+1", meaning="n"),
                    GlossaryEntry(term="MAC bypass", meaning="m", also=["MAB"]),
                    GlossaryEntry(term="error budget", meaning="e"))
    used = glossary_used(fw, _questionnaire("Is cooling N+1, and are printers on MAB?"))
    assert [e.term for e in used] == ["MAC bypass", "N+1"]
    # Any case for an ordinary term; whole words only.
    assert [e.term for e in glossary_used(fw, _questionnaire("Error budget spent?"))] == [
        "error budget"]
    assert glossary_used(fw, _questionnaire("Is N+10 enough? PUEs?")) == []


def test_an_acronym_must_match_in_case() -> None:
    fw = _framework(GlossaryEntry(term="FOCUS", meaning="billing format"))
    assert glossary_used(fw, _questionnaire("Where do you focus?")) == []
    assert glossary_used(fw, _questionnaire("Is billing data in FOCUS?")) != []


def test_every_shipped_glossary_term_is_used_by_some_questionnaire() -> None:
    network = resolve("network")
    used: set[str] = set()
    for ident in ("data-centres", "cloud", "network", "user-interaction", "cybersecurity",
                  "digital-governance"):
        used |= {e.term for e in resolve(ident).glossary}
    assert {e.term for e in network.framework.glossary} <= used


def test_forms_carry_the_partial_fit_rule_and_the_glossary() -> None:
    defn = resolve("network")
    assert "802.1X" in [e.term for e in defn.glossary]
    rule = "highest level that is met in full"
    text = yaml_template(defn)
    assert rule in " ".join(text.split("# "))  # comments, wrapped
    assert "#   - 802.1X: " in text
    yaml.safe_load(text)  # still a YAML file
    for fmt in ("markdown", "html"):
        form = render_form(defn, fmt)
        assert rule in form and "Glossary" in form and "MAC authentication bypass" in form
    wb = load_workbook(io.BytesIO(workbook_bytes(defn)))
    assert GLOSSARY_SHEET in wb.sheetnames
    terms = [wb[GLOSSARY_SHEET].cell(row=r, column=1).value
             for r in range(2, wb[GLOSSARY_SHEET].max_row + 1)]
    assert "802.1X" in terms and terms == sorted(terms, key=str.casefold)
    instructions = " ".join(str(c.value) for c in wb[INSTRUCTIONS_SHEET]["A"] if c.value)
    assert rule in instructions


def test_cl_mig_02_says_when_to_answer_na() -> None:
    cloud = resolve("cloud").questionnaire
    (question,) = [q for q in cloud.questions if q.id == "CL-MIG-02"]
    assert "n/a" in question.guidance


def test_a_workbook_with_a_glossary_sheet_imports_and_an_edited_glossary_is_refused(
        tmp_path: Path) -> None:
    from assess.workshop.import_xlsx import read_workbook
    from assess.workshop.layout import QUESTIONS_SHEET, RESPONDENT_SHEET, layout_for

    defn = resolve("network")
    book = tmp_path / "network.xlsx"
    book.write_bytes(workbook_bytes(defn))
    wb = load_workbook(book)
    wb[RESPONDENT_SHEET]["B2"] = "Eve Example"
    layout = layout_for(defn)
    wb[QUESTIONS_SHEET].cell(row=layout.row(0), column=layout.answer_col, value="2")
    wb.save(book)
    imported, problems = read_workbook(book, tmp_path / "out")
    assert problems == [] and imported is not None
    wb[GLOSSARY_SHEET]["B2"] = "something else"
    wb.save(book)
    _, problems = read_workbook(book, tmp_path / "out")
    assert any(GLOSSARY_SHEET in str(problem) for problem in problems)
