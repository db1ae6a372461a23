"""The deck's building blocks: the presentation (the firm's template or a clean default),
layouts chosen by placeholder type, fitted text, tables, the footer with the
classification, and byte-for-byte repeatable packaging.

python-pptx is imported inside the functions; importing this module is cheap.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import Slide, SlideLayout

INK = "1A1A1A"
MUTED = "595959"
ACCENT = "1F3864"
RULE = "BFBFBF"
FONT = "Arial"
"""The default deck's theme font (Liberation Sans, its metric twin, where Arial is
missing); with a reference template the template's theme fonts apply, since no text
names a font."""
EMU_PER_INCH = 914400
CHAR_EM = 0.5
"""Average character width, in em, assumed when fitting text in the default deck (Arial
prose runs about 0.47, bold a little more); wrapping is simulated word by word."""
CHAR_EM_REFERENCE = 0.6
"""The same with a reference template, whose fonts are unknown (and may be replaced by a
wider one where they are not installed)."""
_char_em: ContextVar[float] = ContextVar("char_em", default=CHAR_EM)
WIDE = (12192000, 6858000)
"""16:9, 13.33 x 7.5 inches: the default slide size without a reference template."""
SIZES = (28, 24, 22, 20, 18, 16, 15, 14, 13, 12, 11, 10)
"""Body text sizes tried, largest first, until the text fits its box."""


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    def split(self, share: float, gap: int) -> tuple[Box, Box]:
        """Left and right parts: ``share`` of the width to the left, ``gap`` between."""
        first = int((self.width - gap) * share)
        return (Box(self.left, self.top, first, self.height),
                Box(self.left + first + gap, self.top, self.width - first - gap, self.height))

    def below(self, height: int, gap: int = 0) -> tuple[Box, Box]:
        """A strip of ``height`` at the top, and the rest below it."""
        return (Box(self.left, self.top, self.width, height),
                Box(self.left, self.top + height + gap, self.width,
                    self.height - height - gap))


@dataclass
class Deck:
    """The presentation being built, with where content may go on every slide."""

    prs: Presentation
    styled: bool
    """True for the default look (no reference): the deck sets its own fonts and title
    positions; with a reference, the template's master decides them."""
    classification: str
    footer: str

    @property
    def width(self) -> int:
        return int(self.prs.slide_width or WIDE[0])

    @property
    def height(self) -> int:
        return int(self.prs.slide_height or WIDE[1])

    @property
    def margin(self) -> int:
        return int(self.width * 0.04)

    def body(self, title_bottom: int) -> Box:
        """The area under the title and above the footer (under the top sixth of the
        slide when a layout's title reaches far down, e.g. a vertical title)."""
        if title_bottom > self.height * 0.4:
            title_bottom = int(self.height * 0.16)
        top = title_bottom + int(self.height * 0.03)
        bottom = self.height - int(self.height * 0.08)
        return Box(self.margin, top, self.width - 2 * self.margin, bottom - top)


def open_deck(reference: bytes | None, classification: str, footer: str) -> Deck:
    """A presentation on the reference template's master and layouts (its own slides
    removed), or python-pptx's default template at 16:9."""
    from pptx import Presentation

    if reference is None:
        prs = Presentation()
        prs.slide_width, prs.slide_height = WIDE
        _theme_font(prs, FONT)
    else:
        prs = Presentation(io.BytesIO(reference))
        ids = prs.slides._sldIdLst
        for sld in list(ids):
            prs.part.drop_rel(sld.rId)
            ids.remove(sld)
    return Deck(prs, reference is None, classification, footer)


@contextmanager
def measuring(deck: Deck) -> Iterator[None]:
    """Fit text for ``deck``: cautiously wider characters on a reference template."""
    token = _char_em.set(CHAR_EM if deck.styled else CHAR_EM_REFERENCE)
    try:
        yield
    finally:
        _char_em.reset(token)


def _theme_font(prs: Presentation, font: str) -> None:
    """Set the theme's heading and body fonts (the default template's is Calibri, which
    renders much wider where it is missing)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    part = prs.slide_master.part.part_related_by(RT.THEME)
    blob = re.sub(rb'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*"',
                  rb"\g<1>" + font.encode() + b'"', part.blob)
    part._blob = blob


def _kinds(layout: SlideLayout) -> set[Any]:
    """The placeholder types of a layout, leaving out the date, footer and number."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    furniture = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
    return {p.placeholder_format.type for p in layout.placeholders
            if p.placeholder_format.type not in furniture}


