"""Response files: one respondent's (or the consensus) answers to one questionnaire."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from assess.models.base import Confidence, DottedId, IsoDate, QuestionId, Strict, Text, Versioned


class Respondent(Strict):
    name: Text = Field(description="Respondent's name.")
    role: str = Field(default="", description="Role or job title.")


def normalise_na(value: Any) -> Any:
    """``n/a`` for any spelling of it a person types (``N/A``, `` n/A ``); else ``value``.

    Shared by response files and the workshop forms, so both accept the same answers.
    """
    if isinstance(value, str) and value.strip().lower() == "n/a":
        return "n/a"
    return value


def _answer_value(value: Any) -> Any:
    value = normalise_na(value)
    # A union of number and text would explain a null or a boolean twice ("expected a number,
    # got nothing; or expected text, got nothing"); say once what an answer can be.
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float, str)):
        got = ("nothing (null)" if value is None else str(value).lower()
               if isinstance(value, bool) else "a mapping" if isinstance(value, dict)
               else "a list" if isinstance(value, list) else repr(value))
        raise PydanticCustomError("answer_value", "expected a level number, a label of the "
                                  "answer scale or n/a, got {got}", {"got": got})
    return value


AnswerValue = Annotated[float | str, BeforeValidator(_answer_value)]


MAX_NOTES = 20_000
"""Characters in one answer's notes."""


class Answer(Strict):
    value: AnswerValue = Field(description="Level number or name, a label of the answer scale "
                               "or its name, or n/a.")
    confidence: Confidence | None = Field(default=None, description="low, medium or high.")
    notes: str = Field(default="", max_length=MAX_NOTES, description="Respondent's notes.")
    evidence: list[Annotated[str, StringConstraints(max_length=2_000)]] = Field(
        default_factory=list, description="Evidence offered.")


class Response(Versioned):
    """One respondent's (or the consensus) answers to one questionnaire."""

    questionnaire: DottedId = Field(description="Questionnaire id answered.")
    respondent: Respondent | None = Field(default=None, description="Who answered.")
    consensus: bool = Field(default=False, description="True for an agreed workshop answer set.")
    date: IsoDate | None = Field(default=None, description="When answered.")
    answers: dict[QuestionId, Answer] = Field(
        description="Question id -> answer (`answers: {}` when none is given yet).")
