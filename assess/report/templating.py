"""The jinja2 environment of the report: a ``--templates`` folder searched before the shipped
``reports/`` folder, autoescape for HTML, and the formatting filters every template uses."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.render.coverage import and_list as join_names
from assess.render.text import md_escape
from assess.resources import content_path

if TYPE_CHECKING:
    from jinja2 import Environment

def num(value: float | None, digits: int = 2) -> str:
    """A score as shown: fixed decimals, '–' when there is none."""
    return "–" if value is None else f"{value:.{digits}f}"


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def short(value: float | None) -> str:
    """A target or effort without trailing zeros: 3, 3.5, 120."""
    return "–" if value is None else f"{value:,.2f}".rstrip("0").rstrip(".")


def days(value: float | None) -> str:
    """An effort in a table: '–' for none or zero."""
    return short(value) if value else "–"


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 step', '3 steps' ('1 capability', '2 capabilities' with ``words``)."""
    return f"{count} {word if count == 1 else words or word + 's'}"


def md(text: object) -> str:
    """Markdown prose and table cells (the ``md`` and ``cell`` filters): one escaping rule
    for all Markdown text, :func:`assess.render.text.md_escape`. Text a template marked
    ``|safe`` (markup it built from escaped parts, e.g. ``"**Overall**"|safe``) is kept."""
    from markupsafe import Markup

    return str(text) if isinstance(text, Markup) else md_escape(str(text))


cell = md


def change(row: Mapping[str, Any]) -> str:
    """The signed change of a progress row (``baseline``, ``current``, ``delta``) as shown
    beside its two rounded scores: worked out from them, so 1.54 -> 1.90 reads +0.36."""
    from assess.progress.words import signed_change

    return signed_change(row.get("baseline"), row.get("current"), row.get("delta"))


def and_list(names: Any) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return join_names([str(n) for n in names])


def data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def meter(score: float | None, scale_max: float) -> float:
    """Percentage width of a score on the scale, for CSS bars."""
    if score is None or scale_max <= 0:
        return 0.0
    return round(max(0.0, min(1.0, score / scale_max)) * 100, 1)


def environment(kind: str, templates: Path | None = None) -> Environment:
    """The environment for ``kind`` ('html' autoescaped, 'markdown' not): ``templates``
    first, then the shipped ``reports/`` folder."""
    from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

    loaders = [FileSystemLoader(str(templates))] if templates is not None else []
    loaders.append(FileSystemLoader(str(content_path("reports"))))
    env = Environment(loader=ChoiceLoader(loaders), autoescape=kind == "html",
                      undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True)
    filters: dict[str, Any] = {"num": num, "pct": pct, "short": short, "days": days,
                               "plural": plural, "md": md, "cell": cell, "change": change,
                               "and_list": and_list, "data_uri": data_uri, "meter": meter}
    env.filters.update(filters)
    return env
