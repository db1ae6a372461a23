"""Trends: date order, refusals, outputs, the chart's data and one real rendered chart."""

from __future__ import annotations

import csv
import io
import json
import shutil
import struct
from dataclasses import replace
from pathlib import Path

import pytest

from assess.errors import AssessError
from assess.progress import baseline_chain, trend, trend_paths
from assess.render.trend import render_trend, trend_dict
from assess.render.trend_chart import PALETTE, chart_bytes, chart_data, draw_trend

from .conftest import DATA

BASE = DATA / "progress" / "base"
CURRENT = DATA / "progress" / "current"


def later_copy(tmp_path: Path, date: str, organisation: str = "Progress Ltd") -> Path:
    """A copy of the current fixture dated ``date``, its baseline the current fixture."""
    folder = tmp_path / f"progress-{date}"
    shutil.copytree(CURRENT, folder)
    text = (folder / "assessment.yaml").read_text()
    text = text.replace("date: 2026-06-01", f"date: {date}")
    text = text.replace("organisation: Progress Ltd", f"organisation: {organisation}")
    text = text.replace("baseline: ../base", f"baseline: {CURRENT}")
    (folder / "assessment.yaml").write_text(text)
    return folder


def test_assessments_are_put_in_date_order(tmp_path: Path) -> None:
    third = later_copy(tmp_path, "2027-05-01")
    t = trend_paths([third, CURRENT, BASE])
    assert t.dates == ("2025-06-01", "2026-06-01", "2027-05-01")
    assert t.organisation == "Progress Ltd"
    series = {ident: scores for ident, _, scores in t.series()}
    assert list(series) == ["alpha", "gamma", "overall"]
    assert series["gamma"] == [2.0, 2.0, 2.0]
    assert series["alpha"][0] == pytest.approx(23 / 12, abs=1e-6)


def test_mixed_organisations_are_refused(tmp_path: Path, in_root: Path) -> None:
    other = later_copy(tmp_path, "2027-05-01", organisation="Elsewhere plc")
    with pytest.raises(AssessError) as err:
        trend_paths([BASE, CURRENT, other])
    assert str(err.value) == (
        "a trend follows one organisation, these assess 2 ('Progress Ltd': "
        f"tests/data/progress/base, tests/data/progress/current; 'Elsewhere plc': {other})")


def test_same_date_twice_and_single_assessments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(AssessError, match="two assessments are dated 2026-06-01"):
        trend_paths([CURRENT, later_copy(tmp_path, "2026-06-01")])
    with pytest.raises(AssessError, match="progress/current is given twice"):
        trend_paths([CURRENT, BASE, CURRENT])
    with pytest.raises(AssessError, match="at least two assessments, got 1"):
        trend_paths([CURRENT])


def test_different_frameworks_are_refused() -> None:
    t = trend_paths([BASE, CURRENT])
    odd = replace(t.results[1], scale_max=4.0)
    with pytest.raises(AssessError, match="different frameworks"):
        trend([t.results[0], odd], ["a", "b"])


def test_json_csv_and_table() -> None:
    t = trend_paths([CURRENT, BASE])
    data = json.loads(render_trend(t, "json"))
    assert [a["date"] for a in data["assessments"]] == ["2025-06-01", "2026-06-01"]
    alpha = data["domains"][0]
    assert alpha["id"] == "alpha" and len(alpha["scores"]) == 2
    assert alpha["change"] == pytest.approx(2.0278 - 1.9167, abs=1e-3)
    assert [c["id"] for c in alpha["capabilities"]] == ["alpha_cap", "beta_cap"]
    rows = list(csv.DictReader(io.StringIO(render_trend(t, "csv"))))
    assert len(rows) == 2 * (2 + 3 + 1)  # per date: 2 domains, 3 capabilities, overall
    assert rows[0]["date"] == "2025-06-01" and rows[-1]["domain"] == "overall"
    table = render_trend(t, "table")
    assert "2025-06-01  2026-06-01  Change" in table
    assert render_trend(t, "json") == render_trend(trend_paths([BASE, CURRENT]), "json")


def test_csv_neutralises_formulas(tmp_path: Path) -> None:
    t = trend_paths([BASE, CURRENT])
    evil = replace(t.results[1], domains=tuple(replace(d, name="=HYPERLINK(1)")
                                               for d in t.results[1].domains))
    text = render_trend(trend([t.results[0], evil], ["a", "b"]), "csv")
    assert "'=HYPERLINK(1)" in text


def test_chart_data_one_line_per_domain_in_safe_colours() -> None:
    data = chart_data(trend_dict(trend_paths([BASE, CURRENT])))
    assert [line.label for line in data.lines] == ["Alpha", "Gamma", "Overall"]
    domain_colours = [line.colour for line in data.lines if not line.overall]
    assert domain_colours == list(PALETTE[:2])
    assert len({line.marker for line in data.lines if not line.overall}) == 2
    assert data.lines[-1].overall and data.lines[-1].colour == "#000000"
    # Whole levels around the scores (1.92 - 2.03) and the target (2.5).
    assert (data.y_min, data.y_max) == (1, 3)
    assert data.y_ticks == ((1, "1 Initial"), (2, "2 Developing"), (3, "3 Defined"))
    assert data.target == 2.5
    assert "Alpha 1.92 to 2.03" in data.summary


def test_rendered_png_and_deterministic_svg(tmp_path: Path) -> None:
    t = trend_paths([BASE, CURRENT])
    png = draw_trend(t, tmp_path / "trend.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1275, 690)  # 8.5 x 4.6 inches at 150 dpi
    data = chart_data(trend_dict(t))
    svg = chart_bytes(data, "svg")
    assert svg == chart_bytes(data, "svg") and b"<svg" in svg
    with pytest.raises(AssessError, match=r"\.png or \.svg"):
        draw_trend(t, tmp_path / "trend.gif")


def test_baseline_chain_follows_links_oldest_first(tmp_path: Path) -> None:
    third = later_copy(tmp_path, "2027-05-01")
    chain = baseline_chain(third)
    assert [p.resolve() for p in chain] == [BASE.resolve(), CURRENT.resolve(), third.resolve()]
    assert baseline_chain(BASE) == [BASE]


def test_baseline_loop_is_refused(tmp_path: Path) -> None:
    a, b = later_copy(tmp_path, "2027-01-01"), later_copy(tmp_path, "2028-01-01")
    for here, there in ((a, b), (b, a)):
        text = (here / "assessment.yaml").read_text().replace(f"baseline: {CURRENT}",
                                                              f"baseline: {there}")
        (here / "assessment.yaml").write_text(text)
    with pytest.raises(AssessError, match="baseline links form a loop"):
        baseline_chain(a)
