"""The Word document (`--format docx`), read back with python-docx: heading styles in the
report's order, Word tables with repeated header rows, pictures with captions, the
classification in every header and footer, the reference document's styles; and the
file as LibreOffice opens it."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from hypothesis import given
from hypothesis import strategies as st

from assess.cli import main
from assess.render.text import md_escape
from assess.report import ReportOptions, write_reports
from assess.report.docx_markdown import cells, inline, parse, plain
from assess.report.docx_parts import column_shares, turned_headers
from assess.report.markdown import render_markdown

from .report_support import FIXTURE, FORMULA_NOTE, SCRIPT_NOTE, docx_text, fixture_context

CLASSIFICATION = "OFFICIAL-SENSITIVE"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082")


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture with a handling marking."""
    folder = tmp_path_factory.mktemp("marked") / "assessment"
    shutil.copytree(FIXTURE, folder, ignore=shutil.ignore_patterns("expected"))
    with (folder / "assessment.yaml").open("a") as f:
        f.write(f"classification: {CLASSIFICATION}\n")
    return folder


def _write(assessment: Path, out: Path, **options: Any) -> dict[str, Path]:
    written = list(write_reports(assessment, ["docx"], out / "report.docx",
                                 ReportOptions(**options)))
    return {p.name: p for p in written}


@pytest.fixture(scope="module")
def files(marked: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _write(marked, tmp_path_factory.mktemp("docx"))


@pytest.fixture(scope="module")
def doc(files: dict[str, Path]) -> Any:
    return Document(str(files["report.docx"]))


@pytest.fixture(scope="module")
def markdown() -> list[Any]:
    """The Markdown report of the same context: the Word document says what it says."""
    text, _ = render_markdown(fixture_context(), "report-charts", {})
    return parse(text)


def _text(paragraph: Any) -> str:
    """A paragraph's text with the current results of its fields (python-docx's .text
    leaves simple fields out)."""
    return "".join(t.text or "" for t in paragraph._p.iter(qn("w:t")))


def _styled(doc: Any, name: str) -> list[str]:
    return [_text(p) for p in doc.paragraphs if p.style.name == name]


def test_sections_are_heading_1_and_2_in_the_reports_order(doc: Any,
                                                           markdown: list[Any]) -> None:
    sections = [b.text for b in markdown if b.kind == "heading" and b.level == 2
                and b.text != "Contents"]
    parts = [b.text for b in markdown if b.kind == "heading" and b.level == 3]
    assert _styled(doc, "Heading 1") == sections
    assert sections[0] == "1 Executive summary" and sections[-1].startswith("B ")
    assert _styled(doc, "Heading 2") == parts
    assert _styled(doc, "Title") == [fixture_context()["meta"]["title"]]


def test_tables_are_word_tables_with_a_header_row_on_every_page(doc: Any,
                                                                markdown: list[Any]) -> None:
    tables = [b for b in markdown if b.kind == "table"][1:]  # after the cover's control
    body = doc.tables[1:]  # the title page's document control first
    assert len(body) == len(tables) > 10
    for table, block in zip(body, tables, strict=True):
        first = table.rows[0]
        if any(plain(c) for c in block.header):
            assert [c.text for c in first.cells] == [plain(c) for c in block.header]
            assert first._tr.trPr.find(qn("w:tblHeader")) is not None
        assert len(table.rows) == len(block.rows) + bool(any(plain(c) for c in block.header))


def test_document_control_on_the_title_page(doc: Any) -> None:
    ctx = fixture_context()
    control = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert control["Version"] == ctx["meta"]["document"]["version"]
    assert control["Date of issue"] == ctx["meta"]["document"]["date_long"]
    body = doc.element.body
    first_break = next(i for i, p in enumerate(body.iter(qn("w:p")))
                       if p.find(".//" + qn("w:br")) is not None)
    control_at = list(body).index(doc.tables[0]._tbl)
    assert control_at < first_break + 2  # before the first page break


def test_classification_and_page_number_in_every_header_and_footer(doc: Any) -> None:
    for section in doc.sections:
        assert section.header.paragraphs[0].text == CLASSIFICATION
        footer = section.footer.paragraphs[0]
        assert _text(footer) == f"{CLASSIFICATION}    Page 1 of 1"
        fields = [f.get(qn("w:instr")) for f in footer._p.iter(qn("w:fldSimple"))]
        assert fields == ["PAGE", "NUMPAGES"]


def test_a4_with_margins(doc: Any) -> None:
    section = doc.sections[0]
    # stored in twentieths of a point: within a hundredth of a millimetre
    assert abs(section.page_width - Cm(21)) < Cm(0.001)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.001)
    assert abs(section.left_margin - Cm(2.5)) < Cm(0.001)


