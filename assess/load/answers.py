"""How a written answer is read: the one rule shared by response files, workbooks and capture.

An answer is a level number (``3``), a level's name (``Defined``, ``3 Defined``,
``3 - Defined``; any case, spaces around ignored), a label of the framework's answer scale
or its name (``FI``, ``fully implemented``, ``FI Fully implemented``), one of the scale's
values, or ``n/a`` — whichever the framework has. Text that matches nothing, or more than
one answer, is refused with the answers that are accepted.
"""

from __future__ import annotations

import contextlib
import math
import re

from assess.models import Framework, Questionnaire, Response, normalise_na

NA = "n/a"

AnswerValue = int | float | str
"""An answer as a response file holds it: a level, a scale label or 'n/a'."""

_SEPARATORS = re.compile(r"[\s\-\u2013\u2014:.()]+")


def _key(text: str) -> str:
    """Text compared without case, spaces or the separators people put between a number and
    a name (``3 - Defined``, ``3. Defined``, ``(3) Defined`` all read ``3 defined``)."""
    return " ".join(part for part in _SEPARATORS.split(text.casefold()) if part)


def _entries(fw: Framework) -> list[tuple[AnswerValue, str, str]]:
    """(canonical answer, code, name) of every answer the framework offers, n/a aside."""
    if fw.answer_scale is not None:
        return [(e.label, e.label, e.name) for e in fw.answer_scale]
    return [(lv.level, str(lv.level), lv.name) for lv in fw.levels]


def accepted(fw: Framework) -> str:
    """The accepted answers in words, e.g. ``0 Absent, 1 Initial, ... 5 Optimised or n/a``."""
    return ", ".join(code if name in ("", code) else f"{code} {name}"
                     for _, code, name in _entries(fw)) + " or n/a"


def _number_problem(value: float, fw: Framework) -> str | None:
    if math.isnan(value) or math.isinf(value):
        return f"{value} is not an answer ({accepted(fw)})"
    if fw.answer_scale is not None:
        if value in [e.value for e in fw.answer_scale]:
            return None
        labels = ", ".join(e.label for e in fw.answer_scale)
        return f"{value:g} is not a value of the answer scale ({labels} or n/a)"
    low, high = fw.levels[0].level, fw.levels[-1].level
    if not low <= value <= high:
        return f"{value:g} is outside the levels {low}-{high}"
    return None


def _by_text(text: str, fw: Framework) -> AnswerValue:
    key = _key(text)
    entries = _entries(fw)
    found = {value for value, code, name in entries
             if key in (_key(code), _key(name), _key(f"{code} {name}"))}
    if len(found) == 1:
        return found.pop()
    if len(found) > 1:
        names = " and ".join(str(v) for v in sorted(found, key=str))
        raise ValueError(f"{text!r} could mean {names}: write the answer itself "
                         f"({accepted(fw)})")
    # "2 Defined": a code and a name that each exist but do not belong together.
    first, _, rest = key.partition(" ")
    by_code = {_key(code): (code, name) for _, code, name in entries}
    by_name = {_key(name): (code, name) for _, code, name in entries}
    if first in by_code and rest in by_name:
        (code, name), (other_code, other_name) = by_code[first], by_name[rest]
        raise ValueError(f"{text!r} contradicts itself: {code} is {name}, {other_name} is "
                         f"{other_code} ({accepted(fw)})")
    if fw.answer_scale is not None:
        raise ValueError(f"{text!r} is not on the answer scale ({accepted(fw)})")
    low, high = fw.levels[0].level, fw.levels[-1].level
    raise ValueError(f"expected a level {low}-{high}, a level name or n/a, got {text!r} "
                     f"({accepted(fw)})")


def parse_answer(raw: object, fw: Framework) -> AnswerValue:
    """The answer ``raw`` stands for under ``fw``; ValueError saying why when it is none.

    Returns ``'n/a'``, a scale label as the framework spells it, or a number (whole
    numbers as ``int``). The one home of the answer rule (module docstring).
    """
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise ValueError(f"expected an answer ({accepted(fw)}), got {raw!r}")
    value: AnswerValue
    if isinstance(raw, str):
        text = raw.strip()
        if normalise_na(text) == NA:
            return NA
        if fw.answer_scale is not None and text in (e.label for e in fw.answer_scale):
            return text  # as written in the file: the common case, decided at once
        number: float | None = None
        with contextlib.suppress(ValueError):
            number = float(text)
        if number is None:
            return _by_text(text, fw)
        value = number
    else:
        value = raw
    problem = _number_problem(value, fw)
    if problem:
        raise ValueError(problem)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def canonical_response(response: Response, fw: Framework,
                       questionnaire: Questionnaire | None = None) -> Response:
    """``response`` with every answer written as :func:`parse_answer` reads it (``Defined``
    becomes 3), so scoring and every output see one spelling; unchanged when it already is.
    An answer that cannot be read is left as written: the checks report it."""
    changed = {}
    questions = {x.id: x for x in questionnaire.questions} if questionnaire else {}
    for qid, answer in response.answers.items():
        if isinstance(answer.value, str) and answer.value != NA:
            question = questions.get(qid)
            try:
                value = parse_answer(answer.value, fw if question is None
                                     else fw.for_question(question))
            except ValueError:
                continue
            if value != answer.value:
                changed[qid] = answer.model_copy(update={"value": value})
    if not changed:
        return response
    return response.model_copy(update={"answers": {**response.answers, **changed}})
