"""Charts: the data each one is built from, what is handed to matplotlib, and one real
rendering of every chart (file type, size, pixel dimensions)."""

from __future__ import annotations

import html
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from matplotlib.colors import to_hex
from matplotlib.patches import Rectangle
from PIL import Image

from assess.report import chart_data, charts
from assess.report.chart_data import OKABE_ITO, RadarData
from assess.report.figures import inline_svg, render_charts

from .report_support import fixture_context


@pytest.fixture(scope="module")
def ctx() -> dict:
    return fixture_context()


# --- the data ---------------------------------------------------------------------------


def test_radar_data_leaves_out_unscored_domains(ctx: dict) -> None:
    data = chart_data.radar(ctx)
    assert data.labels == ("Hosting", "Connectivity")
    assert data.current == pytest.approx((5 / 3, 2.5))
    # Connectivity: 3, with FX links at 4; both scored, so the target is (3 + 4) / 2.
    assert data.target == (3, 3.5)
    assert data.scale_max == 5
    assert "Not scored (no answer with a value): People" in data.summary


def test_heatmap_data_has_every_capability_by_domain(ctx: dict) -> None:
    data = chart_data.heatmap(ctx)
    assert [c.domain for c in data.columns] == ["Hosting", "Connectivity", "People"]
    assert data.columns[1].cells == (("Site links", 2.0, 4), ("Wireless", 3.0, 3))
    assert data.columns[2].cells == (("Digital skills", None, 2),)
    assert data.levels[0] == (0, "Absent") and len(data.levels) == 6


def test_gap_bars_are_largest_first_coloured_by_domain(ctx: dict) -> None:
    data = chart_data.gap_bars(ctx)
    assert data.labels == ("Site links", "Recovery", "Power resilience")
    assert data.gaps == (2.0, 1.5, 1.0)
    assert data.colours == (OKABE_ITO[1], OKABE_ITO[0], OKABE_ITO[0])
    assert data.legend == (("Connectivity", OKABE_ITO[1]), ("Hosting", OKABE_ITO[0]))
    assert chart_data.gap_bars(ctx, limit=1).labels == ("Site links",)


def test_readiness_is_least_ready_first(ctx: dict) -> None:
    data = chart_data.readiness(ctx)
    assert data.labels == ("Estate Renewal", "Digital Services")
    assert data.readiness[0] < data.readiness[1]
    assert data.statuses == ("at risk", "at risk")


def test_gantt_bars_follow_the_roadmap(ctx: dict) -> None:
    data = chart_data.gantt(ctx)
    assert data.phases == (("0-6 months", 0, 6), ("6-12 months", 6, 12))
    assert data.rows == ("Recovery",)
    assert [(b.row, b.start, b.end, b.label) for b in data.bars] == [
        (0, 0, 6, "to L2"), (0, 6, 12, "to L3")]


def test_projection_series_today_then_each_phase(ctx: dict) -> None:
    data = chart_data.projection(ctx)
    assert data.labels == ("Hosting", "Connectivity", "Overall")
    assert [name for name, _ in data.series] == ["Today", "After 0-6 months",
                                                "After 6-12 months"]
    assert data.series[-1][1] == pytest.approx((8 / 3, 2.5, 2.583333), abs=1e-6)


def test_every_record_has_a_table_matching_the_summary(ctx: dict) -> None:
    for fn in (chart_data.radar, chart_data.heatmap, chart_data.gap_bars,
               chart_data.readiness, chart_data.gantt, chart_data.projection):
        header, rows = fn(ctx).table()
        assert header and rows
        assert all(len(row) == len(header) for row in rows)


# --- what matplotlib is given --------------------------------------------------------------


