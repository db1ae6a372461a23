"""`assess import`: filled workbooks back to response files; tampered workbooks refused."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from assess.cli import main
from assess.load import yamlio
from assess.load.workspace import load_workspace
from assess.render.scores import score_dict
from assess.scoring import score_assessment
from assess.workshop.definition import split_evidence
from assess.workshop.layout import META_SHEET, QUESTIONS_SHEET, RESPONDENT_SHEET

from .workshop_support import (
    fill_workbook,
    libreoffice_convert,
    mini_copy,
    mini_definition,
    write_template,
)

IDS = ["AL-A-01", "AL-A-02", "AL-B-01", "AL-B-02"]
ANN = {"name": "Ann Example", "role": "CIO", "date": dt.date(2026, 1, 14)}
GOOD = {"AL-A-01": {"value": 3, "confidence": "high", "notes": "=1+2",
                    "evidence": "MFA policy v2; audit report"},
        "AL-A-02": {"value": "n/a", "notes": "-not ours"},
        "AL-B-01": {"value": 5, "notes": "@home +44 20 7946 0000"}}


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return mini_copy(tmp_path)


@pytest.fixture
def template(mini: Path) -> Path:
    return write_template(mini.parent / "alpha-template.xlsx", mini_definition(mini))


def _fill(template: Path, name: str = "filled.xlsx", respondent: dict[str, Any] | None = None,
          answers: dict[str, dict[str, Any]] | None = None) -> Path:
    return fill_workbook(template, template.parent / name, mini_definition(),
                         ANN if respondent is None else respondent,
                         GOOD if answers is None else answers)


def _import(runner: CliRunner, mini: Path, *books: Path, force: bool = False) -> Any:
    cwd = Path.cwd()
    args = ["import", *(str(b.relative_to(cwd)) for b in books), "-o",
            str((mini / "responses").relative_to(cwd))]
    return runner.invoke(main, [*args, "--force"] if force else args)


def test_import_counts_one_answer_in_the_singular(runner: CliRunner, mini: Path,
                                                  template: Path) -> None:
    result = _import(runner, mini, _fill(template, answers={"AL-A-01": {"value": 2}}))
    assert result.exit_code == 0, result.output
    # Like every other command's "wrote" line: on stderr, so stdout stays clean.
    assert (result.stdout, result.stderr) == ("", "wrote mini/responses/alpha.ann-example."
                                              "yaml (1 answer from filled.xlsx)\n")


def test_import_writes_a_valid_response(runner: CliRunner, mini: Path, template: Path) -> None:
    result = _import(runner, mini, _fill(template))
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("", "wrote mini/responses/alpha.ann-example."
                                              "yaml (3 answers from filled.xlsx)\n")
    target = mini / "responses" / "alpha.ann-example.yaml"
    assert target.read_text() == """\
# Imported by `assess import` from filled.xlsx (questionnaire alpha, version 1).
schema_version: 1
questionnaire: alpha
respondent:
  name: Ann Example
  role: CIO
date: 2026-01-14
answers:
  AL-A-01:
    value: 3
    confidence: high
    notes: =1+2
    evidence:
    - MFA policy v2
    - audit report
  AL-A-02:
    value: n/a
    notes: -not ours
  AL-B-01:
    value: 5
    notes: '@home +44 20 7946 0000'