def test_figures_are_pictures_with_numbered_captions(doc: Any) -> None:
    ctx = fixture_context()
    pictures = doc.inline_shapes
    captions = _styled(doc, "Caption")
    assert len(pictures) == len(captions) > 3
    for n, caption in enumerate(captions, 1):
        assert caption.startswith(f"Figure {n}: "), caption
    seq = [f.get(qn("w:instr")) for f in doc.element.body.iter(qn("w:fldSimple"))]
    assert seq.count("SEQ Figure \\* ARABIC") == len(captions)
    described = [s._inline.docPr.get("descr") for s in pictures]
    assert all(described) and ctx["domains"][0]["name"] in " ".join(described)
    # each picture is kept on the page of its caption
    paragraphs = doc.paragraphs
    for i, para in enumerate(paragraphs):
        if para._p.find(".//" + qn("wp:inline")) is not None:
            assert para.paragraph_format.keep_with_next
            assert paragraphs[i + 1].style.name == "Caption"


def test_contents_is_a_field_word_updates_on_opening(doc: Any) -> None:
    instructions = [t.text for t in doc.element.body.iter(qn("w:instrText"))]
    assert any(i.strip().startswith("TOC \\o \"1-3\"") for i in instructions)
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"
    entries = _styled(doc, "toc 1")
    assert entries[0] == "1 Executive summary"


def test_client_copy_has_no_draft_notes_and_the_draft_marks_them(
        files: dict[str, Path], marked: Path, tmp_path: Path) -> None:
    client = docx_text(files["report.docx"])
    assert "Draft note" not in client and "assess template" not in client
    draft = Document(str(_write(marked, tmp_path, draft=True)["report.docx"]))
    notes = _styled(draft, "Draft Note")
    assert any(n.startswith("Draft note: ") and "assess template" in n for n in notes)
    assert all(n.startswith(("Draft note: ", "Draft for review")) for n in notes)


def test_respondents_text_reads_as_typed(files: dict[str, Path]) -> None:
    annex = docx_text(files["report-annex.docx"])
    assert SCRIPT_NOTE in annex
    assert FORMULA_NOTE in annex


def test_annex_is_a_word_document_with_its_own_contents(files: dict[str, Path]) -> None:
    annex = Document(str(files["report-annex.docx"]))
    assert _styled(annex, "Title") == ["Annex: answers and working notes"]
    assert _styled(annex, "Heading 1")[0] == "A1 Disagreements to resolve"
    assert annex.sections[0].header.paragraphs[0].text == CLASSIFICATION


def _reference(path: Path) -> Path:
    """A firm's template: Garamond headings in a deep red, its own body style, US Letter
    pages, and text of its own in the body."""
    from docx.enum.style import WD_STYLE_TYPE

    ref = Document()
    heading = ref.styles["Heading 1"]
    heading.font.name = "Garamond"
    heading.font.color.rgb = RGBColor(0x8B, 0x00, 0x00)
    firm = ref.styles.add_style("Firm Note", WD_STYLE_TYPE.PARAGRAPH)
    firm.font.size = Pt(13)
    section = ref.sections[0]
    section.page_width, section.page_height = Cm(21.59), Cm(27.94)
    ref.add_paragraph("Template body text: delete me")
    ref.save(str(path))
    return path


