"""The report is the client's deliverable: no tool instructions unless --draft asks for
consultant notes, which are then marked as draft notes.

The PDF is WeasyPrint's rendering of the print variant of the HTML
(``render_html(..., medium="print")``), so checking that variant checks the PDF's text.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from assess import __version__
from assess.cli import main
from assess.report import build_context, load_inputs
from assess.report.figures import Chart, render_charts
from assess.report.html import render_html
from assess.report.markdown import render_markdown
from assess.report.xlsx import render_xlsx

from .conftest import DATA, EXAMPLE

CREDIT = f"assess {__version__}"
"""'Prepared with assess x.y': the one mention of the tool the client's copy keeps."""
INSTRUCTION = re.compile(r"\bassess |assess\.yaml|assessment\.yaml|(?<![\w-])--[a-z]")


def _instructions(text: str) -> list[str]:
    """Tool instructions left in ``text`` (the credit and the stylesheet set aside)."""
    text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
    text = text.replace(CREDIT, "")
    return [text[max(0, m.start() - 60):m.end() + 60] for m in INSTRUCTION.finditer(text)]


def _workbook_text(data: bytes) -> str:
    wb = load_workbook(io.BytesIO(data))
    return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row
                     if isinstance(c.value, str))


@pytest.fixture(scope="module")
def example_inputs() -> Any:
    return load_inputs(EXAMPLE)


@pytest.fixture(scope="module")
def example_outputs(example_inputs: Any) -> dict[str, str]:
    ctx = build_context(example_inputs)
    svg = render_charts(ctx, "svg")
    markdown, _ = render_markdown(ctx, charts={})
    return {"html": render_html(ctx, svg), "print": render_html(ctx, {}, medium="print"),
            "markdown": markdown, "xlsx": _workbook_text(render_xlsx(ctx))}


@pytest.mark.parametrize("kind", ["html", "print", "markdown", "xlsx"])
def test_default_example_report_has_no_tool_instructions(example_outputs: dict[str, str],
                                                         kind: str) -> None:
    assert _instructions(example_outputs[kind]) == []


def test_the_client_copy_does_not_name_the_tool(example_outputs: dict[str, str]) -> None:
    """Only the HTML's invisible generator tag names the tool; the draft shows the credit."""
    body = example_outputs["html"].split("</head>")[1]
    assert CREDIT not in body and "Prepared with" not in body
    assert "draft-note" not in body
    for kind in ("print", "markdown", "xlsx"):
        assert CREDIT not in example_outputs[kind].split("</head>")[-1], kind


def test_the_draft_keeps_the_credit(example_inputs: Any) -> None:
    html = render_html(build_context(example_inputs, draft=True), {})
    assert f"Prepared with {CREDIT}" in html.split("</head>")[1]


def _no_vision(**options: Any) -> dict[str, Any]:
    """The example with no vision and no principles: the case that used to say "add vision
    to assessment.yaml" in the client's copy."""
    from dataclasses import replace

    inputs = replace(load_inputs(DATA / "partial"), vision="", principles=())
    return build_context(inputs, **options)


def test_missing_vision_reads_as_a_fact_not_an_instruction() -> None:
    ctx = _no_vision()
    html = render_html(ctx, {})
    markdown, _ = render_markdown(ctx, charts={})
    for text in (html, markdown):
        assert "No vision statement was recorded for this assessment." in text
        assert _instructions(text) == []


def test_draft_shows_consultant_notes_marked_as_such() -> None:
    ctx = _no_vision(draft=True)
    graph = {"dependencies": Chart("dependencies", "Dependency map", "A map.", svg="<svg/>",
                                   png=b"png")}
    html = render_html(ctx, graph)
    body = html.split("</style>")[1]
    assert 'class="draft-banner"' in body
    notes = re.findall(r'<aside class="draft-note" role="note">(.*?)</aside>', body, re.S)
    assert any("<code>vision</code> (a paragraph) and <code>principles</code> (a list) to "
               "assessment.yaml" in n for n in notes)
    assert any("<code>assess template edge --format xlsx</code>" in n for n in notes)
    assert any("<code>assess graph ASSESSMENT --format svg</code>" in n for n in notes)
    assert all(n.startswith('<span class="draft-label">Draft note</span>') for n in notes)
    markdown, _ = render_markdown(ctx, charts=graph)
    assert markdown.startswith("> **DRAFT FOR REVIEW**")
    assert "> **[Draft note]** `assess graph ASSESSMENT --format svg`" in markdown
    assert "> **[Draft note]** Add `vision` (a paragraph) and `principles` (a list) to " \
           "assessment.yaml" in markdown
    # The workbook has no instructions in either mode.
    assert _instructions(_workbook_text(render_xlsx(ctx))) == []


def test_cli_draft_flag(tmp_path: Path) -> None:
    runner = CliRunner()
    for args, name in (([], "client.md"), (["--draft"], "review.md")):
        result = runner.invoke(main, ["report", str(DATA / "partial"), "-o",
                                      str(tmp_path / name), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    assert "[Draft note]" not in (tmp_path / "client.md").read_text()
    assert "[Draft note]" in (tmp_path / "review.md").read_text()