def test_radar_plots_current_and_target_closed(ctx: dict) -> None:
    data = RadarData(("A", "B", "C"), (1.0, 2.0, 3.0), (3.0, 3.0, 4.0), 5, "")
    ax = charts.draw_radar(data).axes[0]
    target, current = ax.lines[:2]
    assert list(current.get_ydata()) == [1.0, 2.0, 3.0, 1.0]
    assert list(target.get_ydata()) == [3.0, 3.0, 4.0, 3.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["A\n1.00 / 3", "B\n2.00 / 3",
                                                             "C\n3.00 / 4"]


def test_two_domains_get_paired_bars_not_a_radar(ctx: dict) -> None:
    ax = charts.draw_radar(chart_data.radar(ctx)).axes[0]
    assert ax.name == "rectilinear"
    assert [p.get_width() for p in ax.patches] == pytest.approx([5 / 3, 2.5])


def test_heatmap_tiles_take_their_level_colour(ctx: dict) -> None:
    ax = charts.draw_heatmap(chart_data.heatmap(ctx)).axes[0]
    tiles = [p for p in ax.patches if isinstance(p, Rectangle)]
    corners = [p for p in ax.patches if not isinstance(p, Rectangle)]
    assert len(corners) == 3  # the three capabilities below target
    assert len(tiles) == 5
    levels = [0, 1, 2, 3, 4, 5]
    expected = [charts.level_colour(s, levels) for s in (2.0, 1.5, 2.0, 3.0)]
    assert [to_hex(t.get_facecolor()) for t in tiles[:4]] == [c.lower() for c in expected]
    texts = [t.get_text() for t in ax.texts]
    assert "Digital skills\nnot assessed" in texts and "Site links\n2.00 / 4" in texts


def test_gap_bars_widths_are_the_gaps(ctx: dict) -> None:
    ax = charts.draw_gap_bars(chart_data.gap_bars(ctx)).axes[0]
    assert [p.get_width() for p in ax.patches] == [2.0, 1.5, 1.0]
    assert [to_hex(p.get_facecolor()) for p in ax.patches] == [
        OKABE_ITO[1].lower(), OKABE_ITO[0].lower(), OKABE_ITO[0].lower()]


def test_readiness_bars_are_percentages(ctx: dict) -> None:
    data = chart_data.readiness(ctx)
    ax = charts.draw_readiness(data).axes[0]
    assert [p.get_width() for p in ax.patches if p.get_height() == pytest.approx(0.6)] == \
        pytest.approx([r * 100 for r in data.readiness])


def test_gantt_bars_span_their_phases(ctx: dict) -> None:
    ax = charts.draw_gantt(chart_data.gantt(ctx)).axes[0]
    bars = [(round(p.get_x(), 2), round(p.get_x() + p.get_width(), 2))
            for p in ax.patches if p.get_height() == pytest.approx(0.62)]
    assert bars == [(0.15, 5.85), (6.15, 11.85)]


def test_projection_bar_heights(ctx: dict) -> None:
    data = chart_data.projection(ctx)
    ax = charts.draw_projection(data).axes[0]
    heights = [p.get_height() for p in ax.patches]
    assert heights == pytest.approx([v for _, values in data.series for v in values])


# --- real files -------------------------------------------------------------------------


def test_every_chart_renders_to_a_real_png_and_svg(tmp_path: Path, ctx: dict) -> None:
    pngs = render_charts(ctx, "png")
    assert set(pngs) == {"radar", "heatmap", "readiness", "gantt",
                         "projection"}
    for name, chart in pngs.items():
        path = tmp_path / f"{name}.png"
        path.write_bytes(chart.png)
        assert path.stat().st_size > 5_000, name
        with Image.open(path) as image:
            assert image.format == "PNG"
            width, height = image.size
            assert 500 <= width <= 4000 and 200 <= height <= 4000, (name, image.size)
    for name, chart in render_charts(ctx, "svg").items():
        root = ET.fromstring(chart.svg)
        assert root.get("viewBox"), name
        assert root.get("width") is None  # scales with the page
        assert root.get("role") == "img"


def test_inline_svg_prefixes_ids_and_references() -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><defs>'
           '<clipPath id="p1"><rect/></clipPath></defs><g clip-path="url(#p1)"/>'
           '<use xlink:href="#p1"/></svg>')
    out = inline_svg(svg, "radar", "A <title>")
    assert 'id="radar-p1"' in out and "url(#radar-p1)" in out and 'href="#radar-p1"' in out
    assert "<title id=\"radar-title\">A &lt;title&gt;</title>" in out


def test_saved_svg_has_no_prolog_metadata_or_size(ctx: dict) -> None:
    data = charts.save(charts.draw_gap_bars(chart_data.gap_bars(ctx)), "svg").decode()
    assert data.startswith("<svg")
    assert "<metadata" not in data and "<!DOCTYPE" not in data
    assert io.StringIO(data).read(200).count("width=") == 0


def _domain(i: int, score: float, target: float, assessed: bool = True) -> dict:
    return {"id": f"d{i}", "name": f"Domain {i}", "score": score, "target": target,
            "assessed": assessed}


@pytest.mark.parametrize(("domains", "expected"), [
    ([_domain(1, 1.5, 3), _domain(2, 2.5, 3), _domain(3, 2.9, 3)],
     "All 3 domains are below target; the widest gap is in Domain 1 (1.50 against 3)."),
    ([_domain(1, 1.5, 3), _domain(2, 3.2, 3), _domain(3, 0, 3, assessed=False)],
     "1 of 2 assessed domains is below target; the widest gap is in Domain 1 "
     "(1.50 against 3)."),
    ([_domain(1, 1.5, 3), _domain(2, 2.0, 3.5)],
     "Both domains are below target; the widest gap is in Domain 1 (1.50 against 3)."),
    ([_domain(1, 3.0, 3), _domain(2, 3.5, 3)],
     "Every one of the 2 domains has reached its target."),
])
def test_radar_caption_states_the_message(domains: list, expected: str) -> None:
    assert chart_data.message("radar", {"domains": domains}, "data") == expected


def test_captions_state_the_message_and_the_text_alternative_keeps_the_numbers(
        ctx: dict) -> None:
    drawn = render_charts(ctx, "svg")
    radar = drawn["radar"]
    assert radar.message == chart_data.message("radar", ctx, radar.summary)
    assert "below target; the widest gap is in " in radar.message
    assert radar.summary.startswith("Current maturity against target by domain: ")
    assert f'<desc id="radar-desc">{html.escape(radar.summary)}</desc>' in radar.svg
    projection = drawn["projection"].message
    assert projection.startswith("If every phase is delivered, overall maturity rises from ")
    readiness = drawn["readiness"].message
    assert "programmes are at risk" in readiness or "No programme is at risk" in readiness


def _moved(i: int, baseline: float | None, current: float | None, status: str) -> dict:
    return {"id": f"d{i}", "name": f"Domain {i}", "baseline": baseline, "current": current,
            "delta": None if None in (baseline, current) else current - baseline,
            "status": status}


def test_trend_caption_says_which_domains_moved() -> None:
    progress = {"domains": [_moved(1, 1.5, 1.9, "improved"), _moved(2, 2.0, 1.7, "declined"),
                            _moved(3, 1.0, 1.6, "improved"), _moved(4, None, 2.0, "new")]}
    assert chart_data.message("trend", {"progress": progress}, "data") == (
        "2 of 3 domains in both assessments improved and 1 declined; the largest rise was "
        "in Domain 3 (+0.60).")
