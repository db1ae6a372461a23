"""A blank response file to fill in by hand, every question listed with its descriptors."""

from __future__ import annotations

from assess import __version__
from assess.load import yamlio

from .definition import Definition, response_filename

NOTE_WIDTH = 92


def _scalar(value: str) -> str:
    """``value`` as a YAML scalar, quoted only when YAML needs it (e.g. an id like ``No``)."""
    return yamlio.dump([value])[2:].rstrip("\n")


def _comment(text: str, indent: str, prefix: str = "") -> list[str]:
    """``text`` as comment lines; every line of it commented, so no text can become YAML."""
    lines = text.splitlines() or [""]
    out = [f"{indent}# {prefix}{lines[0]}".rstrip()]
    pad = " " * len(prefix)
    out += [f"{indent}# {pad}{line}".rstrip() for line in lines[1:]]
    return out


def _wrap(text: str, width: int = 76) -> str:
    """``text`` folded into lines of at most ``width`` characters, paragraph by paragraph."""
    import textwrap

    paragraphs = [p for p in text.splitlines() if p.strip()]
    return "\n".join(line for p in paragraphs for line in textwrap.wrap(" ".join(p.split()),
                                                                       width)) or text


def yaml_template(defn: Definition) -> str:
    """Text of a response file for ``defn``: fill in the respondent and replace each
    ``value: null`` with an answer; the descriptors of every answer are comments."""
    q = defn.questionnaire
    example = response_filename(q.id, "Your Name")
    lines = [
        f"# Response to the {q.name} questionnaire ({q.id}, version {q.version}; framework "
        f"{defn.framework.id}).",
        "# 1. Fill in respondent: name (required) and role, and the date you answered.",
        f"# 2. For each question replace null after `value:` with {defn.choices_hint}; the",
        "#    comments above it say what each answer means. confidence (low, medium or high),",
        "#    notes and evidence (a list of documents or facts you can show) are optional.",
        "# 3. To leave a question unanswered, delete its entry; `assess validate` lists any",
        "#    value still null.",
        f"# Save it as ASSESSMENT/responses/{example} (your own name).",
    ]
    if defn.framework.answering:
        lines += _comment(_wrap(defn.framework.answering), "", "How to answer: ")
    if defn.glossary:
        lines.append("# Glossary:")
        for entry in defn.glossary:
            lines += _comment(_wrap(f"{entry.term}: {entry.meaning}", 84), "", "  - ")
    lines += [
        f"# Made by assess {__version__} from questionnaire checksum sha256:{defn.checksum}.",
        "schema_version: 1",
        f"questionnaire: {_scalar(q.id)}",
        "respondent:",
        '  name: ""',
        '  role: ""',
        "date: null            # YYYY-MM-DD",
        "answers:",
    ]
    current: str | None = None
    for question in q.questions:
        if question.capability != current:  # a heading whenever the capability changes
            current = question.capability
            heading = f"  # == {defn.capability_name(current)} ({current}) "
            lines += ["", heading.ljust(NOTE_WIDTH, "=")]
        lines.append("")
        lines += _comment(question.text, "  ", f"{question.id}: ")
        for choice in defn.options(question):
            label = f"{choice.heading}: "
            lines += _comment(choice.descriptor, "  ", "  " + label)
        lines.append("  #   n/a: does not apply here (say why in notes)")
        if question.evidence:
            lines += _comment("; ".join(question.evidence), "  ", "Evidence to show: ")
        lines += [
            f"  {_scalar(question.id)}:",
            "    value: null",
            "    confidence: null",
            '    notes: ""',
            "    evidence: []",
        ]
    return "\n".join(lines) + "\n"
