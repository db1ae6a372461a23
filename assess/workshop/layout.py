"""Where everything sits in a template workbook; shared by the writer and the importer.

The layout is a pure function of the questionnaire definition, so the importer, having
matched the workbook's checksum to a definition, knows every cell without trusting the
workbook to describe itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from assess.models import Question

from .definition import Choice, Definition

INSTRUCTIONS_SHEET = "Instructions"
RESPONDENT_SHEET = "Respondent"
QUESTIONS_SHEET = "Questions"
GLOSSARY_SHEET = "Glossary"
"""Terms the questions use, from the framework's glossary (only when there are some)."""
META_SHEET = "assess"
"""The hidden sheet naming the definition the workbook was made from."""

TEMPLATE_FORMAT = "assess-questionnaire-workbook"
FORMAT_VERSION = 1

HEADER_ROW = 1
FIRST_QUESTION_ROW = 2

# Respondent sheet: label in column A, value in column B.
RESPONDENT_ROWS = {"name": 2, "role": 3, "date": 4}
RESPONDENT_LABELS = {"name": "Name (required)", "role": "Role or job title",
                     "date": "Date answered (YYYY-MM-DD)"}

# Hidden sheet: key in column A, value in column B, one per row from row 1.
META_KEYS = ("format", "format_version", "questionnaire", "version", "checksum", "framework",
             "questions", "made_by", "audience")
"""``audience``: the audience tags a per-respondent workbook was cut to (empty: every
question); the import cuts the questionnaire the same way before comparing checksums."""


def column_letter(col: int) -> str:
    """1 -> A, 27 -> AA (as spreadsheets name columns)."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(sheet: str, row: int, col: int) -> str:
    """``Questions!H5``: how problems name a cell."""
    return f"{sheet}!{column_letter(col)}{row}"


def meta_row(key: str) -> int:
    return META_KEYS.index(key) + 1


@dataclass(frozen=True)
class Layout:
    """Columns of the Questions sheet for one definition."""

    options: tuple[Choice, ...]
    """The answer columns' headings (descriptor per question row beneath)."""

    own_options: int = 0
    """When the questions' answers differ (answer scales or answer sets of their own):
    that many answer columns, headed ``Answer option 1``..., each row showing its own
    question's answers (``options`` is then empty)."""

    id_col: int = 1
    capability_col: int = 2
    text_col: int = 3
    first_option_col: int = 4

    @property
    def option_count(self) -> int:
        return len(self.options) or self.own_options

    @property
    def answer_col(self) -> int:
        return self.first_option_col + self.option_count

    @property
    def confidence_col(self) -> int:
        return self.answer_col + 1

    @property
    def notes_col(self) -> int:
        return self.answer_col + 2

    @property
    def evidence_col(self) -> int:
        return self.answer_col + 3

    @property
    def to_show_col(self) -> int:
        return self.answer_col + 4

    @property
    def guidance_col(self) -> int:
        return self.answer_col + 5

    @property
    def input_cols(self) -> tuple[int, ...]:
        """Columns respondents type into (unlocked)."""
        return (self.answer_col, self.confidence_col, self.notes_col, self.evidence_col)

    def headers(self) -> list[str]:
        return ["ID", "Capability", "Question",
                *(f"{c.value} {c.name}" for c in self.options),
                *(f"Answer option {n}" for n in range(1, self.own_options + 1)),
                "Answer", "Confidence", "Notes", "Evidence (separate with ;)",
                "Evidence to show", "Guidance"]

    @staticmethod
    def row(index: int) -> int:
        """Sheet row of the question at ``index`` (0-based, asking order)."""
        return FIRST_QUESTION_ROW + index


def option_text(choice: Choice) -> str:
    """One answer as a cell of a row of its own answers: what to pick, its name when that
    says more, and what it means."""
    parts = [choice.value]
    if choice.name and choice.name != choice.value:
        parts.append(choice.name)
    if choice.descriptor:
        parts.append(choice.descriptor)
    return "\n".join(parts)


def layout_for(defn: Definition) -> Layout:
    """The layout of ``defn``'s workbook: one descriptor column per answer option.

    Level-anchored questionnaires get one column per framework level; practice
    questionnaires one per answer-scale label. When the questions' answers differ (a
    question's own answer scale or answer set), the columns are numbered and each row
    shows its own question's answers (:func:`option_text`).
    """
    questions: list[Question] = list(defn.questionnaire.questions)
    heads = {tuple((c.value, c.name) for c in defn.options(x)) for x in questions}
    if len(heads) > 1:
        return Layout((), own_options=max(len(h) for h in heads))
    anchored = next((x for x in questions if x.levels is not None), questions[0])
    return Layout(tuple(defn.options(anchored)))
