"""Blank forms of any kind, for one questionnaire or for every shipped one."""

from __future__ import annotations

from pathlib import Path

from assess import yamlio
from assess.errors import NotFound
from assess.workspace import available

from .definition import Definition, resolve

SUFFIXES = {"yaml": "-response.yaml", "xlsx": ".xlsx", "markdown": ".md", "html": ".html"}
"""File name of a questionnaire's form in each format: ``<id><suffix>``."""


def render_template(defn: Definition, fmt: str) -> str | bytes:
    """The blank form of ``defn``: text for yaml, markdown and html; bytes for xlsx."""
    if fmt == "xlsx":
        from .template_xlsx import workbook_bytes

        return workbook_bytes(defn)
    if fmt == "yaml":
        from .template_yaml import yaml_template

        return yaml_template(defn)
    from .forms import render_form

    return render_form(defn, fmt)


def make_template(questionnaire: str, fmt: str) -> str | bytes:
    """The blank form of questionnaire ``questionnaire`` (a shipped id or a file path)."""
    return render_template(resolve(questionnaire), fmt)


def write_all(folder: Path, fmt: str) -> list[Path]:
    """Write the form of every shipped questionnaire into ``folder``; the paths written."""
    ids = available("questionnaires")
    if not ids:
        raise NotFound("no shipped questionnaires found")
    definitions = [resolve(ident) for ident in ids]  # all checked before anything is written
    written = []
    for defn in definitions:
        path = folder / f"{defn.questionnaire.id}{SUFFIXES[fmt]}"
        content = render_template(defn, fmt)
        if isinstance(content, bytes):
            yamlio.write_bytes(path, content)
        else:
            yamlio.write_text(path, content)
        written.append(path)
    return written
