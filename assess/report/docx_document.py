"""The report (and its annex) as an editable Word document.

::

    data = render_docx(ctx, png_charts, templates=None, reference=Path("firm.docx"))

The words are the Markdown report's (:mod:`assess.report.docx_markdown` reads them
back as blocks), so the Word document follows the same sections in the same order and
obeys the same rules: respondents as ``--respondents`` shows them, numbers as
:mod:`assess.numbers` shows them, no tool vocabulary outside ``--draft`` notes. This
module lays the blocks into Word: a title page with the document control, a table of
contents field, Word's built-in Heading 1-3 styles, Word tables with a repeated header
row, the charts as pictures with "Figure n" captions, the classification in every
header and footer. With a reference document its styles, theme, numbering, page size
and margins are used (pandoc's reference documents); without one, python-docx's default
template restyled soberly. python-docx is imported inside the functions.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .docx_cover import cover
from .docx_markdown import Block, Run, plain
from .docx_parts import (
    ROOM,
    column_shares,
    default_look,
    ensure_styles,
    field,
    page_furniture,
    repeat_header,
    shade,
    style,
    table_is_wide,
    table_of_contents,
    turn_header,
    turned_headers,
    update_fields_on_open,
)

if TYPE_CHECKING:
    from .figures import Chart

HEADINGS = {1: "Title", 2: "Heading 1", 3: "Heading 2", 4: "Heading 3"}
"""Markdown heading level -> Word style: the report's numbered sections are Heading 1."""
HEADER_FILL = "E7ECF2"
PORTRAIT_TEXT_WIDTH = 5760720
"""16 cm in EMU: A4 portrait less 2.5 cm margins, the width ROOM is measured for."""
APPENDIX = re.compile(r"^[A-H] ")
"""A section heading lettered rather than numbered: an appendix."""


def render_docx(ctx: Mapping[str, Any], charts: Mapping[str, Chart],
                templates: Path | None = None, reference: Path | None = None) -> bytes:
    """The report as a .docx file (bytes)."""
    from .docx_markdown import parse
    from .markdown import render_markdown

    text, files = render_markdown(ctx, "report-charts", charts, templates)
    blocks = _body(parse(text), ctx["meta"].get("classification"))
    doc = _open(reference)
    cover(doc, ctx)
    _contents(doc, blocks)
    _Writer(doc, files).write(blocks)
    return _finish(doc, ctx, ctx["meta"]["title"])


def render_docx_annex(ctx: Mapping[str, Any], templates: Path | None = None,
                      reference: Path | None = None) -> bytes:
    """The annex for the working team (answers and notes) as a .docx file (bytes)."""
    from .docx_markdown import parse
    from .markdown import render_markdown_annex

    blocks = parse(render_markdown_annex(ctx, templates))
    blocks = _strip_marks(blocks, ctx["meta"].get("classification"))
    first = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.level > 1),
                 len(blocks))
    doc = _open(reference)
    writer = _Writer(doc, {})
    writer.write(blocks[:first])
    _contents(doc, blocks[first:])
    writer.write(blocks[first:])
    title = next((b.text for b in blocks if b.kind == "heading"), "Annex")
    return _finish(doc, ctx, title)


def _open(reference: Path | None) -> Any:
    from docx import Document

    from . import read_reference

    if reference is None:
        doc = Document()
        default_look(doc)
    else:
        doc = Document(io.BytesIO(read_reference(reference)))
    from .docx_parts import clear_body

    clear_body(doc)
    ensure_styles(doc)
    return doc


def _finish(doc: Any, ctx: Mapping[str, Any], title: str) -> bytes:
    meta = ctx["meta"]
    page_furniture(doc, meta.get("classification"))
    update_fields_on_open(doc)
    props = doc.core_properties
    props.title = title
    props.author = meta["document"].get("prepared_by") or meta["organisation"]
    props.last_modified_by = props.author
    props.subject = meta["organisation"]
    props.category = meta.get("classification") or ""
    props.comments = props.keywords = props.content_status = ""
    props.revision = 1
    issued = _date(meta["document"].get("date")) or _date(meta.get("date"))
    if issued is not None:
        props.created = props.modified = issued
    rels = doc.part.package.rels
    for rid in [r.rId for r in rels.values() if r.reltype.endswith("/thumbnail")]:
        del rels[rid]  # the template's picture of its first page, not this document's
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _date(text: str | None) -> datetime.datetime | None:
    try:
        return datetime.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _strip_marks(blocks: list[Block], classification: str | None) -> list[Block]:
    """Without the classification paragraphs at the top and foot: the page header and
    footer carry it."""
    def mark(b: Block) -> bool:
        return b.kind == "paragraph" and bool(classification) and b.text == classification

    while blocks and mark(blocks[0]):
        blocks = blocks[1:]
    while blocks and mark(blocks[-1]):
        blocks = blocks[:-1]
    return blocks