def test_a_reference_document_lends_its_styles_and_pages(marked: Path,
                                                         tmp_path: Path) -> None:
    reference = _reference(tmp_path / "firm.docx")
    out = _write(marked, tmp_path, references=(reference,))
    doc = Document(str(out["report.docx"]))
    heading = doc.styles["Heading 1"]
    assert heading.font.name == "Garamond"
    assert heading.font.color.rgb == RGBColor(0x8B, 0x00, 0x00)
    assert doc.styles["Firm Note"].font.size == Pt(13)
    assert abs(doc.sections[0].page_width - Cm(21.59)) < Cm(0.001)
    assert "Template body text" not in docx_text(out["report.docx"])
    assert _styled(doc, "Heading 1")[0] == "1 Executive summary"


def test_a_reference_that_is_not_a_word_file_is_refused(tmp_path: Path,
                                                       runner: CliRunner) -> None:
    reference = tmp_path / "firm.docx"
    reference.write_text("not a zip")
    out = tmp_path / "client.docx"
    result = runner.invoke(main, ["report", str(FIXTURE), "--reference", str(reference),
                                  "-o", str(out)])
    assert result.exit_code == 3
    assert "not an Office file" in result.stderr
    assert not out.exists()


def _to_pdf(office: str, docx: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{out}/lo", "--convert-to",
         "pdf", "--outdir", str(out), str(docx)], capture_output=True, text=True, timeout=240)


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")),
                    reason="needs LibreOffice")
def test_libreoffice_converts_it_to_pdf(files: dict[str, Path], tmp_path: Path) -> None:
    office = str(shutil.which("soffice") or shutil.which("libreoffice"))
    blank = tmp_path / "blank.docx"
    Document().save(str(blank))
    if _to_pdf(office, blank, tmp_path).returncode or not (tmp_path / "blank.pdf").exists():
        pytest.skip("this LibreOffice cannot open Word files (no Writer)")
    for name in ("report.docx", "report-annex.docx"):
        done = _to_pdf(office, files[name], tmp_path)
        pdf = tmp_path / name.replace(".docx", ".pdf")
        assert done.returncode == 0 and pdf.is_file(), done.stderr
        if shutil.which("pdftotext"):
            text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                  text=True, check=True).stdout
            pages = text.split("\f")[:-1]
            assert len(pages) > 1
            assert all(CLASSIFICATION in page for page in pages)


# --- the command line -----------------------------------------------------------------------

