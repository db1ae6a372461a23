"""The board deck (`assess report --format pptx`), read back with python-pptx: slides,
native charts holding the report's numbers, the classification on every slide, who is
named, the firm's template (--reference), LibreOffice, and the command line."""

from __future__ import annotations

import copy
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Inches

from assess.cli import main
from assess.numbers import percent_value, score_value
from assess.report import ReportOptions, build_context, chart_data, load_inputs, write_reports
from assess.report.pptx_charts import GANTT_ROWS
from assess.report.pptx_deck import render_pptx

from .conftest import EXAMPLE
from .report_support import FIXTURE, deck_text, slide_texts
from .test_report_client import CLASSIFICATION, respondent_names


@pytest.fixture(scope="module")
def context() -> dict[str, Any]:
    inputs = load_inputs(EXAMPLE)
    return build_context(inputs, progress=inputs.progress)


@pytest.fixture(scope="module")
def deck_bytes(context: dict[str, Any]) -> bytes:
    return render_pptx(context)


@pytest.fixture(scope="module")
def deck(deck_bytes: bytes) -> Any:
    return Presentation(io.BytesIO(deck_bytes))


def charts(deck: Any, kind: Any) -> list[Any]:
    return [shape.chart for slide in deck.slides for shape in slide.shapes
            if shape.has_chart and shape.chart.chart_type == kind]


def slide_titled(deck: Any, title: str) -> Any:
    return next(s for s in deck.slides if s.shapes.title is not None
                and s.shapes.title.text_frame.text == title)


def test_slide_count_and_order(deck: Any) -> None:
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert 10 <= len(titles) <= 14
    assert titles[1:] == ["Key messages", "Progress since October 2025",
                          "Maturity against target", "Capability heatmap",
                          "Gaps to close first, and why", "Programmes at risk", "Roadmap",
                          "Maturity after each phase", "Resourcing", "Decisions required",
                          "Appendix: method"]


def test_without_a_baseline_there_is_no_progress_slide() -> None:
    inputs = load_inputs(EXAMPLE)
    deck = Presentation(io.BytesIO(render_pptx(build_context(inputs))))
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert not any(t.startswith("Progress") for t in titles)
    assert len(titles) == 11


def test_radar_is_a_native_chart_of_the_domain_scores(deck: Any,
                                                      context: dict[str, Any]) -> None:
    (radar,) = charts(deck, XL_CHART_TYPE.RADAR_MARKERS)
    current, target = radar.plots[0].series
    data = chart_data.radar(context)
    assert list(radar.plots[0].categories) == list(data.labels)
    # The figures as the report shows them (2 decimals, never a level not reached).
    assert list(current.values) == [score_value(d["score"]) for d in context["domains"]]
    assert list(target.values) == [d["target"] for d in context["domains"]]
    assert radar.part.chart_workbook.xlsx_part is not None  # editable data


def test_readiness_chart_holds_each_programme_as_shown(deck: Any,
                                                       context: dict[str, Any]) -> None:
    (bars,) = [c for c in charts(deck, XL_CHART_TYPE.BAR_CLUSTERED)
               if c.plots[0].series[0].name == "Readiness (%)"]
    data = chart_data.readiness(context)
    assert list(bars.plots[0].categories) == list(data.labels)
    assert list(bars.plots[0].series[0].values) == [percent_value(r) for r in data.readiness]


def test_roadmap_is_a_stacked_bar_gantt_cut_to_the_first_rows(deck: Any,
                                                             context: dict[str, Any]) -> None:
    (gantt,) = charts(deck, XL_CHART_TYPE.BAR_STACKED)
    data = chart_data.gantt(context)
    rows = list(gantt.plots[0].categories)
    assert len(data.rows) > GANTT_ROWS == len(rows)
    series = list(gantt.plots[0].series)
    for (name, start, end), shown, idle in zip(data.phases, series[::2], series[1::2],
                                                strict=True):
        assert shown.name == name
        for row, on, off in zip(rows, shown.values, idle.values, strict=True):
            planned = any(data.rows[b.row] == row and b.phase == name for b in data.bars)
            assert (on, off) == ((end - start, 0) if planned else (0, end - start)), row
    text = "\n".join(slide_texts(slide_titled(deck, "Roadmap")))
    assert f"{len(data.rows) - GANTT_ROWS} more in the report" in text