def _body(blocks: list[Block], classification: str | None) -> list[Block]:
    """The report's sections: from the first numbered section, without the Markdown's
    own cover (the title page is built from the context) and contents list (a field)."""
    start = next((i for i, b in enumerate(blocks)
                  if b.kind == "heading" and b.level == 2 and b.text != "Contents"),
                 len(blocks))
    return _strip_marks(blocks[start:], classification)


def _contents(doc: Any, blocks: list[Block]) -> None:
    heading = doc.add_paragraph("Contents", style=style(doc, "TOC Heading", "Title"))
    heading.paragraph_format.keep_with_next = True
    table_of_contents(doc, [(b.level - 1, b.text) for b in blocks
                            if b.kind == "heading" and 2 <= b.level <= 3])
    doc.add_page_break()


def wide_sections(blocks: list[Block]) -> set[int]:
    """Indexes of the Heading 1 blocks whose part holds a wide table: one that would leave
    its longest text too little room across a portrait page (table_is_wide)."""
    wide: set[int] = set()
    start = None
    for i, block in enumerate(blocks):
        if block.kind == "heading" and block.level == 2:
            start = i
        elif block.kind == "table" and start is not None and table_is_wide(
                [[plain(c) for c in row] for row in [block.header, *block.rows]]):
            wide.add(start)
    return wide


