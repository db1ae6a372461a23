"""The jinja2 environment of the report: a ``--templates`` folder searched before the shipped
``reports/`` folder, autoescape for HTML, and the formatting filters every template uses."""

from __future__ import annotations

import base64
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.load.resources import content_path
from assess.numbers import (
    show_gap,
    show_percent,
    show_percentile,
    show_score,
    show_spread,
    show_target,
)
from assess.render.coverage import and_list as join_names
from assess.render.text import md_escape

if TYPE_CHECKING:
    from jinja2 import Environment

def gap(row: Mapping[str, Any]) -> str:
    """The gap of a row (``target``, ``score``) as shown beside them: worked out from the
    shown figures (assess.numbers.show_gap)."""
    return show_gap(row["target"], row.get("score"))


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

    loaders = [_user_loader(str(templates))] if templates is not None else []
    loaders.append(FileSystemLoader(str(content_path("reports"))))
    env = Environment(loader=ChoiceLoader(loaders), autoescape=kind == "html",
                      undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True)
    # num: a score, target: a target, gap: a row's gap, spread, pct: a share (one rule
    # each, assess.numbers); short: an effort or a setting.
    filters: dict[str, Any] = {"num": show_score, "target": show_target, "gap": gap,
                               "spread": show_spread, "pct": show_percent, "short": short,
                               "days": days,
                               "plural": plural, "md": md, "cell": cell, "change": change,
                               "and_list": and_list, "data_uri": data_uri, "meter": meter,
                               "percentile": show_percentile}
    env.filters.update(filters)
    return env


MAX_TEMPLATE_BYTES = 1024 * 1024
"""Largest template file read from a ``--templates`` folder."""


def _user_loader(folder: str) -> Any:
    """A FileSystemLoader for the user's ``--templates`` folder that reads regular files
    only, under :data:`MAX_TEMPLATE_BYTES` (a FIFO named report.css would block)."""
    import os

    from jinja2 import FileSystemLoader, TemplateNotFound
    from jinja2.loaders import split_template_path

    from assess.errors import InvalidInput, Problem
    from assess.load.files import read_limited
    from assess.load.yamlio import display_path

    class UserLoader(FileSystemLoader):
        def get_source(self, environment: Environment, template: str) -> Any:
            filename = os.path.join(folder, *split_template_path(template))
            if not os.path.lexists(filename):
                raise TemplateNotFound(template)
            data = read_limited(Path(filename), MAX_TEMPLATE_BYTES, "a template")
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InvalidInput([Problem(display_path(Path(filename)),
                                            data[: exc.start].count(b"\n") + 1, "",
                                            "the template is not UTF-8 text")]) from None
            mtime = os.path.getmtime(filename)
            return text, os.path.normpath(filename), lambda: os.path.getmtime(filename) == mtime

    return UserLoader(folder)


def render(env: Environment, name: str, templates: Path | None, **ctx: Any) -> str:
    """Render template ``name``. With a ``templates`` override, a broken template (syntax
    error, missing partial, undefined name) is invalid input naming the template file and
    line; without one it is a bug of ours and stays unexpected."""
    from jinja2 import TemplateError, TemplateSyntaxError

    try:
        return env.get_template(name).render(**ctx)
    except TemplateError as exc:
        if templates is None:
            raise
        from assess.errors import InvalidInput, Problem
        from assess.load.yamlio import display_path

        file: str | None
        if isinstance(exc, TemplateSyntaxError) and exc.filename:
            file, line = exc.filename, exc.lineno
        else:
            file, line = _template_frame(exc)
        shown = display_path(Path(file)) if file else str(templates)
        raise InvalidInput([Problem(shown, line, "", f"template error: {_template_message(exc)}")
                            ]) from None


def _template_frame(exc: BaseException) -> tuple[str | None, int]:
    """The innermost template (``.j2``) frame of a rendering error: (file, line)."""
    import traceback

    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno or 0
    return None, 0


def _template_message(exc: BaseException) -> str:
    from jinja2 import TemplateNotFound, TemplatesNotFound, UndefinedError

    if isinstance(exc, TemplatesNotFound | TemplateNotFound):
        return (f"template {exc.name!r} not found (not in the --templates folder nor among "
                "the built-in templates)")
    if isinstance(exc, UndefinedError):
        return f"undefined name: {exc.message}"
    return str(getattr(exc, "message", None) or exc)
