"""Shared by the report tests: the small fixture assessment, loaded once per session."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

from assess.report import ReportInputs, build_context, load_inputs

from .conftest import DATA

FIXTURE = DATA / "report"
"""Three domains (one unanswered), a client framework and dependency model; notes with
``<script>`` and a leading ``=`` (see tests/data/report/responses)."""
SCRIPT_NOTE = "<script>alert(1)</script>"
FORMULA_NOTE = '=HYPERLINK("http://evil.example","click")'


@cache
def fixture_inputs() -> ReportInputs:
    return load_inputs(FIXTURE)


def fixture_context(**options: Any) -> dict[str, Any]:
    """A fresh (deep-copied) report context of the fixture."""
    return copy.deepcopy(build_context(fixture_inputs(), **options))


def docx_text(path: Path) -> str:
    """Every paragraph of a Word document, its tables, headers and footers included."""
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(path))
    parts = [doc.element.body] + [part._element for s in doc.sections
                                  for part in (s.header, s.footer)]
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t")))
                     for root in parts for p in root.iter(qn("w:p")))


def deck_text(data: bytes, notes: bool = True) -> str:
    """Every text of a .pptx deck as a reader of the file sees it: shapes, table cells,
    chart categories and series names, and (``notes``) the speaker notes."""
    import io

    from pptx import Presentation

    out: list[str] = []
    for slide in Presentation(io.BytesIO(data)).slides:
        out.extend(slide_texts(slide))
        if notes and slide.has_notes_slide:
            out.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(out)


def slide_texts(slide: Any) -> list[str]:
    """The texts on one slide (not its notes)."""
    out: list[str] = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out.extend(c.text for row in shape.table.rows for c in row.cells)
        if shape.has_chart:
            plot = shape.chart.plots[0]
            out.extend(str(c) for c in plot.categories)
            out.extend(s.name for s in plot.series)
    return out
