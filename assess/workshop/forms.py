"""Printable questionnaires (Markdown, HTML) for paper workshops, from jinja2 templates.

The templates live in ``reports/forms/`` (shipped content). HTML is autoescaped; the
Markdown template escapes every text through the ``md`` filter instead, since HTML
entities would litter a file people also read raw.
"""

from __future__ import annotations

import re
from typing import Any

from assess import __version__
from assess.load.resources import content_path

from .definition import Definition

TEMPLATES = {"markdown": "form.md.j2", "html": "form.html.j2"}

def md(text: object) -> str:
    """Escape text for Markdown: the report's rule (assess.render.text.md_escape)."""
    from assess.render.text import md_escape

    return md_escape(str(text))


def form_context(defn: Definition) -> dict[str, Any]:
    """What the form templates see: the questionnaire, grouped by capability in asking order."""
    q = defn.questionnaire
    sections: list[dict[str, Any]] = []
    for question in q.questions:
        if not sections or sections[-1]["id"] != question.capability:
            sections.append({"id": question.capability,
                             "name": defn.capability_name(question.capability),
                             "questions": []})
        sections[-1]["questions"].append({
            "id": question.id, "text": question.text, "guidance": question.guidance,
            "evidence": list(question.evidence),
            "options": [{"value": c.value, "name": c.name, "heading": c.heading,
                         "descriptor": c.descriptor}
                        for c in defn.options(question)],
        })
    return {"q": q, "framework": defn.framework, "sections": sections,
            "choices_hint": defn.choices_hint, "checksum": defn.checksum,
            "answering": [p.strip() for p in defn.framework.answering.splitlines() if p.strip()],
            "glossary": defn.glossary,
            "version": __version__}


def render_form(defn: Definition, fmt: str) -> str:
    """The printable form of ``defn`` as ``markdown`` or ``html`` text."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(str(content_path("reports", "forms"))),
                      autoescape=fmt == "html", undefined=StrictUndefined,
                      keep_trailing_newline=True, trim_blocks=False, lstrip_blocks=True)
    env.filters["md"] = md
    text = env.get_template(TEMPLATES[fmt]).render(form_context(defn))
    return re.sub(r"\n{3,}", "\n\n", text)
