"""The client's copy of the example report, written once in every format and read back
as the client would (the PDF through pdftotext): who is named, the handling marking on
every page, the document control."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from assess.report import ReportOptions, available_formats, write_reports

from .conftest import EXAMPLE
from .report_support import deck_text, docx_text

CLASSIFICATION = yaml.safe_load((EXAMPLE / "assessment.yaml").read_text())["classification"]


def respondent_names() -> list[str]:
    """Every respondent's name in the example's responses/, and each part of it."""
    names: set[str] = set()
    for path in (EXAMPLE / "responses").glob("*.yaml"):
        who = yaml.safe_load(path.read_text()).get("respondent")
        if who:
            names.add(who["name"])
            names.update(p for p in who["name"].split() if len(p) > 1)
    assert len(names) > 10
    return sorted(names)


def workbook_text(data: bytes) -> str:
    wb = load_workbook(io.BytesIO(data))
    cells = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row
             if c.value is not None]
    marks = [h.center.text or "" for ws in wb for h in (ws.oddHeader, ws.oddFooter)]
    return "\n".join(cells + marks)


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    formats = available_formats()[0]
    out = tmp_path_factory.mktemp("client")
    list(write_reports(EXAMPLE, formats, out, ReportOptions()))
    return {p.name: p for p in out.iterdir() if p.is_file()}


@pytest.fixture(scope="module")
def texts(written: dict[str, Path]) -> dict[str, str]:
    out = {}
    for name, path in written.items():
        if path.suffix == ".xlsx":
            out[name] = workbook_text(path.read_bytes())
        elif path.suffix == ".pptx":
            out[name] = deck_text(path.read_bytes())
        elif path.suffix == ".pdf":
            if shutil.which("pdftotext"):
                out[path.name] = "\n".join(pdf_pages(path))
        elif path.suffix == ".docx":
            out[name] = docx_text(path)
        else:
            out[path.name] = path.read_text(encoding="utf-8")
    return out


def test_default_report_names_no_respondent(texts: dict[str, str]) -> None:
    assert {"report.html", "report-annex.html", "report.md", "report-annex.md",
            "report.xlsx", "report.docx", "report-annex.docx",
            "report.pptx"} <= set(texts)
    for name in respondent_names():
        word = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
        for file, text in texts.items():
            assert not word.search(text), f"{name!r} appears in {file}"


def test_default_report_attributes_by_role(texts: dict[str, str]) -> None:
    for file, text in texts.items():
        if "annex" not in file and not file.endswith(".xlsx"):
            continue  # the report quotes too few notes to be sure of one role
        assert "Information Security Manager" in text, file


def test_classification_in_every_format(texts: dict[str, str]) -> None:
    for file, text in texts.items():
        assert CLASSIFICATION in text, file


def test_classification_on_every_pdf_page(written: dict[str, Path]) -> None:
    if "report.pdf" not in written or not shutil.which("pdftotext"):
        pytest.skip("needs WeasyPrint and pdftotext")
    for name in ("report.pdf", "report-annex.pdf"):
        pages = pdf_pages(written[name])
        missing = [i for i, page in enumerate(pages, 1) if CLASSIFICATION not in page]
        assert not missing, f"{name}: pages without the marking: {missing}"


def test_document_control_on_the_cover(texts: dict[str, str]) -> None:
    doc = yaml.safe_load((EXAMPLE / "assessment.yaml").read_text())["document"]
    for file in ("report.html", "report.md", "report.docx"):
        text = texts[file]
        assert doc["prepared_by"] in text
        assert "Version" in text and doc["version"] in text
        assert "3 November 2026" in text
        for who in doc["distribution"]:
            assert who in text


def test_workbook_prints_the_marking_on_every_sheet(written: dict[str, Path]) -> None:
    wb = load_workbook(written["report.xlsx"])
    for ws in wb:
        assert ws.oddHeader.center.text == CLASSIFICATION, ws.title
        assert ws.oddFooter.center.text == CLASSIFICATION, ws.title


# --- length and structure -----------------------------------------------------------------

def _visible(html: str) -> str:
    """The text a reader sees: no stylesheet, no head, no tags."""
    body = html.split("</head>", 1)[1]
    return re.sub(r"<[^>]+>", " ", body)


def test_main_pdf_is_short_and_the_answers_are_in_the_annex(written: dict[str, Path]) -> None:
    if "report.pdf" not in written or not shutil.which("pdftotext"):
        pytest.skip("needs WeasyPrint and pdftotext")
    pages = pdf_pages(written["report.pdf"])
    assert len(pages) <= 30
    appendix = next(i for i, p in enumerate(pages) if "A Methodology and maturity levels"
                    in p and "Contents" not in p)
    assert appendix - 2 <= 25, "body (after cover and contents) longer than 25 pages"
    annex = "\n".join(pdf_pages(written["report-annex.pdf"]))
    assert "Every question and answer" in annex and "Every question and answer" not in \
        "\n".join(pages)


def test_executive_summary_is_one_page(written: dict[str, Path]) -> None:
    if "report.pdf" not in written or not shutil.which("pdftotext"):
        pytest.skip("needs WeasyPrint and pdftotext")
    pages = pdf_pages(written["report.pdf"])
    start = [i for i, p in enumerate(pages) if "Key messages" in p]
    assert len(start) == 1
    page = pages[start[0]]
    assert "1 Executive summary" in page and "Decisions required" in page
    following = pages[start[0] + 1]
    assert "2 Progress since the baseline" in following.split("\n", 3)[-1][:400]


def test_no_text_is_cut_short(texts: dict[str, str]) -> None:
    for file, text in texts.items():
        shown = _visible(text) if file.endswith(".html") else text
        shown = re.sub(r"\.{4,}", "", shown)  # the contents list's dot leaders
        assert "…" not in shown and "..." not in shown, file


TOOL_WORDS = re.compile(r"weighted_mean|cumulative\b|rated_attributes|sum_of_level_means"
                        r"|assess \d|Prepared with|\b[a-z][a-z_]+:[0-9]\b")


def test_no_tool_vocabulary_in_the_client_copy(texts: dict[str, str]) -> None:
    for file, text in texts.items():
        shown = _visible(text) if file.endswith(".html") else text
        found = TOOL_WORDS.findall(shown)
        assert not found, f"{file}: {found[:5]}"


def test_each_step_is_described_once(texts: dict[str, str]) -> None:
    from assess.report import build_context, load_inputs

    ctx = build_context(load_inputs(EXAMPLE))
    html, annex = _visible(texts["report.html"]), _visible(texts["report-annex.html"])
    for row in ctx["recommendations"]:
        action = row["action"].replace("'", "&#39;").replace('"', "&#34;")
        planned = row["phase"] != "Backlog"
        assert html.count(action) == (1 if planned else 0), row["id"]
        assert annex.count(action) == (0 if planned else 1), row["id"]


# --- formats ------------------------------------------------------------------------------

def test_pdf_is_tagged(written: dict[str, Path]) -> None:
    if "report.pdf" not in written or not shutil.which("pdfinfo"):
        pytest.skip("needs WeasyPrint and pdfinfo")
    info = subprocess.run(["pdfinfo", str(written["report.pdf"])], check=True,
                          capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M)


def test_no_heading_is_stranded_at_a_page_foot(written: dict[str, Path],
                                                texts: dict[str, str]) -> None:
    if "report.pdf" not in written or not shutil.which("pdftotext"):
        pytest.skip("needs WeasyPrint and pdftotext")
    headings = {" ".join(re.sub(r"<[^>]+>", " ", h).split()) for h in re.findall(
        r"<h[234][^>]*>(.*?)</h[234]>", texts["report.html"], re.S)}
    for i, page in enumerate(pdf_pages(written["report.pdf"]), 1):
        lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        body = [line for line in lines if "Page " not in line and line != CLASSIFICATION]
        if body and i > 2:
            assert body[-1] not in headings, f"page {i} ends with the heading {body[-1]!r}"


def test_the_summary_says_when_the_target_is_reached_in_plain_words() -> None:
    # Read "the overall target is reached not within 5 years" before.
    from assess.report import build_context, load_inputs

    ctx = build_context(load_inputs(EXAMPLE))
    ask = next(m["text"] for m in ctx["summary"]["messages"] if m["title"] == "What it takes")
    overall = next(t for t in ctx["resourcing"]["time_to_target"] if t["overall"])
    years = ctx["resourcing"]["horizon_years"]
    expected = (f"not reached within {years} years" if overall["months"] is None
                else "already met" if overall["months"] == 0
                else f"reached {overall['text']}")
    assert f"overall target is {expected}" in ask
    assert "reached not within" not in ask


@pytest.mark.parametrize(("name", "pattern"), [
    ("report.html", r"<b>Figure (\d+)\."), ("report.md", r"\*Figure (\d+)\.")])
def test_figures_are_numbered_in_the_order_a_reader_meets_them(
        texts: dict[str, str], name: str, pattern: str) -> None:
    # The trend chart (progress comes second) was Figure 2, after Figure 1 further on.
    numbers = [int(n) for n in re.findall(pattern, texts[name])]
    assert len(numbers) >= 5
    assert numbers == list(range(1, len(numbers) + 1))


def test_the_matrix_in_the_document_has_turned_headers(written: dict[str, Path]) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(written["report.docx"]))
    turned = [t for t in doc.tables
              if t.rows[0]._tr.findall(".//" + qn("w:textDirection"))]
    assert turned, "the capability x programme matrix turns its programme headers"
    assert all(t.rows[0]._tr.find(".//" + qn("w:trHeight")) is not None for t in turned)


def test_the_annex_pdf_names_the_organisation_at_every_page_foot(
        written: dict[str, Path]) -> None:
    # Read "Prepared for" and nothing: the organisation was only picked up on the
    # report's cover.
    if "report-annex.pdf" not in written or not shutil.which("pdftotext"):
        pytest.skip("needs the PDF annex and pdftotext")
    organisation = yaml.safe_load((EXAMPLE / "assessment.yaml").read_text())["organisation"]
    pages = pdf_pages(written["report-annex.pdf"])
    assert all(f"Prepared for {organisation}" in " ".join(p.split()) for p in pages[1:])


def test_the_word_action_plan_is_on_landscape_pages(written: dict[str, Path]) -> None:
    # Seven columns on portrait A4 left the action text a quarter of the width.
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    from assess.report.docx_parts import table_is_wide

    doc = Document(str(written["report.docx"]))
    body = doc.element.body
    # Each section's properties end it: walk the body, noting where each section ends.
    orientation = []
    for child in body.iterchildren():
        sect = child.find(".//" + qn("w:sectPr")) if child.tag == qn("w:p") else None
        if child.tag == qn("w:sectPr") or sect is not None:
            orientation.append(None)
        elif child.tag == qn("w:tbl") and table_is_wide(
                [["".join(t.text or "" for t in cell.iter(qn("w:t")))
                  for cell in row.iter(qn("w:tc"))] for row in child.iter(qn("w:tr"))]):
            orientation.append("wide table")
    sections = list(doc.sections)
    assert sections[0].orientation == WD_ORIENT.PORTRAIT
    assert any(s.orientation == WD_ORIENT.LANDSCAPE and s.page_width > s.page_height
               for s in sections)
    index, wide_in = 0, set()
    for item in orientation:
        if item is None:
            index += 1
        else:
            wide_in.add(index)
    assert wide_in and all(sections[i].orientation == WD_ORIENT.LANDSCAPE for i in wide_in)


def test_the_annex_pdf_starts_its_first_part_on_its_first_page(
        written: dict[str, Path]) -> None:
    # The first page held only the annex's title: every part started a new page.
    if "report-annex.pdf" not in written or not shutil.which("pdftotext"):
        pytest.skip("needs the PDF annex and pdftotext")
    first = pdf_pages(written["report-annex.pdf"])[0]
    assert "Annex: answers and working notes" in first
    assert re.search(r"^\s*A1\s+\S", first, flags=re.M)
