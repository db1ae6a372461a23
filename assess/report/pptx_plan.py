"""The deck's plan: roadmap, maturity after each phase, resourcing, decisions required
and the method appendix. Each function adds one slide (or none when there is nothing to
show)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import chart_data
from .pptx_findings import _and, _draft
from .pptx_kit import MUTED, Box, Deck, fitted_size, more, new_slide, notes, table, text_box

Ctx = Mapping[str, Any]
DECISIONS = 6
"""Decisions listed on the slide; more are counted and left to the report."""


def roadmap(deck: Deck, ctx: Ctx) -> None:
    data = chart_data.gantt(ctx)
    slide, top = new_slide(deck, "Roadmap")
    body = deck.body(top)
    from .pptx_charts import GANTT_ROWS, gantt_chart, gantt_rows, phase_key

    rows = gantt_rows(data)
    caption = (f"Each bar is a capability raised in that phase, labelled with the level it "
               f"reaches. {len(ctx['backlog'])} further steps wait in the backlog."
               if ctx["backlog"] else "Each bar is a capability raised in that phase, "
               "labelled with the level it reaches.")
    if len(rows) < len(data.rows):
        caption += f" The {len(rows)} capabilities whose work starts first are shown, " \
                   f"{more(len(data.rows) - len(rows))}."
    strip, rest = body.below(int(body.height * 0.09))
    text_box(slide, strip, [caption], fitted_size([caption], strip, 14), colour=MUTED)
    per_row = int(rest.height / (GANTT_ROWS + 3))  # bars as thick as on a full roadmap
    key_height = int(rest.height * 0.08)
    chart_box, key = rest.below(min(rest.height - key_height, (len(rows) + 3) * per_row))
    key = Box(key.left, key.top, key.width, key_height)
    if rows:
        gantt_chart(slide, chart_box, data, rows)
        phase_key(slide, Box(key.left + key.width // 8, key.top, key.width * 3 // 4, key.height),
                  [name for name, _, _ in data.phases])
    detail = [f"{p['name']}: " + "; ".join(
        f"{r['capability_name']} to level {r['to_level']} ({r['owner']}, "
        f"{r['effort']:g} days)" for r in p["recommendations"]) + "." for p in ctx["phases"]]
    notes(slide, [data.summary, *detail])


def projection(deck: Deck, ctx: Ctx) -> None:
    data = chart_data.projection(ctx)
    if not data.labels or len(data.series) < 2:
        return
    slide, top = new_slide(deck, "Maturity after each phase")
    body = deck.body(top)
    from .pptx_charts import paired_chart, projection_colours, projection_series

    series = projection_series(data)
    paired_chart(slide, body, data.labels, series, data.scale_max,
                 projection_colours(len(series)))
    when = [f"{t['name']}: target {t['text']}." for t in ctx["resourcing"]["time_to_target"]]
    notes(slide, [data.summary, *when])


def resourcing(deck: Deck, ctx: Ctx) -> None:
    res = ctx["resourcing"]
    slide, top = new_slide(deck, "Resourcing")
    body = deck.body(top)
    chart_box, side = body.split(0.42, deck.margin // 2)
    from .pptx_charts import cost_chart

    if res["phases"]:
        cost_chart(slide, chart_box, [p["name"] for p in res["phases"]], res["phases"],
                   res["currency"])
    header = ("Phase", "Steps", "Person-days", "FTE", "One-off", "A year")
    rows = [(r["name"], str(r["steps"]), r["effort_text"], r["fte_text"], r["capex_text"],
             r["opex_text"]) for r in res["rows"]]
    height = min(side.height, (len(rows) + 1) * int(side.height / 8))
    table(slide, Box(side.left, side.top, side.width, height), header, rows,
          (2.2, 1, 1.5, 0.9, 1.9, 1.8), size=12,
          align=("left", "right", "right", "right", "right", "right"))
    note = ("One-off (capex) and yearly running costs (opex) are low–high ranges in "
            f"{res['currency']}; FTE are full-time people over each phase."
            if res["currency"] else "No cost model prices the steps: person-days only.")
    text_box(slide, Box(side.left, side.top + height + deck.margin // 4, side.width,
                        side.height - height - deck.margin // 4), [note], 11, colour=MUTED)
    lines = [*res["notes"]]
    if res["delivery"]:
        lines.append(res["delivery"]["text"])
    lines += [f"{o['name']}: {o['effort_text']} person-days, {o['capex_text']} one-off."
              for o in res["owners"]]
    notes(slide, lines)


def decisions(deck: Deck, ctx: Ctx) -> None:
    asks = ctx["summary"]["decisions"]
    slide, top = new_slide(deck, "Decisions required")
    body = deck.body(top)
    shown = [f"{i}. {d}" for i, d in enumerate(asks[:DECISIONS], start=1)]
    if len(asks) > DECISIONS:
        shown.append(more(len(asks) - DECISIONS, "decisions").capitalize() + ".")
    if not shown:
        shown = ["No decision is asked of the board."]
    text_box(slide, body, shown, fitted_size(shown, body, 22, spacing=0.8), spacing=0.8)
    gov = ctx["governance"]
    notes(slide, [*asks, f"Senior responsible owner: {gov['senior_responsible_owner']}.",
                  f"Programme board: {gov['programme_board']}.",
                  f"Reporting: {gov['reporting']}."])


def method(deck: Deck, ctx: Ctx) -> None:
    meth, counts, scope = ctx["methodology"], ctx["counts"], ctx["scope"]
    slide, top = new_slide(deck, "Appendix: method")
    body = deck.body(top)
    levels = ", ".join(f"{lv['level']} {lv['name']}" for lv in meth["levels"])
    people = (f"{counts['respondents']} respondents" if counts["respondents"] != 1
              else "1 respondent")
    lines = [
        f"Framework: {meth['framework']}; maturity levels {levels}.",
        f"Scope: {scope['capabilities']} capabilities in {scope['domains']} domains; "
        f"{scope['scored']} scored. {scope['excluded']}".strip(),
        f"Evidence: {people} answered the questionnaires; where answers differ "
        f"the {meth['aggregation']} answer counts, and {counts['disagreements']} "
        f"disagreement{'' if counts['disagreements'] == 1 else 's'} of "
        f"{meth['disagreement_threshold']:g} levels or more "
        f"{'was' if counts['disagreements'] == 1 else 'were'} flagged.",
        f"Scoring: {meth['method_name']}; domain and overall scores are weighted means of "
        "the capability scores. Gap = target minus score.",
        "Priorities: the gap, the capability's weight, the programmes it feeds, the steps "
        "it unblocks and the risk while weak; prerequisites come first.",
    ]
    if meth["references"]:
        lines.append("Aligned with " + _and(meth["references"]) + ".")
    text_box(slide, body, lines, fitted_size(lines, body, 18, spacing=0.6), spacing=0.6)
    who = [f"{r['name']}{' (' + r['role'] + ')' if r['role'] else ''}: "
           f"{', '.join(r['domains'])}" for r in ctx["respondents"]]
    notes(slide, [meth["description"], "Respondents and the domains they answered:", *who,
                  *_draft(ctx, "the full method, the answers and the disagreements are in "
                          "the report's appendix and its annex.")])