def test_format_docx_to_a_file(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "x.docx"
    result = runner.invoke(main, ["report", str(FIXTURE), "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {tmp_path / 'x-annex.docx'}\nwrote {out}\n"
    assert Document(str(out)).paragraphs


def test_a_docx_name_implies_the_format(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "client.docx"
    result = runner.invoke(main, ["report", str(FIXTURE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PK\x03\x04")
    assert _styled(Document(str(out)), "Heading 1")


def test_docx_under_another_name_is_a_usage_error(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "x.pdf"
    result = runner.invoke(main, ["report", str(FIXTURE), "--format", "docx", "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: {out}: the name says pdf but the format is docx; "
                                  "give a .docx name or a folder\n")
    assert not out.exists()


# --- reading the Markdown back --------------------------------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="&"),
               max_size=60)


@given(TEXT)
def test_escaped_text_comes_back_as_typed(text: str) -> None:
    # "&" is left out: md_escape keeps an entity typed as such, as Markdown shows it.
    assert plain(inline(md_escape(text))) == " ".join(text.split())


@given(st.lists(TEXT, min_size=1, max_size=5))
def test_table_cells_split_where_the_row_does(values: list[str]) -> None:
    row = "|" + "".join(f" {md_escape(v)} |" for v in values)
    assert [plain(inline(c)) for c in cells(row)] == [" ".join(v.split()) for v in values]


def test_columns_share_the_width_by_their_text() -> None:
    rows = [["#", "Step", "Action", "Days"],
            ["12", "Backup and restore 1→2", "Write the backup policy " * 8, "30"]]
    shares = column_shares(rows, 4)
    assert abs(sum(shares) - 1) < 1e-9
    assert max(shares) == shares[2]  # the long text
    assert shares[0] < shares[3] < shares[1]  # "#" and "Days" keep their words whole


def test_emphasis_and_code_become_runs() -> None:
    runs = inline(r"**Bold.** plain *it* `assess x` \*not\*")
    assert [(r.text, r.bold, r.italic, r.code) for r in runs] == [
        ("Bold.", True, False, False), (" plain ", False, False, False),
        ("it", False, True, False), (" ", False, False, False),
        ("assess x", False, False, True), (" *not*", False, False, False)]


def test_blocks_of_the_subset() -> None:
    text = "\n".join([
        "## 1 Title", "", "Para one", "continues", "", "- item", "1. first",
        "", "> **[Draft note]** run `x`", "", "> “quote”", ">", "> — Role", "",
        "| a | b |", "| --- | ---: |", "| 1 | 2 |", "", "![alt text](c/r.png)", "",
        "*Figure 1. Radar.* Summary.", ""])
    kinds = [(b.kind, b.text if b.kind != "quote" else len(b.paragraphs))
             for b in parse(text)]
    assert kinds == [("heading", "1 Title"), ("paragraph", "Para one continues"),
                     ("bullet", "item"), ("numbered", "first"), ("draft", "run x"),
                     ("quote", 2), ("table", ""), ("image", ""),
                     ("caption", "Figure 1. Radar. Summary.")]
    table = parse(text)[6]
    assert table.align == ["l", "r"] and plain(table.rows[0][1]) == "2"
    assert re.fullmatch(r"c/r\.png", parse(text)[7].src)


def test_render_docx_takes_the_reference_path(tmp_path: Path) -> None:
    reference = _reference(tmp_path / "firm.docx")
    from assess.report.docx_document import render_docx

    data = render_docx(fixture_context(), {}, None, reference)
    assert Document(io.BytesIO(data)).styles["Heading 1"].font.name == "Garamond"


def test_a_caption_without_its_picture_is_left_out() -> None:
    # A template override may name a chart that was not drawn: no "Figure 1" of nothing.
    from assess.report.docx_document import _Writer

    doc = Document()
    _Writer(doc, {"here.png": PNG}).write(parse(
        "![gone](gone.png)\n\n*Figure 1. Gone.* Not drawn.\n\n"
        "![here](here.png)\n\n*Figure 2. Here.* Drawn.\n"))
    assert _styled(doc, "Caption") == ["Figure 1: Here. Drawn."]


def test_a_wide_matrix_turns_its_number_headers_and_keeps_the_row_labels_whole() -> None:
    # The capability x programme matrix broke "Capabilit y gap" and "managem ent" in
    # Word: eight columns of long programme names cannot keep every header word whole.
    header = ["Capability gap", "Now", "Target", "Digital First", "Customer Engagement",
              "Valuing Information", "Collaboration and Partner Working",
              "Infrastructure Modernisation"]
    rows = [header, ["Identity and access management (Cybersecurity)", "1.86", "4", "6%",
                     "6%", "6%", "10%", "2%"]]
    align = ["l"] + ["r"] * 7
    turned = turned_headers(rows, align, 8)
    assert turned == {2, 3, 4, 5, 6, 7}  # "Now" is no wider than its figures
    shares = column_shares(rows, 8, turned)
    assert max(shares) == shares[0]
    assert shares[0] * 85 >= len("(Cybersecurity)") + 4
    # A table that fits keeps its headers level.
    assert turned_headers([["Domain", "Now"], ["Cloud", "1.88"]], ["l", "r"], 2) == set()



def test_a_table_is_wide_when_six_columns_or_more_want_over_two_pages_width() -> None:
    from assess.report.docx_parts import table_is_wide

    action = ["#", "Step", "Action", "Owner", "Days", "Cost", "Needs first"]
    step = ["2", "Identity and access management 1→2", "Build an inventory of privileged, "
            "service and supplier accounts and route joiners, movers and leavers " * 2,
            "Information Governance Manager", "35", "M", "Disaster recovery to level 2"]
    assert table_is_wide([action, step])
    money = ["Phase", "Steps", "Person-days", "Capacity", "Used", "FTE", "Capex", "Opex"]
    assert not table_is_wide([money, ["0-6 months", "8", "340", "350", "97%", "3.2",
                                      "£250k–£1.1m", "£50k–£205k"]])
    assert not table_is_wide([action[:5], step[:5]])  # five columns stay portrait
