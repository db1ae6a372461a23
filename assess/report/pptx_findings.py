"""The deck's findings: cover, key messages, progress since the baseline, maturity
against target, the capability heatmap, the gaps to close first and the programmes at
risk. Each function adds one slide (or none when the data has nothing to show)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assess.numbers import show_gap, show_percent, show_score, show_signed, show_target, shown_delta

from . import chart_data
from .pptx_heatmap import heatmap_tiles
from .pptx_kit import ACCENT, INK, MUTED, Box, Deck, fitted_size, new_slide, notes, table, text_box

Ctx = Mapping[str, Any]
TOP_GAPS = 5
"""Gaps on the slide (the context holds the five of the highest-priority steps)."""
BLOCKERS = 3
"""Gaps named per programme at risk (the report's programme table names three too)."""


def _draft(ctx: Ctx, *lines: str) -> list[str]:
    """Consultant notes, only in a --draft deck (and only in the speaker notes)."""
    return [f"Draft note: {line}" for line in lines] if ctx["meta"]["draft"] else []


def _and(items: Sequence[str], extra: int = 0) -> str:
    items = list(items)
    if extra:
        return ", ".join(items) + f" and {extra} more"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


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
                          "notes; issue the deck without --draft.",
                          *([f"not scored: {', '.join(ctx['unassessed'])}; collect answers "
                             "(assess template, assess import) or take the questionnaire "
                             "out of scope before issuing."] if ctx["unassessed"] else []))])


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
        why += (". First step waits in the backlog" if rec["phase"] == "Backlog"
                else f". First step in {rec['phase']}")
        why += f" ({rec['urgent']})." if rec["urgent"] else "."
        rows.append((g["name"], g["domain_name"], show_score(g["score"]),
                     show_target(g["target"]), why))
    longest = max(len(r[4]) for r in rows)
    size = 14 if longest < 110 else 12
    height = min(body.height, (len(rows) + 1) * int(body.height / 6))
    table(slide, Box(body.left, body.top, body.width, height),
          ("Capability", "Domain", "Now", "Target", "Why it matters"), rows,
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
    risky, total = counts["at_risk"], counts["programmes"]
    head = (f"{chart_data.every(total, 'programmes')} at risk" if risky == total > 1
            else f"{risky} of {total} programmes at risk")
    lines: list[Any] = [[(head, True), (" (foundations under 75% ready).", False)]]
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
