"""Small text helpers shared by the table, CSV and Markdown renderers."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_MD_MARKUP = re.compile(r"([\\`*_\[\]|])")


def neutralise(value: Any) -> Any:
    """Defuse formula injection in CSV: text starting with = + - @ tab or CR gets a leading
    apostrophe so Excel and LibreOffice show it as text. Numbers pass unchanged.

    For CSV only: a CSV cell has no type, so the apostrophe is the one defence (and it
    shows). Workbooks use :func:`literal_text`, which keeps the text as written."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def literal_text(cell: Any, value: str) -> Any:
    """Write ``value`` into an openpyxl ``cell`` as text, exactly as written, never a formula.

    The cell is an explicit string cell (openpyxl would otherwise store text starting
    with ``=`` as a formula), and text starting with = + - @ tab or CR also gets the
    ``quotePrefix`` style, Excel's own mark for "text that looks like a formula", so
    Excel and LibreOffice keep it text even when someone edits the cell. Nothing is
    prepended: "+44 20 7946 0000" reads "+44 20 7946 0000". Returns the cell.
    """
    cell.value = value
    cell.data_type = "s"
    if value.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True
    return cell


def to_json(data: Any) -> str:
    """Deterministic JSON: same data, same bytes."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def to_csv(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue()


_CONTROL = dict.fromkeys([*range(0x00, 0x20), *range(0x7F, 0xA0)], "?")


def terminal_safe(text: str) -> str:
    """Text with control characters (escape sequences, newlines) replaced, so that what a
    respondent wrote cannot move the cursor or recolour the terminal."""
    return text.translate(_CONTROL)


def table(header: Sequence[str], rows: Sequence[Sequence[str]],
          align: str | None = None) -> str:
    """A plain aligned text table; ``align`` has one 'l' or 'r' per column. Cells are
    made terminal-safe (they may hold respondents' text)."""
    align = align or "l" * len(header)
    rows = [[terminal_safe(str(c)) for c in row] for row in rows]
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=False)]

    def line(cells: Sequence[str]) -> str:
        out = []
        for cell, width, a in zip(cells, widths, align, strict=False):
            out.append(str(cell).rjust(width) if a == "r" else str(cell).ljust(width))
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)]) + "\n"


def md_escape(text: str) -> str:
    """Any text as inert Markdown, for prose and table cells alike (the one rule for
    Markdown text): one line; ``\\ ` * _ [ ] |`` backslashed, and ``#`` where it starts
    the text, so no link or image, code, emphasis, heading or table-cell break can come of
    it; ``< >`` as entities, so no raw HTML, autolink or quote (an entity is literal text
    in every Markdown renderer)."""
    escaped = _MD_MARKUP.sub(r"\\\1", " ".join(text.split()))
    escaped = escaped.replace("<", "&lt;").replace(">", "&gt;")
    return "\\" + escaped if escaped.startswith("#") else escaped


def md_table(header: Sequence[str], rows: Sequence[Sequence[str]],
             align: str | None = None) -> str:
    align = align or "l" * len(header)
    marks = ["---:" if a == "r" else "---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
