"""The Markdown report read back as blocks for the Word document.

The Word document says what the Markdown report says, in the same order and words:
its templates (``reports/report.md.j2`` and partials, or a ``--templates`` override) are
the one place the report's wording lives. This module reads the small subset of
Markdown those templates write (headings, paragraphs, lists, block quotes, pipe tables,
images with their ``*Figure n. ...*`` captions, draft notes) into plain blocks that
:mod:`assess.report.docx_document` lays into Word. Everything else is text: a
respondent's note was escaped by the ``md`` filter and comes back exactly as typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^(#{1,4}) (.*)$")
_IMAGE = re.compile(r"^!\[(.*)\]\(([^)\s]*)\)$")
_NUMBERED = re.compile(r"^(\d+)\. (.*)$")
_ANCHOR = re.compile(r'^<a id="[^"]*"></a>$')
_LINK = re.compile(r"(?<!\\)\[((?:\\.|[^\]\\])*)\]\((?:\\.|[^)\\])*\)")
_CAPTION = re.compile(r"^\*Figure (\d+)\. ")
DRAFT_MARK = "**[Draft note]**"
ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))


@dataclass(frozen=True)
class Run:
    """A piece of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False


@dataclass
class Block:
    """One block of the document.

    ``kind`` is heading (``level`` 1-4, the number of ``#``), paragraph, bullet,
    numbered (``number``), quote (``paragraphs``: one list of runs each), draft (a
    consultant's note), table (``header``, ``align``: ``l``/``r`` per column, ``rows``:
    runs per cell), image (``alt``, ``src``) or caption (``number``, ``runs``).
    """

    kind: str
    runs: list[Run] = field(default_factory=list)
    level: int = 0
    number: int = 0
    paragraphs: list[list[Run]] = field(default_factory=list)
    header: list[list[Run]] = field(default_factory=list)
    align: list[str] = field(default_factory=list)
    rows: list[list[list[Run]]] = field(default_factory=list)
    alt: str = ""
    src: str = ""

    @property
    def text(self) -> str:
        return plain(self.runs)


def plain(runs: list[Run]) -> str:
    return "".join(r.text for r in runs)


def inline(text: str) -> list[Run]:
    """Runs of a line of Markdown: ``**bold**``, ``*italic*``, ```code```, links as their
    text; backslash escapes and the ``&lt; &gt;`` entities give back the characters."""
    text = _LINK.sub(r"\1", text)
    runs: list[Run] = []
    buf: list[str] = []
    bold = italic = code = False

    def flush() -> None:
        if buf:
            value = "".join(buf)
            for entity, char in ENTITIES:
                value = value.replace(entity, char)
            runs.append(Run(value, bold, italic, code))
            buf.clear()

    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and not code:
            buf.append(text[i + 1])
            i += 2
            continue
        if ch == "`":
            flush()
            code = not code
        elif code:
            buf.append(ch)
        elif text.startswith("**", i):
            flush()
            bold = not bold
            i += 1
        elif ch == "*":
            flush()
            italic = not italic
        else:
            buf.append(ch)
        i += 1
    flush()
    return runs


def cells(line: str) -> list[str]:
    """The cells of a pipe-table row, splitting on ``|`` that is not backslashed."""
    out: list[str] = []
    buf: list[str] = []
    i = 0
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            buf.append(body[i:i + 2])
            i += 2
            continue
        if body[i] == "|":
            out.append("".join(buf).strip())
            buf = []
        else:
            buf.append(body[i])
        i += 1
    if "".join(buf).strip():
        out.append("".join(buf).strip())
    return out


def _table(lines: list[str]) -> Block:
    header = cells(lines[0])
    marks = cells(lines[1]) if len(lines) > 1 else []
    align = ["r" if m.endswith(":") else "l" for m in marks] or ["l"] * len(header)
    rows = [[inline(c) for c in cells(line)] for line in lines[2:]]
    return Block("table", header=[inline(c) for c in header], align=align, rows=rows)


def _quote(lines: list[str]) -> Block:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        body = line[1:].strip()
        if body:
            paragraphs[-1].append(body)
        elif paragraphs[-1]:
            paragraphs.append([])
    texts = [" ".join(p) for p in paragraphs if p]
    if texts and texts[0].startswith(DRAFT_MARK):
        return Block("draft", runs=inline(" ".join(texts)[len(DRAFT_MARK):].strip()))
    return Block("quote", paragraphs=[inline(t) for t in texts])


def parse(text: str) -> list[Block]:
    """The blocks of a Markdown report written by the report templates."""
    blocks: list[Block] = []
    lines = text.split("\n")
    para: list[str] = []

    def end_paragraph() -> None:
        if para:
            joined = " ".join(para)
            caption = _CAPTION.match(joined)
            if caption and blocks and blocks[-1].kind == "image":
                blocks.append(Block("caption", runs=inline(joined),
                                    number=int(caption.group(1))))
            else:
                blocks.append(Block("paragraph", runs=inline(joined)))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if line.startswith(("|", ">")):
            end_paragraph()
            j = i
            while j < len(lines) and lines[j].startswith(line[0]):
                j += 1
            group = [raw.rstrip() for raw in lines[i:j]]
            blocks.append(_table(group) if line[0] == "|" else _quote(group))
            i = j
            continue
        heading, image = _HEADING.match(line), _IMAGE.match(line)
        numbered = _NUMBERED.match(line)
        if not line.strip() or _ANCHOR.match(line):
            end_paragraph()
        elif heading:
            end_paragraph()
            blocks.append(Block("heading", runs=inline(heading.group(2)),
                                level=len(heading.group(1))))
        elif image:
            end_paragraph()
            alt = plain(inline(image.group(1)))
            blocks.append(Block("image", alt=alt, src=image.group(2)))
        elif line.startswith("- "):
            end_paragraph()
            blocks.append(Block("bullet", runs=inline(line[2:])))
        elif numbered:
            end_paragraph()
            blocks.append(Block("numbered", runs=inline(numbered.group(2)),
                                number=int(numbered.group(1))))
        else:
            para.append(line.strip())
        i += 1
    end_paragraph()
    return blocks
