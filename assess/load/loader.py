"""Load files into validated models, every problem located as FILE:LINE: path: message."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from assess.errors import InvalidInput, Problem
from assess.load import yamlio
from assess.load.yamlio import Document, Loc
from assess.models import FILE_KINDS, SCHEMA_VERSION, Versioned

M = TypeVar("M", bound=Versioned)


def guess_kind(data: Any) -> str | None:
    """The file kind a parsed mapping looks like, from its distinctive keys."""
    if not isinstance(data, dict):
        return None
    if "mappings" in data:
        return "mapping"
    if "items" in data:
        return "standard"
    if data.get("kind") in ("questionnaire-overlay", "dependencies-overlay"):
        return str(data["kind"])
    if "terms" in data and "sector" in data:
        return "terminology"
    if "answers" in data or "respondent" in data:
        return "response"
    if "questions" in data:
        return "questionnaire"
    if "assessment_date" in data or "steps" in data:
        return "plan"
    if "organisation" in data:
        return "assessment"
    if "technologies" in data or "programmes" in data:
        return "dependencies"
    if "levels" in data or "method" in data:
        return "framework"
    return None


def load_model(path: Path, model: type[M]) -> tuple[M, Document]:
    """Read ``path`` and validate it as ``model``; raise InvalidInput with every problem."""
    doc = yamlio.read(path)
    return validate_document(doc, model), doc


def load_checked(path: Path, model: type[M],
                 check: Callable[[M, Document], list[Problem]]) -> tuple[M, Document]:
    """Load and run the meaning ``check``. When the shape is wrong, the check still runs
    on a leniently salvaged model, so one run names shape errors and dangling references."""
    doc = yamlio.read(path)
    try:
        result = validate_document(doc, model)
    except InvalidInput as exc:
        salvaged = validate_lenient(doc, model)
        extra = check(salvaged, doc) if salvaged is not None else []
        raise InvalidInput([*exc.problems, *extra]) from None
    problems = check(result, doc)
    if problems:
        raise InvalidInput(problems)
    return result, doc


def validate_lenient(doc: Document, model: type[M]) -> M | None:
    """The model with unknown keys dropped, values coerced and the entries that still fail
    left out, or None if even that fails.

    Leaving out what fails (a bad ``confidence``, an answer that is not a mapping) lets the
    meaning checks still look at everything else, so one run names every problem.
    """
    data = copy.deepcopy(doc.data)
    for _ in range(_SALVAGE_ROUNDS):
        try:
            return model.model_validate(data, strict=False, context={"lenient": True})
        except ValidationError as exc:
            if not _prune(data, exc):
                return None
    return None


_SALVAGE_ROUNDS = 10
_DROP = object()


def _prune(data: Any, exc: ValidationError) -> bool:
    """Mark the deepest existing entry of every error for removal; False if none can go."""
    pruned = False
    for err in exc.errors(include_url=False):
        parent: Any = None
        key: Any = None
        node: Any = data
        for part in err["loc"]:
            found = (part in node if isinstance(node, dict) else
                     isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node))
            if found:
                parent, key = node, part
                node = parent[key]
        if parent is None or parent is data:
            continue                     # a top-level key: nothing left to salvage around it
        parent[key] = _DROP
        pruned = True
    if pruned:
        _sweep(data)
    return pruned


def _sweep(node: Any) -> None:
    if isinstance(node, dict):
        for key in [k for k, v in node.items() if v is _DROP]:
            del node[key]
        for value in node.values():
            _sweep(value)
    elif isinstance(node, list):
        node[:] = [v for v in node if v is not _DROP]
        for value in node:
            _sweep(value)


def validate_document(doc: Document, model: type[M]) -> M:
    """Validate a parsed document against a model, schema version first."""
    data = doc.data
    if not isinstance(data, dict):
        raise InvalidInput([doc.problem((), "expected a mapping of keys to values")])
    version = data.get("schema_version")
    if version is None:
        raise InvalidInput([doc.problem((), "missing required key 'schema_version' "
                                        f"(this release reads {SCHEMA_VERSION})")])
    if isinstance(version, str) and version.strip() == str(SCHEMA_VERSION):
        raise InvalidInput([doc.problem(("schema_version",), f"expected the number "
                                        f"{SCHEMA_VERSION}, got the text {version!r} (remove "
                                        "the quotes)")])
    if version != SCHEMA_VERSION:
        raise InvalidInput([doc.problem(("schema_version",),
                                        f"unsupported schema_version {version!r} (this release "
                                        f"reads {SCHEMA_VERSION})")])
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        other = _other_kind(data, model)
        if other is not None:
            # A response handed to `assess template`, a questionnaire dropped into responses/:
            # one plain sentence instead of every key of the wrong kind reported as unknown.
            raise InvalidInput([doc.problem((), f"this looks like {_KIND_WORDS[other]}, not "
                                            f"{_KIND_WORDS[_kind_of(model)]}")]) from None
        raise InvalidInput(pydantic_problems(exc, doc)) from None


_KIND_WORDS = {"framework": "a maturity framework", "questionnaire": "a questionnaire",
               "dependencies": "a dependency model", "assessment": "an assessment file",
               "response": "a response file", "mapping": "a mapping set",
               "standard": "a standard's catalogue",
               "questionnaire-overlay": "a questionnaire overlay",
               "dependencies-overlay": "a dependency-model overlay",
               "terminology": "a terminology file"}


def _kind_of(model: type[Versioned]) -> str:
    return next((k for k, m in FILE_KINDS.items() if m is model), "")


def _other_kind(data: dict[str, Any], model: type[Versioned]) -> str | None:
    """The kind ``data`` clearly is when it is not ``model``'s: its distinctive keys point
    elsewhere and none of the keys ``model`` requires is there."""
    kind, expected = guess_kind(data), _kind_of(model)
    if kind is None or not expected or kind == expected:
        return None
    required = [name for name, f in model.model_fields.items()
                if f.is_required() and name != "schema_version"]
    return kind if not any(name in data for name in required) else None


def pydantic_problems(exc: ValidationError, doc: Document) -> list[Problem]:
    """Turn pydantic errors into located problems, one per place in the file."""
    grouped: dict[Loc, list[str]] = {}
    for err in exc.errors(include_url=False):
        loc: Loc = tuple(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            at, message = loc, f"unknown key {loc[-1]!r}"
        elif kind == "missing":
            at, message = loc[:-1], f"missing required key {loc[-1]!r}"
        else:
            at = _data_path(loc, doc)
            message = _message(err)
        grouped.setdefault(at, [])
        if message not in grouped[at]:
            grouped[at].append(message)
    problems = []
    for at, messages in grouped.items():
        line = doc.lines.get(at) or doc.line_of(at)
        problems.append(Problem(doc.name, line, yamlio.dotted(at), "; or ".join(messages)
                                if len(messages) > 1 and _is_union(messages) else
                                "; ".join(messages)))
    return problems


def _is_union(messages: list[str]) -> bool:
    return all(m.startswith("expected") for m in messages)


def _data_path(loc: Loc, doc: Document) -> Loc:
    """The longest prefix of a pydantic location that exists in the file.

    pydantic adds union member names ('float', 'str') and '[key]' to locations; they
    are not places in the file, so they are dropped.
    """
    path: list[str | int] = []
    for part in loc:
        if (*path, part) in doc.lines:
            path.append(part)
        elif isinstance(part, str) and part.isdigit() and (*path, int(part)) in doc.lines:
            path.append(int(part))
        else:
            continue
    return tuple(path)


_TYPE_WORDS = {
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "string_type": "text",
    "bool_type": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date (YYYY-MM-DD)",
}


def _message(err: Any) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind in _TYPE_WORDS:
        return f"expected {_TYPE_WORDS[kind]}, got {_show(value)}"
    msg = str(err["msg"])
    if kind == "string_too_short" and (err.get("ctx") or {}).get("min_length") == 1:
        return "must not be empty"
    if kind == "literal_error":
        return f"{msg[0].lower()}{msg[1:]}, got {_show(value)}"
    if kind.startswith(("greater_than", "less_than", "too_short", "too_long",
                        "string_pattern_mismatch")):
        return f"{msg[0].lower()}{msg[1:]}, got {_show(value)}"
    return f"{msg[0].lower()}{msg[1:]}"


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