class _Writer:
    """Lays blocks into the document, numbering the figures in the order they appear."""

    def __init__(self, doc: Any, files: Mapping[str, bytes]) -> None:
        self.doc = doc
        self.files = files
        self.figures = 0
        self.appendix = False
        self.missing = False
        self.fresh_page = False

    def write(self, blocks: list[Block]) -> None:
        wide = wide_sections(blocks)
        for i, block in enumerate(blocks):
            self.fresh_page = False
            if block.kind == "heading" and block.level == 2:
                self.turn_page(i in wide)
            getattr(self, block.kind)(block)

    def turn_page(self, landscape: bool) -> None:
        """Start a landscape section for a part holding a wide table (the action plan's
        seven columns), and a portrait one again after it."""
        from docx.enum.section import WD_ORIENT, WD_SECTION

        current = self.doc.sections[-1]
        if (current.orientation == WD_ORIENT.LANDSCAPE) == landscape:
            return
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        width, height = section.page_width, section.page_height
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = height, width
        self.fresh_page = True

    def runs(self, para: Any, runs: list[Run]) -> Any:
        for r in runs:
            run = para.add_run(r.text)
            run.bold = r.bold or None
            run.italic = r.italic or None
            if r.code:
                run.font.name = "Consolas"
        return para

    def heading(self, block: Block) -> None:
        para = self.doc.add_paragraph(style=style(self.doc, HEADINGS[block.level]))
        self.runs(para, block.runs)
        if block.level == 2 and APPENDIX.match(block.text) and not self.appendix:
            self.appendix = True  # the appendices start on a page of their own, as in print
            # (unless a section break has just started a new page)
            para.paragraph_format.page_break_before = not self.fresh_page

    def paragraph(self, block: Block) -> None:
        para = self.runs(self.doc.add_paragraph(), block.runs)
        if all(r.bold for r in block.runs) or block.text.endswith(":"):
            para.paragraph_format.keep_with_next = True  # a run-in heading or a lead-in

    def bullet(self, block: Block) -> None:
        self.runs(self.doc.add_paragraph(style=style(self.doc, "List Bullet")), block.runs)

    def numbered(self, block: Block) -> None:
        from docx.shared import Cm

        # The number is written, not Word list numbering, which would run on from one
        # list to the next (key messages 1-5, then decisions 6-9).
        para = self.doc.add_paragraph()
        para.paragraph_format.left_indent = Cm(0.75)
        para.paragraph_format.first_line_indent = Cm(-0.75)
        para.paragraph_format.tab_stops.add_tab_stop(Cm(0.75))
        para.add_run(f"{block.number}.\t")
        self.runs(para, block.runs)

    def quote(self, block: Block) -> None:
        for runs in block.paragraphs:
            self.runs(self.doc.add_paragraph(style=style(self.doc, "Quote")), runs)

    def draft(self, block: Block) -> None:
        para = self.doc.add_paragraph(style=style(self.doc, "Draft Note"))
        para.add_run("Draft note: ").bold = True
        self.runs(para, block.runs)

    def image(self, block: Block) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Cm

        data = self.files.get(block.src)
        self.missing = data is None  # an override naming a chart not drawn: no caption
        if data is None:
            return
        para = self.doc.add_paragraph()
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.keep_with_next = True
        shape = para.add_run().add_picture(io.BytesIO(data), width=Cm(15.5))
        shape._inline.docPr.set("descr", block.alt)  # the text alternative

    def caption(self, block: Block) -> None:
        """"Figure n: title. summary" in the Caption style, n a SEQ field (Word's list of
        figures counts it)."""
        if self.missing:
            return
        self.figures += 1
        para = self.doc.add_paragraph(style=style(self.doc, "Caption"))
        para.add_run("Figure ").bold = True
        field(para, "SEQ Figure \\* ARABIC", str(self.figures))
        first, rest = block.runs[0], block.runs[1:]
        title = first.text.split(". ", 1)[1] if ". " in first.text else first.text
        para.add_run(f": {title}").bold = True
        self.runs(para, [Run(r.text) for r in rest])

    def table(self, block: Block, widths: tuple[float, ...] | None = None) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        doc = self.doc
        columns = max([len(block.header), *(len(r) for r in block.rows)])
        header = any(plain(cell) for cell in block.header)  # "| | |": a table of labels
        rows = ([block.header] if header else []) + block.rows
        table = doc.add_table(rows=len(rows), cols=columns)
        table.style = style(doc, "Table Grid")
        table.autofit = False
        text_style = style(doc, "Table Text").style_id
        align = block.align + ["l"] * (columns - len(block.align))
        for cells, row in zip(rows, table.rows, strict=True):
            for c, cell in enumerate(row.cells):
                para = cell.paragraphs[0]
                para._p.style = text_style  # by id: python-docx's setter looks it up each time
                if align[c] == "r":
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                self.runs(para, cells[c] if c < len(cells) else [])
        if not header:
            for row in table.rows:
                for run in row.cells[0].paragraphs[0].runs:
                    run.bold = True
        else:
            repeat_header(table)
            for cell in table.rows[0].cells:
                shade(cell._tc.get_or_add_tcPr(), HEADER_FILL)
                for run in cell.paragraphs[0].runs:
                    run.bold = True
        texts = [[plain(cell) for cell in row] for row in rows]
        room = self._room()
        turned = (turned_headers(texts, align, columns, room) if header and widths is None
                  else set())
        if turned:
            turn_header(table, turned, max(len(texts[0][c]) for c in turned))
        self._widths(table, texts, widths, turned, room)
        doc.add_paragraph().paragraph_format.space_after = 0

    def _room(self) -> float:
        """Characters across the text width of the current section (ROOM is for A4
        portrait with 2.5 cm margins, 16 cm)."""
        section = self.doc.sections[-1]
        text_width = section.page_width - section.left_margin - section.right_margin
        return float(ROOM * text_width / PORTRAIT_TEXT_WIDTH)

    def _widths(self, table: Any, rows: list[list[str]], shares: tuple[float, ...] | None,
                turned: set[int], room: float) -> None:
        """Column widths from the text (Word and LibreOffice honour the grid; neither fits
        columns well by itself): each column gets at least its longest word, then what is
        left goes to the columns with longer text."""
        section = self.doc.sections[-1]
        text_width = section.page_width - section.left_margin - section.right_margin
        if shares is None:
            shares = column_shares(rows, len(table.columns), turned, room)
        for c, column in enumerate(table.columns):
            width = int(text_width * shares[c])
            column.width = width
            for cell in column.cells:
                cell.width = width