def pick_layout(deck: Deck, cover: bool) -> SlideLayout:
    """The cover: a layout with a centred title and a subtitle ("Title Slide"); every
    other slide: a layout with a title and nothing else ("Title Only"), else the one with
    a title and the fewest other placeholders, else a blank layout."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    layouts = list(deck.prs.slide_layouts)
    title, centre = PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE
    sub = PP_PLACEHOLDER.SUBTITLE
    if cover:
        for lay in layouts:
            if {centre, sub} <= _kinds(lay) or {title, sub} <= _kinds(lay):
                return lay
    titled = [lay for lay in layouts if _kinds(lay) & {title, centre}]
    only = [lay for lay in titled if len(_kinds(lay)) == 1]
    if only:
        return next((lay for lay in only if lay.name.casefold() == "title only"), only[0])
    if titled:
        return min(titled, key=lambda lay: len(_kinds(lay)))
    return min(layouts, key=lambda lay: len(_kinds(lay)))


def new_slide(deck: Deck, title: str, cover: bool = False) -> tuple[Slide, int]:
    """A slide with its title set (in the layout's title placeholder, else a text box of
    its own), the classification footer, and the bottom edge of the title."""
    slide = deck.prs.slides.add_slide(pick_layout(deck, cover))
    holder = slide.shapes.title
    keep = {holder.placeholder_format.idx if holder is not None else None}
    if cover:
        keep.add(1)  # the subtitle
    for ph in list(slide.placeholders):
        if ph.placeholder_format.idx not in keep:
            ph.element.getparent().remove(ph.element)
    if holder is None:
        box = Box(deck.margin, int(deck.height * 0.05), deck.width - 2 * deck.margin,
                  int(deck.height * 0.11))
        frame = text_box(slide, box, [title], 28, bold=True, colour=ACCENT)
        bottom = box.top + box.height
        del frame
    else:
        from pptx.enum.text import MSO_AUTO_SIZE

        holder.text = title
        holder.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # long titles shrink
        if deck.styled and not cover:
            holder.left, holder.top = deck.margin, int(deck.height * 0.05)
            holder.width, holder.height = deck.width - 2 * deck.margin, int(deck.height * 0.11)
            _style_title(holder, 28)
        bottom = int(holder.top or 0) + int(holder.height or 0)
    footer(deck, slide)
    return slide, bottom


def _style_title(shape: Any, size: int) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    frame = shape.text_frame
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    frame.word_wrap = True
    for par in frame.paragraphs:
        par.alignment = PP_ALIGN.LEFT
        for run in par.runs:
            run.font.size, run.font.bold = Pt(size), True
            run.font.color.rgb = RGBColor.from_string(ACCENT)


def footer(deck: Deck, slide: Slide) -> None:
    """Organisation and title on the left, the classification centred, the slide number
    on the right: on every slide, as a text box of the deck's own (a template's footer
    placeholders are not copied onto slides)."""
    number = len(deck.prs.slides)
    height = int(deck.height * 0.05)
    top = deck.height - height - int(deck.height * 0.015)
    third = (deck.width - 2 * deck.margin) // 3
    left = Box(deck.margin, top, third, height)
    text_box(slide, left, [deck.footer], 9, colour=MUTED, name="Footer")
    if deck.classification:
        middle = Box(deck.margin + third, top, third, height)
        text_box(slide, middle, [deck.classification], 11, bold=True, colour=INK,
                 align="center", name="Classification")
    right = Box(deck.margin + 2 * third, top, third, height)
    text_box(slide, right, [str(number)], 9, colour=MUTED, align="right", name="Slide number")


def lines_needed(texts: Sequence[str], width: int, size: float) -> int:
    """Lines ``texts`` take at ``size`` points in a box ``width`` EMU wide, wrapped word by
    word: a cautious estimate (an average character of :data:`CHAR_EM`), so text judged to fit
    does fit. A word longer than a line counts as the lines it would be broken into."""
    chars = max(1, int(width / EMU_PER_INCH * 72 / (size * _char_em.get())))
    total = 0
    for text in texts:
        lines, used = 1, 0
        for word in text.split():
            if used and used + 1 + len(word) > chars:
                lines, used = lines + 1, 0
            if len(word) > chars:
                lines += math.ceil(len(word) / chars) - 1
                used = len(word) % chars
            else:
                used += len(word) + (1 if used else 0)
        total += lines
    return total


def fits(texts: Sequence[str], box: Box, size: float, spacing: float = 0.5,
         margin: int = 91440) -> bool:
    """Whether ``texts`` (one paragraph each, ``spacing`` lines between) fit ``box`` with
    ``margin`` EMU inside each side, no word broken across lines."""
    width = box.width - 2 * margin
    chars = int(width / EMU_PER_INCH * 72 / (size * _char_em.get()))
    if any(len(word) > chars for t in texts for word in t.split()):
        return False
    lines = lines_needed(texts, width, size)
    height = (lines * 1.2 + spacing * max(0, len(texts) - 1)) * size / 72 * EMU_PER_INCH
    return height <= box.height - 2 * min(margin, 45720)


def fitted_size(texts: Sequence[str], box: Box, largest: int = 18,
                spacing: float = 0.5, smallest: int = 10) -> int:
    """The largest body size (at most ``largest``) at which ``texts`` fit ``box``."""
    sizes = [s for s in (*SIZES, 9, 8) if smallest <= s <= largest] or [smallest]
    return next((s for s in sizes if fits(texts, box, s, spacing)), sizes[-1])


def text_box(slide: Slide, box: Box, paragraphs: Sequence[str | Sequence[tuple[str, bool]]],
             size: float, *, bold: bool = False, colour: str = INK, align: str = "left",
             spacing: float = 0, name: str = "", bullet: str = "", anchor: str = "") -> Any:
    """A text box of paragraphs; a paragraph is a string or runs of (text, bold)."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    if name:
        shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE,
                             "bottom": MSO_ANCHOR.BOTTOM}[
        anchor or ("top" if align == "left" else "middle")]
    for i, para in enumerate(paragraphs):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        p.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER,
                       "right": PP_ALIGN.RIGHT}[align]
        if i and spacing:
            p.space_before = Pt(size * spacing)
        runs = [(para, bold)] if isinstance(para, str) else list(para)
        if bullet:
            runs.insert(0, (bullet, False))
        for text, strong in runs:
            run = p.add_run()
            run.text = text
            run.font.size, run.font.bold = Pt(size), strong
            run.font.color.rgb = RGBColor.from_string(colour)
    return shape


