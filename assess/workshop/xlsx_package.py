"""Before a workbook is parsed: is the file a workbook at all, and is it small enough?

A returned workbook is untrusted. Its bytes, its unpacked bytes and the number of things in
it (zip members, XML elements, shared strings, cells, rows, comments) are checked here with
a streaming count that stops at the first limit passed, so a hostile file costs time in
proportion to what is read up to that limit, never in proportion to what it would expand to.
A file that is not an .xlsx package gets one plain sentence saying what it is.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import ParseError, iterparse

MAX_WORKBOOK_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
"""Refuse zip bombs: a filled questionnaire unpacks to well under 1 MB."""

MAX_MEMBERS = 500
"""Files inside the package (a template has about 12)."""

LIMITS = {"si": ("shared strings", 50_000), "c": ("cells", 100_000), "row": ("rows", 20_000),
          "comment": ("comments", 10_000)}
"""Counted XML elements by local name: (what they are, most accepted in one workbook). A
template of 50 questions has about 700 cells on 70 rows."""

MAX_ELEMENTS = 2_000_000
"""XML elements of every part together (a template has about 2,000)."""

XML_SUFFIXES = (".xml", ".rels", ".vml")

MADE_BY = "import the workbook made by `assess template QUESTIONNAIRE --format xlsx`"

DAMAGED = ("cannot be read as an Excel workbook (.xlsx): it is damaged or was not saved by a "
           "spreadsheet program; open it in Excel or LibreOffice, save it again as .xlsx and "
           "import that")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _not_a_zip(head: bytes) -> str:
    """What a file that is not a zip package is, in a sentence."""
    if head.startswith(_OLE):
        return ("an Excel 97-2003 workbook (.xls) or another old Office file, not an Excel "
                "workbook (.xlsx): open it in Excel or LibreOffice, save it as Excel Workbook "
                "(.xlsx) and import that")
    kind = ("a PDF document" if head.startswith(b"%PDF") else
            "a text file" if b"\0" not in head and _decodes(head) else "not a zip package")
    return f"{kind}, not an Excel workbook (.xlsx): {MADE_BY}"


def _decodes(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3  # a character cut at the end of the sample
    return True


def _not_a_workbook(archive: zipfile.ZipFile) -> str | None:
    """Why a zip package is not an .xlsx workbook, or None when it looks like one."""
    names = set(archive.namelist())
    if "mimetype" in names:
        with archive.open("mimetype") as fh:
            mimetype = fh.read(200).decode("ascii", "replace")
        if "opendocument.spreadsheet" in mimetype:
            return ("an OpenDocument spreadsheet (.ods), not an Excel workbook (.xlsx): in "
                    "LibreOffice use File > Save As > Excel 2007-365 (.xlsx) and import that")
        return f"an OpenDocument file, not an Excel workbook (.xlsx): {MADE_BY}"
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        return f"a zip archive but not an Excel workbook (.xlsx): {MADE_BY}"
    return None


def _count(stream: IO[bytes], counts: dict[str, int]) -> str | None:
    """Add the elements of one XML part to ``counts``; the first limit passed, or None."""
    for _, element in iterparse(stream, events=("end",)):
        tag = element.tag.rsplit("}", 1)[-1]
        element.clear()
        counts["*"] = counts.get("*", 0) + 1
        if counts["*"] > MAX_ELEMENTS:
            return f"over {MAX_ELEMENTS:,} XML elements"
        if tag in LIMITS:
            counts[tag] = counts.get(tag, 0) + 1
            what, limit = LIMITS[tag]
            if counts[tag] > limit:
                return f"over {limit:,} {what}"
    return None


def package_problem(path: Path) -> str | None:
    """Why ``path`` cannot be imported as a workbook, in one sentence; None when it is an
    .xlsx package within every limit."""
    size = path.stat().st_size
    if size > MAX_WORKBOOK_BYTES:
        return (f"refused: {size:,} bytes is over the {MAX_WORKBOOK_BYTES:,}-byte limit for "
                "one workbook")
    with path.open("rb") as fh:
        head = fh.read(4096)
    if not zipfile.is_zipfile(path):
        return _not_a_zip(head)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                return (f"refused: it holds {len(members):,} files, over the "
                        f"{MAX_MEMBERS:,} a workbook may have")
            unzipped = sum(info.file_size for info in members)
            if unzipped > MAX_UNZIPPED_BYTES:
                return (f"refused: it unpacks to {unzipped:,} bytes, over the "
                        f"{MAX_UNZIPPED_BYTES:,}-byte limit")
            why = _not_a_workbook(archive)
            if why:
                return why
            counts: dict[str, int] = {}
            for info in members:
                if not info.filename.lower().endswith(XML_SUFFIXES):
                    continue
                with archive.open(info) as stream:
                    over = _count(stream, counts)
                if over:
                    return (f"refused: it holds {over} ({info.filename}), more than a "
                            "questionnaire workbook ever needs")
    except (zipfile.BadZipFile, ParseError, OSError, EOFError, RuntimeError, ValueError,
            NotImplementedError):
        return DAMAGED
    return None
