"""Partial coverage: headline figures that rest on part of the scope say so.

tests/data/partial has two questionnaires in scope; Edge (Network, Wi-Fi) was not answered
and neither was Backup in Core, so only Identity and Cloud platform have a score.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from assess.cli import main
from assess.prioritise import analyse
from assess.render.coverage import (
    and_list,
    readiness_caveat,
    scope_caveat,
    scored_scope,
)
from assess.report import build_context, load_inputs
from assess.report.html import render_html
from assess.report.markdown import render_markdown
from assess.report.xlsx import render_xlsx

from .conftest import DATA

PARTIAL = DATA / "partial"
WORKED = DATA / "prioritise" / "worked"
CAVEAT = "Based on 2 of 5 capabilities; Edge not scored; also not scored: Backup (Core)."


@pytest.fixture(scope="module")
def context() -> dict[str, Any]:
    return build_context(load_inputs(PARTIAL))


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_scope_counts_scored_capabilities_and_names_what_is_missing() -> None:
    scope = scored_scope(analyse(PARTIAL).result)
    assert (scope.scored, scope.capabilities) == (2, 5)
    assert (scope.scored_domains, scope.domains) == (1, 2)
    assert scope.unscored_domains == ("Edge",)
    assert scope.unscored_capabilities == (("Backup", "Core"),)
    assert scope_caveat(scope) == CAVEAT
    assert scope_caveat(scope, "The overall score is").startswith(
        "The overall score is based on 2 of 5 capabilities;")


def test_unanswered_questions_in_scored_domains_are_listed(in_root: Path) -> None:
    table = _run("score", str(PARTIAL))
    assert "Not every question answered: Core 67%." in table  # 2 of 3 (never 100% unless so)
    assert "Not every question answered" not in _run("score", str(WORKED))


def test_complete_scope_has_no_caveat() -> None:
    scope = scored_scope(analyse(WORKED).result)
    assert scope.complete and scope_caveat(scope) == ""


def test_caveat_wording() -> None:
    assert and_list(["Network"]) == "Network"
    assert and_list(["Network", "Cybersecurity"]) == "Network and Cybersecurity"
    assert and_list(["A", "B", "C"]) == "A, B and C"
    assert and_list(list("ABCDEFG"), 3) == "A, B, C and 4 more"
    assert readiness_caveat(3, []) == ""
    assert readiness_caveat(3, [("Wi-Fi", "Network"), ("LAN", "Network")]) == \
        "Based on 3 of 5 capabilities; not scored: Wi-Fi and LAN (Network)."
    # Many capabilities are counted per domain rather than named one by one.
    many = [(f"N{i}", "Network") for i in range(4)] + [(f"C{i}", "Cyber") for i in range(3)]
    assert readiness_caveat(10, many) == \
        "Based on 10 of 17 capabilities; not scored: 4 in Network, 3 in Cyber."


def test_score_table_and_markdown_carry_the_caveat(in_root: Path) -> None:
    table = _run("score", str(PARTIAL))
    assert "The overall score, target and gap are based on 2 of 5 capabilities; Edge not " \
           "scored; also not scored: Backup (Core)." in table
    markdown = _run("score", str(PARTIAL), "--format", "markdown")
    assert "*The overall score, target and gap are based on 2 of 5 capabilities;" in markdown
    assert "based on" not in _run("score", str(WORKED))


def test_programme_readiness_says_what_it_leaves_out(in_root: Path) -> None:
    table = _run("recommend", str(PARTIAL), "--programmes")
    rows = {line.split("  ")[0]: line for line in table.splitlines()}
    assert " 1 of 4 " in rows["Operations"]  # Scored column
    assert "Operations: based on 1 of 4 capabilities; not scored: Backup (Core), Network " \
           "and Wi-Fi (Edge)." in table
    assert "Digital First:" not in table  # everything feeding it is scored
    markdown = _run("recommend", str(PARTIAL), "--programmes", "--format", "markdown")
    assert "| Operations | 2 | 33% | at risk | 1 of 4 |" in markdown
    assert "- Operations: based on 1 of 4 capabilities;" in markdown
    data = json.loads(_run("recommend", str(PARTIAL), "--programmes", "--format", "json"))
    ops = {p["id"]: p for p in data["programmes"]}["ops"]
    assert ops["scored_capabilities"] == 1
    assert ops["unscored_capabilities"] == ["backup", "network", "wifi"]
    digital = {p["id"]: p for p in data["programmes"]}["digital"]
    assert (digital["scored_capabilities"], digital["unscored_capabilities"]) == (2, [])
    csv = _run("recommend", str(PARTIAL), "--programmes", "--format", "csv").splitlines()
    assert csv[0].endswith(",unscored_capabilities")
    assert csv[2].endswith(",backup;network;wifi")


def test_report_context_has_the_scope_and_programme_caveats(context: dict[str, Any]) -> None:
    assert context["scope"]["caveat"] == CAVEAT
    assert context["scope"]["scored"] == 2 and not context["scope"]["complete"]
    programmes = {p["id"]: p for p in context["programmes"]}
    assert programmes["ops"]["caveat"].startswith("Based on 1 of 4 capabilities")
    assert programmes["ops"]["unscored_capabilities"] == ["Backup", "Network", "Wi-Fi"]
    assert programmes["digital"]["caveat"] == ""


def test_report_cover_summary_and_programmes_show_the_caveat(context: dict[str, Any]) -> None:
    html = render_html(context, charts={})
    cover = html.split('<header class="cover">')[1].split("</header>")[0]
    assert "<dt>Coverage</dt>" in cover and CAVEAT in cover
    summary = html.split('id="section-summary"')[1].split("</section>")[0]
    assert "<strong>Partial coverage.</strong> " + CAVEAT in summary
    assert "(2 of 5 capabilities scored)" in summary  # beside the overall score
    assert "2 of 2 scored capabilities are below target" in summary
    programmes = html.split('id="section-programmes"')[1].split("</section>")[0]
    assert "Readiness based on 1 of 4 capabilities; not scored: Backup (Core), Network " \
           "and Wi-Fi (Edge)." in programmes
    text, _ = render_markdown(context, charts={})
    head = text.split("## Contents")[0]
    assert f"**Coverage:** {CAVEAT}" in head
    assert f"**Partial coverage.** {CAVEAT}" in text
    assert "| Overall maturity against a target of 3 (2 of 5 capabilities scored) | 1.50 |" \
        in text
    assert "(readiness based on 1 of 4 capabilities; not scored: " in text


def test_complete_report_has_no_caveat() -> None:
    ctx = build_context(load_inputs(WORKED))
    html = render_html(ctx, charts={}).split("</style>")[1]  # the CSS names the class
    text, _ = render_markdown(ctx, charts={})
    for out in (html, text):
        assert "Partial coverage" not in out and "capabilities scored" not in out
        assert "Coverage" not in out.split("Contents")[0]


def test_workbook_summary_has_the_caveat(context: dict[str, Any]) -> None:
    wb = load_workbook(io.BytesIO(render_xlsx(context)))
    ws = wb["Summary"]
    figures = {row[0]: row[1] for row in ws.iter_rows(max_col=2, values_only=True) if row[0]}
    assert figures["Partial coverage"] == CAVEAT
    assert (figures["Capabilities scored"], figures["Capabilities in scope"]) == (2, 5)
    rows = list(wb["Programmes"].iter_rows(values_only=True))
    header = next(r for r in rows if r[0] == "Programme")
    ops = next(r for r in rows if r[0] == "Operations")
    found = dict(zip(header, ops, strict=True))
    assert found["Capabilities scored"] == 1
    assert found["Not scored (left out of readiness)"] == "Backup; Network; Wi-Fi"
