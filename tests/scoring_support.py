"""Builders for scoring tests: frameworks, practices and combined results in memory, and
shipped frameworks with their question tags, so each test states only what it is about."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assess.models import Framework, Question
from assess.scoring.methods import METHODS, Outcome
from assess.scoring.results import QuestionResult

C2M2_SCALE = [
    {"label": "NI", "name": "Not implemented", "value": 0.0},
    {"label": "PI", "name": "Partially implemented", "value": 1.0},
    {"label": "LI", "name": "Largely implemented", "value": 2.0, "achieves": True},
    {"label": "FI", "name": "Fully implemented", "value": 3.0, "achieves": True},
]
ISO_ATTRIBUTES = {"PA1.1": 1, "PA2.1": 2, "PA2.2": 2, "PA3.1": 3, "PA3.2": 3}
# Indicator values chosen to land on the band boundaries.
PERCENT_SCALE = [{"label": f"v{v:g}", "name": f"{v:g} %", "value": float(v)}
                 for v in (0, 10, 15, 20, 50, 60, 80, 85, 90, 100)]
SAMM_SCALE = [{"label": label, "name": label, "value": value}
              for label, value in (("None", 0.0), ("Some", 0.25), ("Half", 0.5), ("Most", 1.0))]


def levels(low: int, high: int) -> list[dict[str, Any]]:
    return [{"level": n, "name": f"L{n}", "description": f"level {n}"}
            for n in range(low, high + 1)]


def framework(method: str, params: dict[str, Any] | None = None, *,
              scale: list[dict[str, Any]] | None = None, low: int = 0, high: int = 3,
              **extra: Any) -> Framework:
    """A framework for ``method`` with the given parameters (validated like a file)."""
    data: dict[str, Any] = {
        "schema_version": 1, "id": "test", "name": "Test framework",
        "levels": levels(low, high), "method": {"name": method, "params": params or {}},
        **extra,
    }
    if scale is not None:
        data["answer_scale"] = scale
    return Framework.model_validate(data)


def c2m2(achieving: list[str] | None = None, **extra: Any) -> Framework:
    params = {} if achieving is None else {"achieving": achieving}
    return framework("cumulative", params, scale=C2M2_SCALE, **extra)


def iso(**extra: Any) -> Framework:
    return framework("rated_attributes", {"attributes": ISO_ATTRIBUTES}, scale=PERCENT_SCALE,
                     high=3, **extra)


def samm(**extra: Any) -> Framework:
    return framework("sum_of_level_means", {"streams": ["A", "B"]}, scale=SAMM_SCALE,
                     **extra)


def question(qid: str, *, level: int | None = None, stream: str | None = None,
             attribute: str | None = None, weight: float = 1.0,
             capability: str = "cap") -> Question:
    return Question(id=qid, capability=capability, text=f"{qid}?", weight=weight, level=level,
                    stream=stream, attribute=attribute)


def result(qid: str, value: float | None, *, na: bool = False) -> QuestionResult:
    """A combined question result: a value, None for unanswered, or na=True."""
    return QuestionResult(id=qid, capability="cap", text=f"{qid}?", value=value, na=na,
                          spread=0.0, disagreement=False, confidence=None, consensus=False)


Item = tuple[Question, QuestionResult]


def practices(*specs: tuple[str, int, float | str | None]) -> list[Item]:
    """(id, level, value) practices; value 'n/a' for N/A, None for unanswered."""
    items = []
    for qid, level, value in specs:
        combined = None if isinstance(value, str) else value
        items.append((question(qid, level=level), result(qid, combined, na=value == "n/a")))
    return items


def run(method: str, items: Sequence[Item], fw: Framework) -> Outcome:
    return METHODS[method].evaluate(items, fw, fw.method.params)
