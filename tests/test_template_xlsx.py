"""The Excel template: sheets, drop-downs, descriptors, protection, the hidden definition id."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from assess.cli import main
from assess.workshop.definition import checksum, resolve
from assess.workshop.layout import (
    META_KEYS,
    META_SHEET,
    QUESTIONS_SHEET,
    RESPONDENT_SHEET,
    layout_for,
)
from assess.workshop.template_xlsx import workbook_bytes

from .workshop_support import MINI, libreoffice_convert, mini_copy, mini_definition

SCALE_FRAMEWORK = """\
schema_version: 1
id: practices
name: Practice framework
levels:
  - {level: 0, name: Incomplete, description: Not all level-1 practices achieved.}
  - {level: 1, name: Initiated, description: Level-1 practices achieved.}
  - {level: 2, name: Performed, description: Level-2 practices achieved.}
answer_scale:
  - {label: FI, name: Fully implemented, value: 1.0, achieves: true, description: Complete.}
  - {label: LI, name: Largely implemented, value: 0.75, achieves: true}
  - {label: PI, name: Partially implemented, value: 0.5}
  - {label: NI, name: Not implemented, value: 0.0}
method: {name: cumulative}
"""

SCALE_QUESTIONNAIRE = """\
schema_version: 1
id: prac
name: Practices
framework: practices
capabilities:
  - {id: prac_cap, name: Practice capability}
