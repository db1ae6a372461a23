"""`assess import` loses nothing: text outside the cells read is kept in notes or refused
with the cell named; merged and percentage-formatted answers are refused."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.comments import Comment

from assess.cli import main
from assess.load import yamlio
from assess.workshop.import_xlsx import import_workbooks, read_workbook

from .workshop_support import fill_workbook, mini_copy, mini_definition, write_template

ANN = {"name": "Ann Example", "role": "CIO", "date": dt.date(2026, 1, 14)}
ANSWERS = {"AL-A-01": {"value": 3, "notes": "typed note"}, "AL-A-02": {"value": "n/a"},
           "AL-B-01": {"value": 2}}  # AL-B-02 (row 5) left unanswered
# The mini questionnaire's Questions sheet: A-O (Guidance is O); P onwards are spare.


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return mini_copy(tmp_path)


@pytest.fixture
def filled(mini: Path) -> Path:
    template = write_template(mini.parent / "template.xlsx", mini_definition(mini))
    return fill_workbook(template, mini.parent / "filled.xlsx", mini_definition(mini), ANN,
                         ANSWERS)


def _edited(book: Path, edit: Callable[[Any], None]) -> Path:
    wb = load_workbook(book)
    edit(wb)
    wb.save(book.parent / "edited.xlsx")
    return book.parent / "edited.xlsx"


def _import(runner: CliRunner, book: Path) -> Any:
    return runner.invoke(main, ["import", book.name, "-o", "mini/responses"])


def _notes(mini: Path, qid: str) -> str:
    data = yamlio.read(mini / "responses" / "alpha.ann-example.yaml").data
    return str(data["answers"][qid].get("notes", ""))


def _comment(sheet: str, cell: str, text: str) -> Callable[[Any], None]:
    def edit(wb: Any) -> None:
        wb[sheet][cell].comment = Comment(text, "Ann")
    return edit


def _set(sheet: str, cell: str, value: Any) -> Callable[[Any], None]:
    def edit(wb: Any) -> None:
        wb[sheet][cell] = value
    return edit


# --- kept -------------------------------------------------------------------------------

def test_a_note_in_a_spare_column_is_kept_in_the_notes(runner: CliRunner, mini: Path,
                                                       filled: Path) -> None:
    result = _import(runner, _edited(filled, _set("Questions", "Q2", "ask Bob about MFA")))
    assert result.exit_code == 0, result.output
    assert _notes(mini, "AL-A-01") == "typed note\n\nColumn Q: ask Bob about MFA"


def test_a_spare_column_heading_labels_its_notes(runner: CliRunner, mini: Path,
                                                 filled: Path) -> None:
    def edit(wb: Any) -> None:
        wb["Questions"]["P1"] = "Follow-up"
        wb["Questions"]["P2"] = "CISO"
        wb["Questions"]["P4"] = "Facilities"

    result = _import(runner, _edited(filled, edit))
    assert result.exit_code == 0, result.output
    assert _notes(mini, "AL-A-01") == "typed note\n\nFollow-up: CISO"
    assert _notes(mini, "AL-B-01") == "Follow-up: Facilities"


def test_a_comment_on_a_question_row_is_kept_in_the_notes(runner: CliRunner, mini: Path,
                                                          filled: Path) -> None:
    def edit(wb: Any) -> None:
        _comment("Questions", "J2", "Ann:\nonly for staff, not contractors")(wb)
        _comment("Questions", "C3", "we outsource this")(wb)

    result = _import(runner, _edited(filled, edit))
    assert result.exit_code == 0, result.output
    assert _notes(mini, "AL-A-01") == ("typed note\n\nComment on Answer: Ann:\nonly for staff, "
                                       "not contractors")
    assert _notes(mini, "AL-A-02") == "Comment on Question: we outsource this"


# --- refused ----------------------------------------------------------------------------

REFUSED = [
    ("note on an unanswered row", _set("Questions", "Q5", "no idea"),
     "Questions!Q5: text here is kept only as a note of an answered question: choose an "
     "answer (0-5 or n/a) or clear it"),
    ("comment on an unanswered row", _comment("Questions", "J5", "ask IT"),
     "Questions!J5: text here is kept only as a note of an answered question: choose an "
     "answer (0-5 or n/a) or clear it"),
    ("comment on the respondent", _comment("Respondent", "B2", "on leave in May"),
     "Respondent!B2: a comment here is not read: put it in the Notes of its question (or as a "
     "comment on that question's row)"),
    ("comment on a heading", _comment("Questions", "J1", "hard to answer"),
     "Questions!J1: a comment here is not read: put it in the Notes of its question (or as a "
     "comment on that question's row)"),
    ("text beside the respondent", _set("Respondent", "C2", "and Bob"),
     "Respondent!C2: this cell is not read, and the template left it empty: put the text in "
     "the Notes of a question"),
    ("text in the instructions", _set("Instructions", "B3", "call me"),
     "Instructions!B3: this cell is not read, and the template left it empty: put the text "
     "in the Notes of a question"),
    ("edited question text", _set("Questions", "C2", "MFA? yes, mostly"),
     "Questions!C2: the template's text was changed (to 'MFA? yes, mostly'); it is not read: "
     "undo the change and write in the Notes column instead"),
    ("edited descriptor", _set("Questions", "G3", "this is us"),
     "Questions!G3: the template's text was changed (to 'this is us'); it is not read: undo "
     "the change and write in the Notes column instead"),
    ("below the last question", _set("Questions", "C7", "overall: fine"),
     "Questions!C7: content below the last question is not read; put answers on their "
     "question's row"),
    ("spare heading alone", _set("Questions", "R1", "Owner"),
     "Questions!R1: a heading with nothing beneath it is not read: write under it on the "
     "questions' rows, or clear it"),
    ("another sheet", lambda wb: wb.create_sheet("Mine").cell(row=2, column=2, value="x"),
     "Mine!B2: the sheet 'Mine' is not part of the questionnaire and is not read: move its "
     "text to the Notes of the questions"),
    ("made_by edited", _set("assess", "B8", "hello"),
     "assess!B8: edited ('hello'); it is not read"),
    ("merged answers", lambda wb: wb["Questions"].merge_cells("J2:J5"),
     "Questions!J2:J5: merged cells are not read (one cell cannot answer or note several "
     "questions): unmerge them and fill in each cell"),
    ("percentage", lambda wb: setattr(wb["Questions"]["J2"], "number_format", "0%"),
     "Questions!J2: the answer 3 is formatted as a percentage and shows as 300%: clear the "
     "cell's number format and choose the answer from the list"),
    ("hidden by its format", lambda wb: setattr(wb["Questions"]["J2"], "number_format", ";;;"),
     "Questions!J2: the answer 3 has the number format ';;;', so the sheet may show something "
     "else: clear the cell's number format and choose the answer from the list"),
]


@pytest.mark.parametrize(("edit", "expected"), [(e, x) for _, e, x in REFUSED],
                         ids=[name for name, _, _ in REFUSED])
def test_text_that_is_not_read_is_refused_with_its_cell(runner: CliRunner, mini: Path,
                                                        filled: Path, edit: Any,
                                                        expected: str) -> None:
    result = _import(runner, _edited(filled, edit))
    assert (result.exit_code, result.stderr) == (3, f"edited.xlsx: {expected}\n")
    assert list((mini / "responses").iterdir()) == []


def test_notes_over_the_limit_with_comments_are_refused(mini: Path, filled: Path) -> None:
    book = _edited(filled, lambda wb: [_set("Questions", "L2", "n" * 19_990)(wb),
                                       _comment("Questions", "J2", "a long comment")(wb)])
    imported, problems = read_workbook(book, mini / "responses")
    assert imported is None
    assert [str(p) for p in problems] == [
        "edited.xlsx: Questions!L2: the notes, with the comments and spare columns of this row, "
        "come to 20,025 characters, over the 20,000 a note may have"]


# --- the property: never exit 0 with text gone -------------------------------------------

SHEETS = ["Instructions", "Respondent", "Questions", "assess"]
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=3, max_size=12).map(
    lambda s: "zq" + s.strip() + "xv")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet=st.sampled_from(SHEETS), row=st.integers(1, 12), col=st.integers(1, 20),
       word=WORDS, as_comment=st.booleans())
def test_typed_text_is_either_kept_or_named(sheet: str, row: int, col: int, word: str,
                                            as_comment: bool) -> None:
    from openpyxl.utils import get_column_letter

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        root = mini_copy(base)
        template = write_template(base / "template.xlsx", mini_definition(root))
        book = fill_workbook(template, base / "filled.xlsx", mini_definition(root), ANN,
                             ANSWERS)
        cell = f"{get_column_letter(col)}{row}"
        edit = _comment(sheet, cell, word) if as_comment else _set(sheet, cell, word)
        result = import_workbooks([_edited(book, edit)], root / "responses")
        written = [item.text for item in result.written]
        kept = any(word in text for text in written)
        named = any(p.path.startswith(f"{sheet}!") or p.path == "" for p in result.problems)
        assert kept or (named and not written), (cell, result.problems)
