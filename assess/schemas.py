"""JSON Schemas of the file kinds, from the models."""

from __future__ import annotations

from assess.models import FILE_KINDS
from assess.render.text import to_json


def json_schema(kind: str) -> str:
    model = FILE_KINDS[kind]
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"assess:{kind}"
    return to_json(schema)
