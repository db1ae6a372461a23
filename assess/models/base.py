"""The strict base of every file model, and the field types the file kinds share."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

SCHEMA_VERSION = 1

ID_PATTERN = r"^[a-z][a-z0-9_-]*$"
"""Ids of questionnaires, frameworks, capabilities: lower-case letters, digits, _ and -."""
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
DOTTED_ID_PATTERN = r"^[a-z][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$"
"""Ids of frameworks, questionnaires and mapping sets may also hold dots between parts
(``nist-csf-2.0``), as published standards name themselves."""
DottedId = Annotated[str, StringConstraints(pattern=DOTTED_ID_PATTERN, max_length=80)]
QuestionId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Weight = Annotated[float, Field(gt=0, le=1000)]
Confidence = Literal["low", "medium", "high"]
Aggregation = Literal["median", "mean", "min", "consensus"]
NA = Literal["n/a"]


def _iso_date(value: Any) -> Any:
    # People quote dates ("2026-10-14"); accept ISO text, still refuse anything else.
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class Strict(BaseModel):
    """Base of every file model: unknown keys are errors, no silent casts."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _lenient_drop_unknown(cls, data: Any, info: ValidationInfo) -> Any:
        # Lenient mode (see loader.validate_lenient) salvages a model from a file with shape
        # errors so that meaning checks can still report dangling references in one run.
        if info.context and info.context.get("lenient") and isinstance(data, dict):
            return {k: v for k, v in data.items() if k in cls.model_fields}
        return data


class Versioned(Strict):
    schema_version: Literal[1] = Field(description="File format version; this release reads 1.")


class StructuredReference(Strict):
    """A reference to a standard's own identifier, e.g. {standard: nist-csf-2.0, id: PR.AA-03}."""

    standard: DottedId = Field(description="Standard id as the mapping sets name it, e.g. "
                               "nist-csf-2.0, cis-v8, ncsc-caf.")
    id: Annotated[str, StringConstraints(min_length=1, max_length=80)] = Field(
        description="The requirement's id as the standard writes it, e.g. PR.AA-03.")
    name: str = Field(default="", description="Optional words shown with the id.")


Reference = Text | StructuredReference
"""A reference: free text ('NIST CSF 2.0 PR.AA-03') or {standard, id}."""


def reference_text(ref: Reference) -> str:
    """A reference as one line of text, for people."""
    if isinstance(ref, str):
        return ref
    return f"{ref.standard} {ref.id}" + (f" ({ref.name})" if ref.name else "")