def test_progress_and_resourcing_charts(deck: Any, context: dict[str, Any]) -> None:
    progress = next(c for c in charts(deck, XL_CHART_TYPE.BAR_CLUSTERED)
                    if c.plots[0].series[0].name == "October 2025")
    overall = context["progress"]["overall"]
    assert list(progress.plots[0].categories)[-1] == "Overall"
    assert progress.plots[0].series[0].values[-1] == score_value(overall["baseline"])
    assert progress.plots[0].series[1].values[-1] == score_value(overall["current"])
    (cost,) = charts(deck, XL_CHART_TYPE.COLUMN_CLUSTERED)[-1:]
    phases = context["resourcing"]["phases"]
    assert list(cost.plots[0].categories) == [p["name"] for p in phases]
    assert list(cost.plots[0].series[1].values) == [round(p["capex"][1] / 1000)
                                                    for p in phases]
    table = "\n".join(slide_texts(slide_titled(deck, "Resourcing")))
    for p in phases:
        assert p["capex_text"] in table and p["fte_text"] in table


def test_classification_on_every_slide(deck: Any) -> None:
    for number, slide in enumerate(deck.slides, 1):
        marks = [s for s in slide.shapes if s.has_text_frame
                 and s.text_frame.text == CLASSIFICATION]
        assert marks, f"slide {number} has no classification"


def test_every_shape_stays_on_the_slide(deck: Any) -> None:
    for number, slide in enumerate(deck.slides, 1):
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= deck.slide_width, (number, shape.name)
            assert shape.top + shape.height <= deck.slide_height, (number, shape.name)


def test_speaker_notes_carry_the_detail(deck: Any, context: dict[str, Any]) -> None:
    for number, slide in enumerate(deck.slides, 1):
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text, number
    gaps = slide_titled(deck, "Gaps to close first, and why").notes_slide
    first = context["top_gaps"][0]["recommendation"]
    assert first["action"] in gaps.notes_text_frame.text


def test_names_follow_the_respondents_mode(deck_bytes: bytes) -> None:
    text = deck_text(deck_bytes)
    for name in respondent_names():
        assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text), name
    inputs = load_inputs(EXAMPLE)
    named = deck_text(render_pptx(build_context(inputs, respondents="named")))
    assert any(name in named for name in respondent_names())


def test_draft_notes_only_in_the_speaker_notes() -> None:
    inputs = load_inputs(EXAMPLE)
    data = render_pptx(build_context(inputs, draft=True))
    assert "Draft note" in deck_text(data)
    assert "Draft note" not in deck_text(data, notes=False)
    assert "Draft note" not in deck_text(render_pptx(build_context(inputs)))


def test_draft_notes_name_what_is_not_scored() -> None:
    inputs = load_inputs(FIXTURE)  # the People domain has no answer with a value
    assert "Draft note: not scored: People" in deck_text(
        render_pptx(build_context(inputs, draft=True)))
    assert "Draft note" not in deck_text(render_pptx(build_context(inputs)))


def test_equal_input_gives_equal_bytes(context: dict[str, Any], deck_bytes: bytes) -> None:
    assert render_pptx(copy.deepcopy(context)) == deck_bytes
    props = Presentation(io.BytesIO(deck_bytes)).core_properties
    assert props.created.date().isoformat() == context["meta"]["document"]["date"]


def test_a_small_assessment_makes_a_deck() -> None:
    inputs = load_inputs(FIXTURE)
    deck = Presentation(io.BytesIO(render_pptx(build_context(inputs))))
    assert 10 <= len(deck.slides) <= 14


# --- the firm's template ------------------------------------------------------------------

def firm_template(path: Path) -> Path:
    """A 4:3 template whose master carries a band named "Firm band", whose "Title Only"
    layout is renamed, and which holds one slide of its own."""
    prs = Presentation()
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    band = scratch.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, prs.slide_width, Inches(0.3))
    band.name = "Firm band"
    band.fill.solid()
    band.fill.fore_color.rgb = RGBColor(0x8B, 0x00, 0x3C)
    prs.slide_master.shapes._spTree.append(copy.deepcopy(band._element))
    for layout in prs.slide_layouts:
        if layout.name == "Title Only":
            layout.name = "Firm title only"
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "OLD SLIDE"
    prs.save(path)
    return path