questions:
  - {id: PR-01, capability: prac_cap, text: Are assets listed?, level: 1}
  - {id: PR-02, capability: prac_cap, text: "=HYPERLINK(\\"http://x\\")", level: 2}
"""


def _book(tmp_path: Path) -> Any:
    path = tmp_path / "alpha.xlsx"
    path.write_bytes(workbook_bytes(mini_definition()))
    return load_workbook(path)


def test_sheets_and_hidden_definition_id(tmp_path: Path) -> None:
    wb = _book(tmp_path)
    assert wb.sheetnames == ["Instructions", RESPONDENT_SHEET, QUESTIONS_SHEET, META_SHEET]
    meta = wb[META_SHEET]
    assert meta.sheet_state == "hidden"
    values = {meta.cell(row=i, column=1).value: meta.cell(row=i, column=2).value
              for i in range(1, len(META_KEYS) + 1)}
    defn = mini_definition()
    assert values["questionnaire"] == "alpha"
    assert values["version"] == "1"
    assert values["checksum"] == checksum(defn.questionnaire) == defn.checksum
    assert values["framework"] == "digital-foundations"
    assert wb.security.lockStructure


def test_questions_show_descriptors_and_have_drop_downs(tmp_path: Path) -> None:
    wb = _book(tmp_path)
    ws = wb[QUESTIONS_SHEET]
    layout = layout_for(mini_definition())
    headers = [ws.cell(row=1, column=c).value for c in range(1, len(layout.headers()) + 1)]
    assert headers[:4] == ["ID", "Capability", "Question", "0 Absent"]
    assert headers[layout.answer_col - 1] == "Answer"
    assert [ws.cell(row=r, column=1).value for r in range(2, 6)] == [
        "AL-A-01", "AL-A-02", "AL-B-01", "AL-B-02"]
    assert ws.cell(row=2, column=layout.first_option_col + 3).value == "standard"  # level 3
    assert ws.cell(row=2, column=layout.capability_col).value == "Alpha capability"

    validations = {dv.formula1: str(dv.sqref) for dv in ws.data_validations.dataValidation}
    answer_col = chr(64 + layout.answer_col)
    confidence_col = chr(64 + layout.confidence_col)
    assert validations == {'"0,1,2,3,4,5,n/a"': f"{answer_col}2:{answer_col}5",
                           '"low,medium,high"': f"{confidence_col}2:{confidence_col}5"}
    for dv in ws.data_validations.dataValidation:
        assert dv.type == "list" and dv.showErrorMessage and dv.allow_blank


def test_only_input_cells_are_unlocked(tmp_path: Path) -> None:
    wb = _book(tmp_path)
    ws = wb[QUESTIONS_SHEET]
    layout = layout_for(mini_definition())
    assert ws.protection.sheet
    for col in range(1, len(layout.headers()) + 1):
        unlocked = not ws.cell(row=3, column=col).protection.locked
        assert unlocked == (col in layout.input_cols), col
    assert ws.cell(row=1, column=layout.answer_col).protection.locked  # the heading
    assert ws.cell(row=3, column=layout.notes_col).number_format == "@"  # typed text stays text
    respondent = wb[RESPONDENT_SHEET]
    assert respondent.protection.sheet
    assert not respondent["B2"].protection.locked and respondent["A2"].protection.locked


def test_answer_scale_labels_and_hostile_text(tmp_path: Path) -> None:
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "questionnaires").mkdir()
    (tmp_path / "frameworks" / "practices.yaml").write_text(SCALE_FRAMEWORK)
    (tmp_path / "questionnaires" / "prac.yaml").write_text(SCALE_QUESTIONNAIRE)
    defn = resolve(str(tmp_path / "questionnaires" / "prac.yaml"))
    path = tmp_path / "prac.xlsx"
    path.write_bytes(workbook_bytes(defn))
    ws = load_workbook(path)[QUESTIONS_SHEET]
    layout = layout_for(defn)
    assert [ws.cell(row=1, column=c).value for c in range(4, layout.answer_col)] == [
        "FI Fully implemented", "LI Largely implemented", "PI Partially implemented",
        "NI Not implemented"]
    assert ws.cell(row=2, column=4).value == "Complete."
    formulas = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert formulas == ['"FI,LI,PI,NI,n/a"', '"low,medium,high"']
    hostile = ws.cell(row=3, column=layout.text_col)
    assert hostile.data_type == "s"  # stored as text, not as a formula
    assert hostile.value == "=HYPERLINK(\"http://x\")"  # as written: no apostrophe shown
    assert hostile.quotePrefix  # Excel's "text that looks like a formula" mark


def test_long_choice_lists_point_at_the_hidden_sheet(tmp_path: Path) -> None:
    labels = "\n".join(f"  - {{label: 'choice number {i} with a long label', name: C{i}, "
                       f"value: {i}}}" for i in range(12))
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "questionnaires").mkdir()
    framework = SCALE_FRAMEWORK.split("answer_scale:")[0] + "answer_scale:\n" + labels + "\n"
    (tmp_path / "frameworks" / "practices.yaml").write_text(framework)
    (tmp_path / "questionnaires" / "prac.yaml").write_text(SCALE_QUESTIONNAIRE)
    defn = resolve(str(tmp_path / "questionnaires" / "prac.yaml"))
    path = tmp_path / "prac.xlsx"
    path.write_bytes(workbook_bytes(defn))
    wb = load_workbook(path)
    dv = wb[QUESTIONS_SHEET].data_validations.dataValidation[0]
    assert dv.formula1 == "'assess'!$D$1:$D$13"
    assert [wb[META_SHEET].cell(row=r, column=4).value for r in (1, 13)] == [
        "choice number 0 with a long label", "n/a"]


def test_cli_writes_the_workbook(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "alpha.xlsx"
    source = str(MINI / "questionnaires" / "alpha.yaml")
    result = runner.invoke(main, ["template", source, "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert load_workbook(out).sheetnames[2] == QUESTIONS_SHEET
    no_output = runner.invoke(main, ["template", source, "--format", "xlsx"])
    assert no_output.exit_code == 2
    assert "need -o" in no_output.output
    both = runner.invoke(main, ["template", source, "--all", "-o", str(tmp_path)])
    assert both.exit_code == 2
    unknown = runner.invoke(main, ["template", "no-such-questionnaire"])
    assert unknown.exit_code == 3
    assert unknown.stderr.startswith("error: unknown questionnaire 'no-such-questionnaire'")


def test_all_writes_one_workbook_per_questionnaire(tmp_path: Path, runner: CliRunner,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import assess.load.workspace

    content = tmp_path / "content"
    (content / "questionnaires").mkdir(parents=True)
    shutil.copy(MINI / "questionnaires" / "alpha.yaml", content / "questionnaires")
    beta = (MINI / "questionnaires" / "alpha.yaml").read_text()
    beta = beta.replace("\nid: alpha\n", "\nid: beta\n")
    (content / "questionnaires" / "beta.yaml").write_text(beta)
    real = assess.load.workspace.content_path
    monkeypatch.setattr(assess.load.workspace, "content_path",
                        lambda kind, *parts: content.joinpath(kind, *parts)
                        if kind == "questionnaires" else real(kind, *parts))
    out = tmp_path / "pack"
    result = runner.invoke(main, ["template", "--all", "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["alpha.xlsx", "beta.xlsx"]
    assert load_workbook(out / "beta.xlsx")[META_SHEET]["B3"].value == "beta"
    md = runner.invoke(main, ["template", "--all", "--format", "markdown", "-o", str(out)])
    assert md.exit_code == 0
    assert (out / "beta.md").read_text().startswith("# Alpha — maturity questionnaire")


def test_libreoffice_opens_the_template(tmp_path: Path) -> None:
    path = tmp_path / "alpha.xlsx"
    path.write_bytes(workbook_bytes(mini_definition(mini_copy(tmp_path))))
    # Every sheet to its own UTF-8 CSV (filter options: comma, quote, UTF-8, ..., sheet -1).
    result = libreoffice_convert(
        path, tmp_path, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,"
        "false,-1")
    assert result.returncode == 0, result.stderr
    questions = tmp_path / f"alpha-{QUESTIONS_SHEET}.csv"
    if not questions.exists():  # LibreOffice before 7.2 writes the first sheet only
        assert (tmp_path / "alpha.csv").exists(), result.stdout + result.stderr
        return
    rows = list(csv.reader(io.StringIO(questions.read_text(encoding="utf-8"))))
    assert rows[0][:4] == ["ID", "Capability", "Question", "0 Absent"]
    assert [r[0] for r in rows[1:]] == ["AL-A-01", "AL-A-02", "AL-B-01", "AL-B-02"]
    meta = (tmp_path / f"alpha-{META_SHEET}.csv").read_text(encoding="utf-8")
    assert mini_definition().checksum in meta
