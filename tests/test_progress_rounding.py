"""A change printed beside two rounded scores is worked out from them, so the reader's own
subtraction agrees ("1.54 to 1.90 (+0.36)", never "+0.35"); JSON keeps the unrounded delta.

tests/data/progress: overall 1.9583 -> 2.0139, an unrounded delta of 0.0556 that shows as
+0.06, while the scores shown (1.96, 2.01) differ by 0.05.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.cli import main
from assess.numbers import show_score, shown_delta
from assess.progress.words import signed_change

from .conftest import DATA

BASE = DATA / "progress" / "base"
CURRENT = DATA / "progress" / "current"
ROW = re.compile(r"(?P<base>\d+\.\d\d)\D+?(?P<now>\d+\.\d\d)\D+?(?P<delta>[+-]\d+\.\d\d|0\.00)")


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _rows_add_up(lines: list[str]) -> int:
    """Every 'baseline current delta' triple in ``lines`` adds up; returns how many."""
    seen = 0
    for line in lines:
        m = ROW.search(line)
        if m is None:
            continue
        base, now, delta = (float(m[k]) for k in ("base", "now", "delta"))
        assert round(now - base, 2) == delta, line
        seen += 1
    return seen


def test_shown_delta_is_the_difference_of_the_shown_scores() -> None:
    assert shown_delta(1.544, 1.896) == 0.36  # unrounded 0.352 would print +0.35
    assert signed_change(1.544, 1.896, 0.352) == "+0.36"
    assert signed_change(2.0139, 1.9583, -0.0556) == "-0.05"
    assert signed_change(1.0, 1.004, 0.004) == "0.00"
    assert signed_change(1.0, 2.0, None) == "–"  # not comparable: no change shown
    assert shown_delta(None, 2.0) is None


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 5, allow_nan=False), st.floats(0, 5, allow_nan=False))
def test_the_reader_s_subtraction_always_agrees(baseline: float, current: float) -> None:
    shown = signed_change(baseline, current, current - baseline)
    expected = float(show_score(current)) - float(show_score(baseline))
    assert float(shown) == round(expected, 2)


def test_headline_and_json(in_root: Path) -> None:
    data = json.loads(_run("compare", str(BASE), str(CURRENT), "--format", "json"))
    o = data["overall"]
    assert o["delta"] == o["current"] - o["baseline"]  # full precision kept
    assert round(o["delta"], 4) == 0.0556 and o["delta"] != 0.0556
    assert data["headline"].startswith("Overall maturity rose from 1.96 to 2.01 (+0.05)")


def test_compare_table_and_markdown_rows_add_up(in_root: Path) -> None:
    table = _run("compare", str(BASE), str(CURRENT))
    assert "OVERALL                  1.96     2.01  +0.05" in table
    assert _rows_add_up(table.splitlines()) >= 6
    markdown = _run("compare", str(BASE), str(CURRENT), "--format", "markdown")
    rows = [line for line in markdown.splitlines() if line.startswith(("|", "## "))]
    assert _rows_add_up(rows) >= 8


def test_trend_table_adds_up(in_root: Path) -> None:
    table = _run("trend", str(BASE), str(CURRENT))
    assert "OVERALL        1.96        2.01   +0.05" in table
    assert _rows_add_up(table.splitlines()) == 3


def test_report_progress_section_adds_up(tmp_path: Path) -> None:
    from assess.report import build_context, load_inputs
    from assess.report.html import render_html
    from assess.report.markdown import render_markdown

    ctx = build_context(load_inputs(CURRENT), progress=load_inputs(CURRENT).progress)
    markdown, _ = render_markdown(ctx, charts={})
    section = markdown.split("## 2 Progress since the baseline")[1].split("### Targets")[0]
    assert "| **Overall** | 1.96 | 2.01 | +0.05 |" in section
    # The change per capability is in the annex; its rows add up the same way.
    from assess.report.html import ANNEX
    from assess.report.markdown import render_markdown_annex

    detail = render_markdown_annex(ctx)
    rows = [line for line in (section + detail).splitlines() if line.startswith("|")]
    assert _rows_add_up(rows) >= 6
    html = render_html(ctx, {}) + render_html(ctx, {}, template=ANNEX)
    assert '<div class="value">+0.05</div><div class="label">overall change since June ' \
           "2025 (1.96 → 2.01)" in html
    cells = re.findall(r'<td class="n">(\d\.\d\d)</td><td class="n">(\d\.\d\d)</td>'
                       r'<td class="n">([+-]?\d\.\d\d)</td>', html)
    assert len(cells) >= 6
    for base, now, delta in cells:
        assert round(float(now) - float(base), 2) == float(delta)