def test_reference_template_gives_master_and_layouts(tmp_path: Path,
                                                     context: dict[str, Any]) -> None:
    template = firm_template(tmp_path / "firm.pptx")
    deck = Presentation(io.BytesIO(render_pptx(context, template)))
    size = Presentation(str(template))
    assert (deck.slide_width, deck.slide_height) == (size.slide_width, size.slide_height)
    assert "OLD SLIDE" not in deck_text(render_pptx(context, template))
    for slide in deck.slides:
        master = slide.slide_layout.slide_master
        assert any(s.name == "Firm band" for s in master.shapes)
    layouts = [s.slide_layout.name for s in deck.slides]
    assert layouts[0] == "Title Slide"
    assert set(layouts[1:]) == {"Firm title only"}
    test_every_shape_stays_on_the_slide(deck)


def test_reference_without_a_title_layout_falls_back_to_text_boxes(
        tmp_path: Path, context: dict[str, Any]) -> None:
    prs = Presentation()
    layouts = prs.slide_layouts
    for layout in list(layouts):  # keep only "Blank", a layout with no placeholder
        if layout.name != "Blank":
            layouts.remove(layout)
    prs.save(tmp_path / "bare.pptx")
    deck = Presentation(io.BytesIO(render_pptx(context, tmp_path / "bare.pptx")))
    assert {s.slide_layout.name for s in deck.slides} == {"Blank"}
    assert "Key messages" in slide_texts(deck.slides[1])
    test_classification_on_every_slide(deck)


def test_libreoffice_converts_the_deck(tmp_path: Path, deck_bytes: bytes) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed")
    (tmp_path / "board.pptx").write_bytes(deck_bytes)
    done = subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--convert-to", "pdf", "--outdir", str(tmp_path),
                           str(tmp_path / "board.pptx")], capture_output=True, text=True,
                          timeout=240)
    pdf = tmp_path / "board.pdf"
    if not pdf.exists() and "could not be loaded" in done.stderr:
        pytest.skip("LibreOffice without Impress (libreoffice-impress)")
    assert done.returncode == 0 and pdf.exists(), done.stderr
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
        assert pages == len(Presentation(io.BytesIO(deck_bytes)).slides)


# --- command line -------------------------------------------------------------------------

def test_cli_writes_the_deck(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "x.pptx"
    result = runner.invoke(main, ["report", str(FIXTURE), "--format", "pptx", "-o", str(out)],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out}\n"  # no annex beside the deck
    assert len(Presentation(str(out)).slides) >= 10


def test_cli_name_implies_the_format(tmp_path: Path) -> None:
    out = tmp_path / "board.pptx"
    result = CliRunner().invoke(main, ["report", str(FIXTURE), "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"PK")


@pytest.mark.parametrize("argv", [["--format", "pptx", "-o", "x.pdf"],
                                  ["--format", "html", "-o", "x.pptx"],
                                  ["--format", "html", "--reference", "firm.pptx"]])
def test_cli_wrong_names_are_usage_errors(tmp_path: Path, argv: list[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    firm_template(tmp_path / "firm.pptx")
    result = CliRunner().invoke(main, ["report", str(FIXTURE), *argv])
    assert result.exit_code == 2, result.output
    assert not list(tmp_path.glob("x.*"))


def test_cli_reference_builds_on_the_template(tmp_path: Path) -> None:
    template = firm_template(tmp_path / "firm.pptx")
    written = list(write_reports(FIXTURE, ["pptx"], tmp_path / "out",
                                 ReportOptions(references=(template,))))
    deck = Presentation(str(written[-1]))
    assert {s.slide_layout.name for s in list(deck.slides)[1:]} == {"Firm title only"}


def test_cli_refuses_a_reference_that_is_not_office(tmp_path: Path) -> None:
    fake = tmp_path / "firm.pptx"
    fake.write_text("not a zip")
    result = CliRunner().invoke(main, ["report", str(FIXTURE), "--reference", str(fake),
                                       "-o", str(tmp_path / "board.pptx")])
    assert result.exit_code == 3
    assert "not an Office file" in result.output
    assert not (tmp_path / "board.pptx").exists()


def test_the_programmes_slide_says_all_when_every_programme_is_at_risk(
        deck: Any, context: dict[str, Any]) -> None:
    # Read "5 of 5 programmes at risk" where the report says "All 5".
    text = "\n".join(slide_texts(slide_titled(deck, "Programmes at risk")))
    counts = context["counts"]
    if counts["at_risk"] == counts["programmes"] > 2:
        assert f"All {counts['programmes']} programmes at risk" in text
    assert f"{counts['programmes']} of {counts['programmes']} programmes" not in text
