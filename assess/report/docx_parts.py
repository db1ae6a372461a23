"""Word building blocks python-docx has no call for: fields (table of contents, page
number, figure sequence), repeated table header rows, the page furniture, styles; and
the column widths of a table from its text (Word and LibreOffice fit columns badly).

python-docx is imported inside the functions; the document objects are typed ``Any``
so that importing this module stays cheap.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any

ACCENT = "1F3A5F"
"""Heading colour of the default look (dark slate blue)."""
MUTED = "595959"
CUSTOM_STYLES = {
    # name: (based on, size in points, italic, colour)
    "Table Text": ("Normal", 9.0, False, None),
    "Draft Note": ("Normal", 10.0, True, "7F4F00"),
    "Classification": ("Normal", 9.0, False, MUTED),
    "Cover Detail": ("Normal", 11.0, False, None),
}
"""Paragraph styles the document uses beyond Word's built-in ones. A reference document
that defines one (same name) keeps its own."""


SETTINGS_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator")
"""The elements of w:settings that come after w:updateFields (ECMA-376 CT_Settings)."""


def style(doc: Any, name: str, fallback: str = "Normal") -> Any:
    """The style ``name`` of ``doc``, else ``fallback`` (a reference template may lack
    Word's latent styles such as 'List Bullet' or 'Caption')."""
    try:
        return doc.styles[name]
    except KeyError:
        return doc.styles[fallback]


def ensure_styles(doc: Any) -> None:
    """Add the custom paragraph styles the reference does not define."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Pt, RGBColor

    names = {s.name for s in doc.styles}
    for level in (1, 2, 3):  # Word's own names for the contents' entry styles
        if f"toc {level}" not in names:
            entry = doc.styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
            entry.base_style = doc.styles["Normal"]
            entry.paragraph_format.left_indent = Cm(0.5 * (level - 1))
            entry.paragraph_format.space_after = Pt(2)
    for name, (base, size, italic, colour) in CUSTOM_STYLES.items():
        if name in names:
            continue
        new = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        new.base_style = doc.styles[base]
        new.font.size = Pt(size)
        new.font.italic = italic
        if colour:
            new.font.color.rgb = RGBColor.from_string(colour)
        if name == "Table Text":
            new.paragraph_format.space_before = Pt(1)
            new.paragraph_format.space_after = Pt(1)
        if name == "Draft Note":
            shade(new.element.get_or_add_pPr(), "FFF4D6")


def default_look(doc: Any) -> None:
    """A sober restyling of python-docx's default template: A4, 2.5 cm margins, dark
    slate headings, no decorated title."""
    from docx.shared import Cm, Pt, RGBColor

    for section in doc.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.header_distance = section.footer_distance = Cm(1.2)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    for name, size in (("Title", 26), ("Heading 1", 16), ("Heading 2", 13),
                       ("Heading 3", 11.5)):
        st = doc.styles[name]
        st.font.name = "Calibri"
        st.font.size = Pt(size)
        st.font.color.rgb = RGBColor.from_string(ACCENT)
        st.font.bold = name != "Title"
    doc.styles["Heading 1"].paragraph_format.space_before = Pt(18)
    title = doc.styles["Title"].element.get_or_add_pPr()
    for border in title.findall(_qn("w:pBdr")):  # the default's blue rule under the title
        title.remove(border)
    doc.styles["Subtitle"].font.color.rgb = RGBColor.from_string(MUTED)
    caption = doc.styles["Caption"]
    caption.font.color.rgb = RGBColor.from_string(MUTED)
    caption.font.size = Pt(9)
    caption.font.bold = False


def clear_body(doc: Any) -> None:
    """Remove everything from the body but its final section properties (page size,
    margins, header and footer references), as pandoc does with a reference."""
    body = doc.element.body
    for child in list(body):
        if child.tag != _qn("w:sectPr"):
            body.remove(child)


def field(paragraph: Any, instruction: str, shown: str) -> Any:
    """A simple field (PAGE, NUMPAGES, SEQ ...) with ``shown`` as its current result,
    which Word recomputes and other readers show as is."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)
    return simple


def table_of_contents(doc: Any, entries: list[tuple[int, str]]) -> None:
    """A TOC field over Heading 1-3 whose current result lists ``entries`` (level, text)
    without page numbers; Word fills the page numbers when it updates fields on opening
    (``update_fields_on_open``)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> Any:
        run = OxmlElement("w:r")
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        run.append(fld)
        return run

    first = doc.add_paragraph(style=style(doc, "toc 1"))
    first._p.append(char("begin"))
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = ' TOC \\o "1-3" \\h \\z \\u '
    run.append(instr)
    first._p.append(run)
    first._p.append(char("separate"))
    last = first
    for i, (level, text) in enumerate(entries):
        para = first if i == 0 else doc.add_paragraph(style=style(doc, f"toc {level}"))
        para.add_run(text)
        last = para
    last._p.append(char("end"))


def update_fields_on_open(doc: Any) -> None:
    """Ask Word to update the fields (the contents' page numbers) when it opens the file."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    settings = doc.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # Word refuses a settings part out of the schema's order: before the first follower.
    after = {qn(f"w:{name}") for name in SETTINGS_AFTER_UPDATE_FIELDS}
    follower = next((child for child in settings if child.tag in after), None)
    if follower is None:
        settings.append(update)
    else:
        follower.addprevious(update)


def turn_header(table: Any, columns: set[int], longest: int) -> None:
    """Turn the header text of ``columns`` to read bottom to top, the header row tall
    enough for about ``longest`` characters over two lines."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    row = table.rows[0]
    for c in columns:
        direction = OxmlElement("w:textDirection")
        direction.set(qn("w:val"), "btLr")
        row.cells[c]._tc.get_or_add_tcPr().append(direction)
    height = OxmlElement("w:trHeight")
    # about 6 pt a character of bold table text, half of the text on each line
    height.set(qn("w:val"), str(int(Pt(min(max(longest / 2 * 6, 40), 140)).twips)))
    height.set(qn("w:hRule"), "atLeast")
    row._tr.get_or_add_trPr().append(height)


def repeat_header(table: Any) -> None:
    """Mark the table's first row as a header row, repeated at the top of each page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)


def shade(element: Any, fill: str) -> None:
    """A solid background (cell properties or paragraph properties)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    element.append(shd)


def page_furniture(doc: Any, classification: str | None) -> None:
    """The classification at the top and foot of every page, and "Page n of N" in the
    footer, in every section and header variant the document uses. The reference's own
    header and footer text is replaced: the marking must be exactly the assessment's."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for section in doc.sections:
        pairs = [(section.header, section.footer)]
        if section.different_first_page_header_footer:
            pairs.append((section.first_page_header, section.first_page_footer))
        if doc.settings.odd_and_even_pages_header_footer:
            pairs.append((section.even_page_header, section.even_page_footer))
        for header, footer in pairs:
            header.is_linked_to_previous = False
            footer.is_linked_to_previous = False
            for part in (header, footer):
                for para in part.paragraphs[1:]:
                    para._p.getparent().remove(para._p)
                for table in part.tables:
                    table._tbl.getparent().remove(table._tbl)
                part.paragraphs[0].text = ""
            top = header.paragraphs[0]
            top.style = style(doc, "Classification")
            top.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if classification:
                top.add_run(classification).bold = True
            foot = footer.paragraphs[0]
            foot.style = style(doc, "Classification")
            foot.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if classification:
                foot.add_run(classification).bold = True
                foot.add_run("    ")
            foot.add_run("Page ")
            field(foot, "PAGE", "1")
            foot.add_run(" of ")
            field(foot, "NUMPAGES", "1")


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


ROOM = 85
"""Characters across the text width at the table text size, roughly."""


def _least_and_want(rows: list[list[str]], columns: int,
                    turned: AbstractSet[int] = frozenset()) -> tuple[list[int], list[int]]:
    """Per column, the least width (its header's longest word, unless the header is
    turned, and its body's longest word up to 10 characters; the row labels' up to 16)
    and the width it would like (its longest text), in characters with the padding."""
    least = [5] * columns
    want = [5] * columns
    for i, row in enumerate(rows):
        for c, text in enumerate(row[:columns]):
            if i == 0 and c in turned:
                continue
            words = [len(w) for w in text.split()] or [0]
            cap = 16 if c == 0 else 10
            least[c] = max(least[c], *(n + 4 if i == 0 else min(n, cap) + 4 for n in words))
            want[c] = max(want[c], min(len(text) + 4, 250))
    return least, [max(w, n) for w, n in zip(want, least, strict=True)]


def table_is_wide(rows: list[list[str]]) -> bool:
    """A table of six columns or more whose texts want over twice the width of a portrait
    page: laid out on a landscape page (the action plan, the capability x programme
    matrix)."""
    columns = max((len(r) for r in rows), default=0)
    if columns < 6:
        return False
    _, want = _least_and_want(rows, columns)
    return sum(want) > 2 * ROOM


def turned_headers(rows: list[list[str]], align: list[str], columns: int,
                   room: float = ROOM) -> set[int]:
    """The number columns whose headers are turned upright (read bottom to top) because
    the table cannot keep every header word whole across the page: a capability x
    programme matrix, whose programme names are longer than their figures."""
    least, _ = _least_and_want(rows, columns)
    if sum(least) <= room:
        return set()
    body, _ = _least_and_want(rows[1:], columns)
    return {c for c in range(1, columns) if align[c] == "r" and least[c] > body[c] + 2}


def column_shares(rows: list[list[str]], columns: int, turned: AbstractSet[int] = frozenset(),
                  room: float = ROOM) -> tuple[float, ...]:
    """Each column's share of the text width, from the lengths of its texts (in
    characters, with the cell padding): the least a column gets is its header's longest
    word (not for a turned header) and its body's longest word up to 10 characters (16
    for the row labels); it would like its longest text; the room left after the least
    goes to each column in proportion to what it lacks."""
    least, want = _least_and_want(rows, columns, turned)
    widths: list[float]
    if sum(want) <= room or sum(want) == sum(least):
        widths = [float(w) for w in want]
    elif sum(least) >= room:
        widths = [float(n) for n in least]
    else:
        spare = (room - sum(least)) / (sum(want) - sum(least))
        widths = [n + (w - n) * spare for w, n in zip(want, least, strict=True)]
    total = sum(widths)
    return tuple(w / total for w in widths)
