"""The board deck (``assess report --format pptx``): 10-13 slides from the report context.

Slides, in order: the cover (title, classification, document control), key messages with
the headline figures, progress since the baseline (only with a baseline), maturity
against target (native radar), the capability heatmap, the top gaps and why, programmes
at risk (native bar), the roadmap (native stacked bar shaped as a Gantt), projected
maturity (native columns), resourcing (native columns and the figures), decisions
required, and the method. Speaker notes carry the detail behind each slide; ``--draft``
notes go only there. Every number is shown by assess.numbers / assess.render.money, as
in the report; names follow the respondents mode the context was built with.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.numbers import show_gap, show_percent, show_score, show_signed, show_target, shown_delta

from . import chart_data
from .pptx_heatmap import heatmap_tiles
from .pptx_kit import (
    ACCENT,
    INK,
    MUTED,
    Box,
    Deck,
    fitted_size,
    more,
    new_slide,
    notes,
    table,
    text_box,
)

if TYPE_CHECKING:
    pass

Ctx = Mapping[str, Any]
TOP_GAPS = 5
BLOCKERS = 3
DECISIONS = 6


def render_pptx(ctx: Ctx, reference: Path | None = None) -> bytes:
    """The deck as .pptx bytes, on the reference template's master when one is given."""
    import io

    from . import read_reference
    from .pptx_kit import measuring, open_deck, repeatable

    meta = ctx["meta"]
    deck = open_deck(read_reference(reference) if reference is not None else None,
                     meta["classification"], f"{meta['organisation']} · {meta['date_long']}")
    with measuring(deck):
        for slide in SLIDES:
            slide(deck, ctx)
    _properties(deck, ctx)
    out = io.BytesIO()
    deck.prs.save(out)
    return repeatable(out.getvalue(), meta["document"]["date"])


def _properties(deck: Deck, ctx: Ctx) -> None:
    import datetime as dt

    meta = ctx["meta"]
    props = deck.prs.core_properties
    props.title = f"{meta['organisation']}: {meta['title']}"
    props.subject = meta["title"]
    props.author = meta["document"]["prepared_by"] or meta["organisation"]
    props.last_modified_by = props.author
    props.revision = 1
    props.keywords = meta["classification"]
    props.category = meta["classification"]
    props.comments = ""
    try:
        day = dt.datetime.fromisoformat(meta["document"]["date"])
    except ValueError:
        day = dt.datetime(2000, 1, 1)
    props.created = props.modified = day


def _draft(ctx: Ctx, *lines: str) -> list[str]:
    """Consultant notes, only in a --draft deck (and only in the speaker notes)."""
    return [f"Draft note: {line}" for line in lines] if ctx["meta"]["draft"] else []


def cover(deck: Deck, ctx: Ctx) -> None:
    meta, doc = ctx["meta"], ctx["meta"]["document"]
    slide, _ = new_slide(deck, meta["title"], cover=True)
    w, h, m = deck.width, deck.height, deck.margin
    title = slide.shapes.title
    if deck.styled and title is not None:
        title.left, title.top, title.width, title.height = m, int(h * 0.2), w - 2 * m, int(h * 0.24)
        from .pptx_kit import _style_title

        _style_title(title, 36)
    sub = next((p for p in slide.placeholders if p.placeholder_format.idx == 1), None)
    subtitle = f"{meta['organisation']} · {meta['date_long']}"
    if sub is not None:
        sub.text = subtitle
        if int(sub.top or 0) + int(sub.height or 0) > int(h * 0.68):
            # The template's subtitle reaches low; keep its top, leave room below it.
            sub.height = max(int(h * 0.08), int(h * 0.68) - int(sub.top or 0))
        if deck.styled:
            sub.left, sub.top, sub.width, sub.height = m, int(h * 0.45), w - 2 * m, int(h * 0.08)
            for run in sub.text_frame.paragraphs[0].runs:
                from pptx.dml.color import RGBColor
                from pptx.util import Pt

                run.font.size, run.font.color.rgb = Pt(20), RGBColor.from_string(MUTED)
            sub.text_frame.paragraphs[0].alignment = 1
    else:
        text_box(slide, Box(m, int(h * 0.45), w - 2 * m, int(h * 0.08)), [subtitle], 20,
                 colour=MUTED)
    if meta["classification"]:
        text_box(slide, Box(m, int(h * 0.07), w - 2 * m, int(h * 0.07)),
                 [meta["classification"]], 16, bold=True, colour=INK, align="center",
                 name="Classification (cover)")
    control = [[("Prepared by: ", True), (doc["prepared_by"] or meta["organisation"], False)],
               [("Version: ", True), (doc["version"], False), ("   Date of issue: ", True),
                (doc["date_long"], False)]]
    if doc["distribution"]:
        control.append([("Distribution: ", True), ("; ".join(doc["distribution"]), False)])
    low = max((int(s.top or 0) + int(s.height or 0) for s in (title, sub) if s is not None),
              default=int(h * 0.55))
    top = max(int(h * 0.6), low + int(h * 0.02))
    box = Box(m, top, w - 2 * m, int(h * 0.9) - top)
    texts = ["".join(t for t, _ in line) for line in control]
    text_box(slide, box, control, fitted_size(texts, box, 14, spacing=0.4, smallest=8),
             colour=INK, spacing=0.4, name="Document control")
    notes(slide, [f"{meta['title']} for {meta['organisation']}, assessed {meta['date_long']} "
                  f"against the {meta['framework']}.",
                  f"Handling: {meta['classification']}." if meta["classification"] else "",
                  *_draft(ctx, "draft for review: contains consultant notes in the speaker "
                          "notes; issue the deck without --draft.")])