"""
    assert runner.invoke(main, ["validate", str(mini)]).exit_code == 0


def test_refuses_to_overwrite_without_force(runner: CliRunner, mini: Path,
                                            template: Path) -> None:
    book = _fill(template)
    assert _import(runner, mini, book).exit_code == 0
    target = mini / "responses" / "alpha.ann-example.yaml"
    target.write_text("# edited by hand\n" + target.read_text())
    again = _import(runner, mini, book)
    assert again.exit_code == 3
    assert again.stderr == ("filled.xlsx: Respondent!B2: mini/responses/alpha.ann-example.yaml "
                            "already exists; use --force to replace it\n")
    assert target.read_text().startswith("# edited by hand")
    forced = _import(runner, mini, book, force=True)
    assert forced.exit_code == 0
    assert target.read_text().startswith("# Imported")


def test_force_never_replaces_a_file_a_live_capture_session_holds(
        runner: CliRunner, mini: Path, template: Path) -> None:
    # --force used to write straight over a response file being captured at the
    # projector; the session's next save then had to merge a whole new file.
    from assess.workshop.lock import acquire, lock_path

    book = _fill(template)
    assert _import(runner, mini, book).exit_code == 0
    target = mini / "responses" / "alpha.ann-example.yaml"
    before = target.read_text()
    session = acquire(target)  # a live capture session on the file
    try:
        forced = _import(runner, mini, book, force=True)
        assert forced.exit_code == 3
        assert forced.stderr.startswith("filled.xlsx: Respondent!B2: not imported: "
                                        "mini/responses/alpha.ann-example.yaml is being "
                                        "captured by ")
        assert target.read_text() == before
    finally:
        session.release()
    assert _import(runner, mini, book, force=True).exit_code == 0
    assert not lock_path(target).exists()  # the import's own lock is gone


def _set(sheet: str, cell: str, value: Any) -> Callable[[Any], None]:
    def edit(wb: Any) -> None:
        wb[sheet][cell] = value
    return edit


TAMPERED = [
    ("wrong version", _set(META_SHEET, "B4", "2"),
     ["tampered.xlsx: assess!B4: made from alpha version '2', but mini/questionnaires/alpha.yaml "
      "is version '1': make a new template, or import with the definition it was made from"]),
    ("wrong checksum", _set(META_SHEET, "B5", "0" * 64),
     ["tampered.xlsx: assess!B5: made from a different definition of alpha version '1' "
      "(checksum 000000000000..., now " + mini_definition().checksum[:12] + "...): "
      "mini/questionnaires/alpha.yaml changed since the template was made"]),
    ("edited id", _set(QUESTIONS_SHEET, "A3", "AL-A-99"),
     ["tampered.xlsx: Questions!A3: edited id: expected 'AL-A-02', found 'AL-A-99' (rows must "
      "not be edited, sorted or moved)"]),
    ("out of range", _set(QUESTIONS_SHEET, "J4", 7),
     ["tampered.xlsx: Questions!J4: 7 is outside the levels 0-5 (answers: 0-5 or n/a)"]),
    ("not a value", _set(QUESTIONS_SHEET, "J4", "seven"),
     ["tampered.xlsx: Questions!J4: expected a level 0-5, a level name or n/a, got 'seven' "
      "(0 Absent, 1 Initial, 2 Developing, 3 Defined, 4 Managed, 5 Optimised or n/a)"]),
    ("empty respondent", _set(RESPONDENT_SHEET, "B2", None),
     ["tampered.xlsx: Respondent!B2: missing respondent name"]),
    ("formula answer", _set(QUESTIONS_SHEET, "J5", "=2+1"),
     ["tampered.xlsx: Questions!J5: a formula (=2+1) is not read here; choose the answer from "
      "the list"]),
    ("notes without answer", _set(QUESTIONS_SHEET, "L5", "ask Bob"),
     ["tampered.xlsx: Questions!J5: confidence, notes or evidence given without an answer: "
      "choose one (0-5 or n/a) or clear them"]),
    ("bad confidence", _set(QUESTIONS_SHEET, "K2", "very"),
     ["tampered.xlsx: Questions!K2: expected low, medium or high, got 'very'"]),
    ("bad date", _set(RESPONDENT_SHEET, "B4", "last Tuesday"),
     ["tampered.xlsx: Respondent!B4: expected a date (YYYY-MM-DD), got 'last Tuesday'"]),
    ("moved column", _set(QUESTIONS_SHEET, "J1", "My answer"),
     ["tampered.xlsx: Questions!J1: column heading changed: expected 'Answer', found "
      "'My answer' (columns must not be inserted, deleted or moved)"]),
    ("row added", _set(QUESTIONS_SHEET, "J6", 2),
     ["tampered.xlsx: Questions!J6: content below the last question is not read; put answers "
      "on their question's row"]),
    ("several at once", lambda wb: [_set(QUESTIONS_SHEET, "J4", 6)(wb),
                                    _set(RESPONDENT_SHEET, "B2", "  ")(wb),
                                    _set(QUESTIONS_SHEET, "K3", "sure")(wb)],
     ["tampered.xlsx: Questions!J4: 6 is outside the levels 0-5 (answers: 0-5 or n/a)",
      "tampered.xlsx: Questions!K3: expected low, medium or high, got 'sure'",
      "tampered.xlsx: Respondent!B2: missing respondent name"]),
]


@pytest.mark.parametrize(("edit", "expected"), [(e, x) for _, e, x in TAMPERED],
                         ids=[name for name, _, _ in TAMPERED])
def test_tampered_workbooks_exit_3_and_write_nothing(
        edit: Callable[[Any], None], expected: list[str], runner: CliRunner, mini: Path,
        template: Path) -> None:
    book = _fill(template)
    wb = load_workbook(book)
    edit(wb)
    wb.save(mini.parent / "tampered.xlsx")
    result = _import(runner, mini, mini.parent / "tampered.xlsx")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == expected
    assert result.stdout == ""
    assert list((mini / "responses").iterdir()) == []


def test_a_changed_definition_is_detected(runner: CliRunner, mini: Path, template: Path) -> None:
    book = _fill(template)
    source = mini / "questionnaires" / "alpha.yaml"
    source.write_text(source.read_text().replace("First alpha question?", "Reworded?"))
    changed = _import(runner, mini, book)
    assert changed.exit_code == 3
    assert "changed since the template was made" in changed.stderr
    source.write_text(source.read_text().replace("name: Alpha\n", "name: Alpha\nversion: '2'\n"))
    bumped = _import(runner, mini, book)
    assert bumped.stderr.startswith("filled.xlsx: assess!B4: made from alpha version '1', but "
                                    "mini/questionnaires/alpha.yaml is version '2'")
    assert list((mini / "responses").iterdir()) == []


def test_good_workbooks_are_written_when_another_fails(runner: CliRunner, mini: Path,
                                                       template: Path) -> None:
    good = _fill(template, "good.xlsx")
    bad = _fill(template, "bad.xlsx", respondent={"name": "Bob"},
                answers={"AL-A-01": {"value": 9}})
    result = _import(runner, mini, good, bad)
    assert result.exit_code == 3
    assert result.stderr == ("wrote mini/responses/alpha.ann-example.yaml (3 answers from "
                             "good.xlsx)\n"
                             "bad.xlsx: Questions!J2: 9 is outside the levels 0-5 "
                             "(answers: 0-5 or n/a)\n")
    assert sorted(p.name for p in (mini / "responses").iterdir()) == ["alpha.ann-example.yaml"]


def test_two_workbooks_for_one_respondent_both_fail(runner: CliRunner, mini: Path,
                                                    template: Path) -> None:
    first = _fill(template, "first.xlsx")
    second = _fill(template, "second.xlsx", respondent={"name": "ann  example"})
    result = _import(runner, mini, first, second)
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"{book}: Respondent!B2: first.xlsx, second.xlsx all give "
        "mini/responses/alpha.ann-example.yaml: one respondent per questionnaire"
        for book in ("first.xlsx", "second.xlsx")]
    assert list((mini / "responses").iterdir()) == []


def test_not_a_template(runner: CliRunner, mini: Path) -> None:
    from openpyxl import Workbook

    (mini.parent / "notes.xlsx").write_text("not a zip")
    Workbook().save(mini.parent / "plain.xlsx")
    result = _import(runner, mini, mini.parent / "notes.xlsx", mini.parent / "plain.xlsx")
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        "notes.xlsx: <root>: a text file, not an Excel workbook (.xlsx): import the workbook made "
        "by `assess template QUESTIONNAIRE --format xlsx`",
        "plain.xlsx: <root>: not an assess questionnaire workbook (no hidden 'assess' sheet); "
        "make one with `assess template QUESTIONNAIRE --format xlsx`"]


def test_questionnaire_outside_the_assessment_scope(runner: CliRunner, mini: Path,
                                                    template: Path) -> None:
    book = _fill(template)
    other = mini.parent / "other"
    (other / "responses").mkdir(parents=True)
    (other / "questionnaires").mkdir()
    (other / "questionnaires" / "alpha.yaml").write_text(
        (mini / "questionnaires" / "alpha.yaml").read_text())
    (other / "assessment.yaml").write_text("schema_version: 1\norganisation: Other\n"
                                           "date: 2026-01-15\nquestionnaires: [gamma]\n")
    result = runner.invoke(main, ["import", str(book), "-o", str(other / "responses")])
    assert result.exit_code == 3
    assert result.stderr == ("filled.xlsx: assess!B3: questionnaire 'alpha' is not in the scope "
                             "of other/assessment.yaml (gamma)\n")


# --- round trip: a filled workbook scores exactly like the same answers typed as YAML --------

_VALUES = st.one_of(st.none(), st.sampled_from([0, 1, 2, 3, 4, 5, "n/a", "3", "N/A"]))
_TEXT = st.text(st.sampled_from("abc XYZ019=+-@;:'\"#&<>é"), max_size=20).map(str.strip)
_ANSWER = st.fixed_dictionaries(
    {"value": _VALUES},
    optional={"confidence": st.sampled_from(["low", "medium", "high", "High"]),
              "notes": _TEXT, "evidence": st.lists(_TEXT.filter(lambda t: ";" not in t),
                                                   max_size=3)})


def _yaml_answer(answer: dict[str, Any]) -> dict[str, Any]:
    value = answer["value"]
    out: dict[str, Any] = {"value": int(value) if value == "3" else
                           "n/a" if value == "N/A" else value}
    if answer.get("confidence"):
        out["confidence"] = answer["confidence"].lower()
    if answer.get("notes"):
        out["notes"] = answer["notes"]
    evidence = split_evidence("; ".join(answer.get("evidence", [])))
    if evidence:
        out["evidence"] = evidence
    return out


def _cell_answer(answer: dict[str, Any]) -> dict[str, Any]:
    cells = {k: v for k, v in answer.items() if k != "evidence"}
    cells["evidence"] = "; ".join(answer.get("evidence", []))
    return cells


def _scores(root: Path) -> str:
    return json.dumps(score_dict(score_assessment(load_workspace(root).scoring_inputs()),
                                 questions=True), sort_keys=True)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=st.lists(st.dictionaries(st.sampled_from(IDS), _ANSWER), min_size=1, max_size=2))
def test_round_trip_scores_equal_yaml(people: list[dict[str, dict[str, Any]]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        via_excel, via_yaml = mini_copy(base / "excel"), mini_copy(base / "yaml")
        template = write_template(base / "template.xlsx", mini_definition())
        books = []
        for i, answers in enumerate(people):
            # A blank answer cell must come with blank notes (else import refuses it).
            answered = {q: a for q, a in answers.items() if a["value"] is not None}
            name = f"Person {i}"
            books.append(fill_workbook(template, base / f"p{i}.xlsx", mini_definition(),
                                       {"name": name},
                                       {q: _cell_answer(a) for q, a in answered.items()}))
            data = {"schema_version": 1, "questionnaire": "alpha",
                    "respondent": {"name": name},
                    "answers": {q: _yaml_answer(answered[q]) for q in IDS if q in answered}}
            (via_yaml / "responses" / f"alpha.person-{i}.yaml").write_text(yamlio.dump(data))
        from assess.workshop.import_xlsx import import_workbooks

        result = import_workbooks(books, via_excel / "responses")
        assert result.problems == []
        for path in (via_yaml / "responses").iterdir():
            imported = yamlio.read(via_excel / "responses" / path.name).data
            assert imported == yamlio.read(path).data
        assert _scores(via_excel) == _scores(via_yaml)


def test_libreoffice_saved_workbook_imports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            runner: CliRunner) -> None:
    monkeypatch.chdir(tmp_path)
    mini = mini_copy(tmp_path)
    template = write_template(tmp_path / "alpha-template.xlsx", mini_definition(mini))
    book = _fill(template)
    (tmp_path / "lo").mkdir()
    converted = libreoffice_convert(book, tmp_path / "lo", "xlsx")
    assert converted.returncode == 0, converted.stderr
    resaved = tmp_path / "lo" / "filled.xlsx"
    wb = load_workbook(resaved)
    assert len(wb[QUESTIONS_SHEET].data_validations.dataValidation) == 2  # drop-downs kept
    assert wb[META_SHEET].sheet_state == "hidden"
    result = _import(runner, mini, resaved)
    assert result.exit_code == 0, result.output
    text = (mini / "responses" / "alpha.ann-example.yaml").read_text()
    assert "notes: =1+2" in text  # the formula's text, not its result
    assert "value: 3" in text


def test_example_responses_survive_the_workbook(tmp_path: Path) -> None:
    """Every response of the bundled example, typed into a template and imported, comes
    back identical (the real questionnaires, not just the mini fixture)."""
    import shutil

    from assess.load.loader import load_model
    from assess.models import Response
    from assess.workshop.definition import resolve
    from assess.workshop.import_xlsx import import_workbooks

    from .conftest import EXAMPLE

    files = sorted((EXAMPLE / "responses").glob("*.yaml"))
    people = [(f, yamlio.read(f).data) for f in files]
    people = [(f, d) for f, d in people if not d.get("consensus")]
    if not people:
        pytest.skip("the example has no respondent files yet")
    root = tmp_path / "example"
    shutil.copytree(EXAMPLE, root)
    shutil.rmtree(root / "responses")
    (root / "responses").mkdir()
    books = []
    for path, data in people:
        defn = resolve(data["questionnaire"], root)
        template = tmp_path / f"{defn.questionnaire.id}.xlsx"
        if not template.exists():
            write_template(template, defn)
        respondent = dict(data["respondent"]) | ({"date": str(data["date"])}
                                                 if "date" in data else {})
        books.append(fill_workbook(template, tmp_path / f"{path.stem}.xlsx", defn, respondent,
                                   {qid: _cell_answer(a) for qid, a in data["answers"].items()}))
    result = import_workbooks(books, root / "responses")
    assert result.problems == []
    for path, _ in people:  # compared as validated models: a quoted date is still a date
        imported = load_model(root / "responses" / path.name, Response)[0]
        assert imported == load_model(path, Response)[0], path.name