def table(slide: Slide, box: Box, header: Sequence[str], rows: Sequence[Sequence[str]],
          widths: Sequence[float], size: float = 12,
          fills: Sequence[Sequence[str | None]] | None = None,
          align: Sequence[str] = ()) -> Any:
    """A table: header row in the accent colour, ``widths`` as shares of the box width,
    optional cell fills (hex, None for none) and per-column alignment."""
    from pptx.dml.color import RGBColor
    from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
    from pptx.util import Pt

    from .charts import _text_colour

    shape = slide.shapes.add_table(len(rows) + 1, len(header), box.left, box.top,
                                   box.width, box.height)
    grid = shape.table
    grid.first_row = True
    while size > 9 and sum(column_widths(header, rows, widths, 0, size)) > box.width:
        size -= 1  # some word would not fit its column: smaller text
    for i, width in enumerate(column_widths(header, rows, widths, box.width, size)):
        grid.columns[i].width = width
    row_height = box.height // (len(rows) + 1)
    for r in range(len(rows) + 1):
        grid.rows[r].height = row_height
    for r, cells in enumerate([header, *rows]):
        for c, text in enumerate(cells):
            cell = grid.cell(r, c)
            cell.margin_left = cell.margin_right = Pt(4)
            cell.margin_top = cell.margin_bottom = Pt(2)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            fill = ACCENT if r == 0 else (fills[r - 1][c] if fills else None) or (
                "F2F2F2" if r % 2 == 0 else "FFFFFF")
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(fill.lstrip("#"))
            frame = cell.text_frame
            frame.word_wrap = True
            for i, line in enumerate(str(text).split("\n")):
                p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
                p.alignment = PP_ALIGN.RIGHT if c < len(align) and align[c] == "right" \
                    else PP_ALIGN.CENTER if c < len(align) and align[c] == "center" \
                    else PP_ALIGN.LEFT
                run = p.add_run()
                run.text = line
                run.font.size = Pt(size)
                run.font.bold = r == 0 or (i == 0 and bool(fills))
                ink = _text_colour("#" + fill.lstrip("#")).lstrip("#")
                run.font.color.rgb = RGBColor.from_string("FFFFFF" if r == 0 else ink.upper())
    return shape


def column_widths(header: Sequence[str], rows: Sequence[Sequence[str]],
                  shares: Sequence[float], width: int, size: float) -> list[int]:
    """Column widths in EMU from ``shares``, each widened to hold its longest word (a
    header such as "Current" never breaks), the room taken from the widest columns."""
    em = size / 72 * EMU_PER_INCH * _char_em.get() * 1.15  # headers are bold
    need = [int(max(len(w) for cell in [header[c], *(r[c] for r in rows)]
                    for w in (str(cell).split() or [""])) * em + 2 * 50800 + 1)
            for c in range(len(header))]
    total = sum(shares)
    out = [max(n, int(width * s / total)) for n, s in zip(need, shares, strict=True)]
    while sum(out) > width:
        widest = max(range(len(out)), key=lambda i: out[i] - need[i])
        spare = out[widest] - need[widest]
        if spare <= 0:
            break
        out[widest] -= min(spare, sum(out) - width)
    return out


def notes(slide: Slide, lines: Sequence[str]) -> None:
    """Speaker notes: the detail behind the slide, one paragraph per line."""
    slide.notes_slide.notes_text_frame.text = "\n".join(line for line in lines if line)


def more(count: int, what: str = "") -> str:
    """'and 3 more in the report' for a list cut to its top entries."""
    return f"and {count} more {what + ' ' if what else ''}in the report"