def messages(deck: Deck, ctx: Ctx) -> None:
    summary = ctx["summary"]
    slide, top = new_slide(deck, "Key messages")
    body = deck.body(top)
    left, right = body.split(0.27, deck.margin // 2)
    figures = summary["figures"]
    tile = left.height // max(4, len(figures))
    for i, fig in enumerate(figures):
        box = Box(left.left, left.top + i * tile, left.width, tile - tile // 10)
        colour = "D55E00" if fig["alert"] else ACCENT
        value, label = box.below(box.height * 11 // 20)
        text_box(slide, value, [fig["value"]],
                 fitted_size([fig["value"]], value, 24, spacing=0, smallest=12), bold=True,
                 colour=colour, anchor="bottom")
        text_box(slide, label, [fig["label"]],
                 fitted_size([fig["label"]], label, 11, spacing=0, smallest=8), colour=colour)
    heads = [m["title"] + ("" if m["title"].endswith(("?", "!", ".")) else ".")
             for m in summary["messages"]]
    items = [[(h + " ", True), (m["text"], False)]
             for h, m in zip(heads, summary["messages"], strict=True)]
    texts = [h + " " + m["text"] for h, m in zip(heads, summary["messages"], strict=True)]
    if not items:
        texts = ["No capability is below target."]
        items = [[(texts[0], False)]]
    text_box(slide, right, items, fitted_size(texts, right, 20, spacing=0.8), spacing=0.8)
    notes(slide, [*texts, "Headline figures: " + "; ".join(
        f"{f['value']} {f['label']}" for f in figures) + "."])


def progress(deck: Deck, ctx: Ctx) -> None:
    prog = ctx["progress"]
    if not prog:
        return
    slide, top = new_slide(deck, f"Progress since {prog['label']}")
    body = deck.body(top)
    rows = [d for d in prog["domains"] if d["baseline"] is not None and d["current"] is not None]
    rows.append(prog["overall"])
    chart_box, side = body.split(0.55, deck.margin // 2)
    from .chart_data import CURRENT
    from .pptx_charts import BASELINE, paired_chart

    paired_chart(slide, chart_box, [r["name"] for r in rows],
                 [(prog["label"], [_shown(r["baseline"]) for r in rows]),
                  ("Now", [_shown(r["current"]) for r in rows])],
                 ctx["scale"]["max"], [BASELINE, CURRENT], across=True)
    lines = [prog["headline"]]
    best = prog["highlights"].get("improved", [])[:3]
    if best:
        lines.append("Most improved: " + "; ".join(
            f"{c['name']} {show_score(c['baseline'])} to {show_score(c['current'])}"
            for c in best) + ".")
    worse = prog["highlights"].get("declined", [])[:2]
    if worse:
        lines.append("Declined: " + "; ".join(
            f"{c['name']} {show_score(c['baseline'])} to {show_score(c['current'])}"
            for c in worse) + ".")
    text_box(slide, side, lines, fitted_size(lines, side, 16, spacing=0.6), spacing=0.6)
    notes(slide, [f"{r['name']}: {show_score(r['baseline'])} then, {show_score(r['current'])} "
                  f"now ({show_signed(shown_delta(r['baseline'], r['current']))})."
                  for r in rows] + [s for s in prog["sentences"].values() if s])


def _shown(score: float) -> float:
    from assess.numbers import score_value

    return score_value(score)


def maturity(deck: Deck, ctx: Ctx) -> None:
    data = chart_data.radar(ctx)
    overall = ctx["overall"]
    slide, top = new_slide(deck, "Maturity against target")
    body = deck.body(top)
    chart_box, side = body.split(0.6, deck.margin // 4)
    from .pptx_charts import radar_chart

    if data.labels:
        radar_chart(slide, chart_box, data)
    header, rows = data.table()
    rows = (*rows, ("Overall", show_score(overall["score"]), show_target(overall["target"])))
    gaps = [show_gap(t, c) for c, t in zip(data.current, data.target, strict=True)]
    gaps.append(show_gap(overall["target"], overall["score"]))
    cells = [(*r, g) for r, g in zip(rows, gaps, strict=True)]
    height = min(side.height, (len(cells) + 1) * int(side.height / 9))
    table(slide, Box(side.left, side.top, side.width, height), (*header, "Gap"), cells,
          (2.9, 1.2, 1, 0.9), size=13 if len(cells) <= 8 else 11,
          align=("left", "right", "right", "right"))
    caveat = ctx["scope"]["caveat"]
    if caveat or ctx["unassessed"]:
        note = caveat or "Not scored: " + ", ".join(ctx["unassessed"]) + "."
        text_box(slide, Box(side.left, side.top + height + deck.margin // 4, side.width,
                            side.height - height), [note], 11, colour=MUTED)
    notes(slide, [data.summary, f"Overall: {show_score(overall['score'])} "
                  f"({overall['level_label']}) against a target of "
                  f"{show_target(overall['target'])}.", caveat])


def heatmap(deck: Deck, ctx: Ctx) -> None:
    data = chart_data.heatmap(ctx)
    slide, top = new_slide(deck, "Capability heatmap")
    heatmap_tiles(slide, deck.body(top), data)
    notes(slide, [data.summary, *(f"{c.domain}: " + "; ".join(
        f"{name} {show_score(s) if s is not None else 'not scored'} (target {show_target(t)})"
        for name, s, t in c.cells) + "." for c in data.columns)])


def _and(items: Sequence[str], extra: int = 0) -> str:
    items = list(items)
    if extra:
        return ", ".join(items) + f" and {extra} more"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def gaps(deck: Deck, ctx: Ctx) -> None:
    top_gaps = ctx["top_gaps"][:TOP_GAPS]
    slide, top = new_slide(deck, "Gaps to close first, and why")
    body = deck.body(top)
    if not top_gaps:
        text_box(slide, body, ["No capability is below target."], 18)
        notes(slide, ["No capability is below target."])
        return
    rows = []
    for g in top_gaps:
        rec = g["recommendation"]
        progs = rec["programmes"]
        why = (f"Feeds {_and(progs[:2], max(0, len(progs) - 2))}" if progs
               else "Feeds no programme directly")
        if rec["requires"]:
            why += f"; needs {_and(rec['requires'][:1], max(0, len(rec['requires']) - 1))} first"
        why += f". First step in {rec['phase']}"
        why += f" ({rec['urgent']})." if rec["urgent"] else "."
        rows.append((g["name"], g["domain_name"], show_score(g["score"]),
                     show_target(g["target"]), why))
    longest = max(len(r[4]) for r in rows)
    size = 14 if longest < 110 else 12
    table(slide, body, ("Capability", "Domain", "Now", "Target", "Why it matters"), rows,
          (2.6, 1.7, 0.7, 0.8, 5.2), size=size, align=("left", "left", "right", "right"))
    notes(slide, [f"{g['name']} ({g['domain_name']}): {show_score(g['score'])} against "
                  f"{show_target(g['target'])}. Ranked by: {g['recommendation']['rationale']} "
                  f"First step: {g['recommendation']['action']}" for g in top_gaps])


def programmes(deck: Deck, ctx: Ctx) -> None:
    data = chart_data.readiness(ctx)
    at_risk = ctx["programmes_at_risk"]
    counts = ctx["counts"]
    slide, top = new_slide(deck, "Programmes at risk")
    body = deck.body(top)
    chart_box, side = body.split(0.5, deck.margin // 2)
    from .pptx_charts import readiness_chart

    if data.labels:
        readiness_chart(slide, chart_box, data)
    lines: list[Any] = [[(f"{counts['at_risk']} of {counts['programmes']} programmes at "
                          "risk", True), (" (foundations under 75% ready).", False)]]
    texts = [str(lines[0])]
    for p in at_risk:
        named = [b["name"] for b in p["blockers"][:BLOCKERS]]
        line = [(f"{p['name']} ({show_percent(p['readiness'])} ready): ", True),
                ("held back most by " + _and(named) + "." if named else
                 "nothing below target holds it back.", False)]
        lines.append(line)
        texts.append("".join(t for t, _ in line))
    text_box(slide, side, lines, fitted_size(texts, side, 16, spacing=0.7), spacing=0.7)
    detail = []
    for p in ctx["programmes"]:
        held = "; ".join(f"{b['name']} ({show_percent(b['share'])} of the shortfall)"
                         for b in p["blockers"][:5])
        detail.append(f"{p['name']}, {p['status']}: held back by {held or 'no gap'}. "
                      f"{p['caveat']}".strip())
    notes(slide, [data.summary, *detail])


def roadmap(deck: Deck, ctx: Ctx) -> None:
    data = chart_data.gantt(ctx)
    slide, top = new_slide(deck, "Roadmap")
    body = deck.body(top)
    from .pptx_charts import gantt_chart, gantt_rows, phase_key

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
    chart_box, key = rest.below(rest.height - int(rest.height * 0.08))
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
        f"disagreements of {meth['disagreement_threshold']:g} levels or more were flagged.",
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


SLIDES = (cover, messages, progress, maturity, heatmap, gaps, programmes, roadmap,
          projection, resourcing, decisions, method)
"""The slide builders in deck order; one returning early adds no slide."""
