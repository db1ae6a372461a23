"""The report's resourcing and action plan on the example: money, people, time to target,
must-do steps and delivery realism, as a finance director reads them."""

from __future__ import annotations

import re
from functools import cache

from assess.report import ReportInputs, build_context, load_inputs
from assess.report.markdown import render_markdown

from .conftest import EXAMPLE


@cache
def example_inputs() -> ReportInputs:
    return load_inputs(EXAMPLE)


@cache
def example_markdown() -> str:
    from pathlib import Path

    text, _ = render_markdown(build_context(example_inputs()), Path("charts"), {}, None)
    return text


def _section(text: str, title: str) -> str:
    start = re.search(rf"^## \d+ {title}$", text, re.M)
    assert start is not None, title
    end = text.find("\n## ", start.end())
    return text[start.end():end]


def test_each_phase_shows_effort_fte_capex_and_opex_in_pounds() -> None:
    ctx = build_context(example_inputs())
    rows = ctx["resourcing"]["rows"]
    assert [r["name"] for r in rows] == ["0-6 months", "6-12 months", "12-24 months",
                                         "Total planned", "Backlog"]
    section = _section(example_markdown(), "Resourcing")
    for phase in ("0-6 months", "6-12 months", "12-24 months"):
        row = next(line for line in section.splitlines() if line.startswith(f"| {phase} |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        effort, fte, capex, opex = cells[2], cells[5], cells[6], cells[7]
        assert re.fullmatch(r"[\d,]+", effort) and re.fullmatch(r"\d+\.\d", fte)
        assert re.fullmatch(r"£[\d.]+[km]?–£[\d.]+[km]", capex), capex
        assert re.fullmatch(r"£[\d.]+[km]?–£[\d.]+[km]", opex), opex
    assert "| **Total planned** |" in section
    assert "Security Team | 60 of 157.5 |" in section  # team load against capacity


def test_the_report_states_when_each_domain_reaches_its_target() -> None:
    plan = _section(example_markdown(), "Action plan")
    table = plan.split("### When each domain reaches its target")[1]
    for name in ("Data centres", "Cloud", "Network", "User interaction", "Cybersecurity",
                 "**Overall**"):
        assert re.search(rf"^\| {re.escape(name)} \| [\d.]+ \| (by month \d+ \(\w+ \d{{4}}\)|"
                         r"not within 5 years|at target now) \|$", table, re.M), name


def test_must_do_step_is_named_first_with_its_reason() -> None:
    plan = _section(example_markdown(), "Action plan")
    assert ("**Must do first.** Power and cooling resilience to level 2 (a safety finding; "
            "0-6 months)") in plan
    assert "Power and cooling resilience 1→2 (must do: a safety finding)" in plan


def test_delivery_rate_beside_this_plans_demand() -> None:
    section = _section(example_markdown(), "Resourcing")
    line = next(x for x in section.splitlines() if x.startswith("**Can the organisation"))
    assert re.search(r"\d+ of the \d+ steps its roadmap planned for that time were delivered: "
                     r"[\d,]+ of [\d,]+ planned person-days \(\d+%\)\. This plan asks for "
                     r"[\d,]+ person-days \(\d+ steps\) in its first 12 months", line)
    assert "much more than the organisation has shown it can deliver" in line


def test_workbook_has_the_resourcing_figures_as_numbers() -> None:
    import io

    from openpyxl import load_workbook

    from assess.report.xlsx import render_xlsx

    ctx = build_context(example_inputs())
    wb = load_workbook(io.BytesIO(render_xlsx(ctx)))
    rows = list(wb["Resourcing"].iter_rows(values_only=True))
    assert rows[0][4] == "Capex low (GBP)"
    assert [r[0] for r in rows[1:]] == ["0-6 months", "6-12 months", "12-24 months",
                                        "Total planned", "Backlog"]
    first = rows[1]
    assert first[2] == ctx["resourcing"]["rows"][0]["effort"] and isinstance(first[3], float)
    assert 0 < first[4] < first[5] and 0 < first[6] < first[7]
