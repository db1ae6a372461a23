"""What each chart shows, taken from the report context: plain data, no matplotlib.

The drawing functions in :mod:`assess.report.charts` take exactly these records, so tests
can check what is handed to matplotlib without drawing. Every record carries a
``summary`` (the text alternative: every number drawn, for screen readers and image
descriptions) and a ``table()`` (the data table printed beside the chart), both from the
same numbers. The caption a reader sees states the chart's message instead
(:func:`message`): what to take from it, not every data point.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assess.numbers import show_delta, show_gap, show_percent, show_score, show_target

GAP_BARS = 15
"""Largest gaps shown in the gap chart (the capability tables list them all)."""

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442",
             "#000000")
"""Okabe and Ito's colour-blind-safe palette, most distinguishable first (yellow late: it
is faint on white). Domains take these colours in report order, the same in every chart."""
STATUS_COLOURS = {"ready": "#009E73", "watch": "#E69F00", "at risk": "#D55E00",
                  "unknown": "#999999"}
CURRENT = "#0072B2"
TARGET = "#000000"

Table = tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]
"""(header, rows) of text cells."""


def domain_colours(domain_ids: Sequence[str]) -> dict[str, str]:
    return {d: OKABE_ITO[i % len(OKABE_ITO)] for i, d in enumerate(domain_ids)}


def _plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else words or word + 's'}"


def _n(value: float | None) -> str:
    return "not assessed" if value is None else show_score(value)


@dataclass(frozen=True)
class RadarData:
    labels: tuple[str, ...]
    current: tuple[float, ...]
    target: tuple[float, ...]
    scale_max: float
    summary: str

    def table(self) -> Table:
        return (("Domain", "Current", "Target"),
                tuple((lab, show_score(c), show_target(t))
                      for lab, c, t in zip(self.labels, self.current, self.target,
                                           strict=True)))


@dataclass(frozen=True)
class HeatmapColumn:
    domain: str
    cells: tuple[tuple[str, float | None, float], ...]
    """(capability name, score or None, target), in questionnaire order."""


@dataclass(frozen=True)
class HeatmapData:
    columns: tuple[HeatmapColumn, ...]
    """One column per domain: a capability map coloured by level."""
    levels: tuple[tuple[int, str], ...]
    """(level, name) of the framework, lowest first: the colour key."""
    summary: str

    def table(self) -> Table:
        return (("Domain", "Capability", "Score", "Target"),
                tuple((c.domain, name, _n(score), show_target(target))
                      for c in self.columns for name, score, target in c.cells))


@dataclass(frozen=True)
class GapBarsData:
    labels: tuple[str, ...]
    gaps: tuple[float, ...]
    scores: tuple[float, ...]
    targets: tuple[float, ...]
    colours: tuple[str, ...]
    domains: tuple[str, ...]
    legend: tuple[tuple[str, str], ...]
    """(domain name, colour) of the domains shown."""
    summary: str

    def table(self) -> Table:
        return (("Capability", "Domain", "Score", "Target", "Gap"),
                tuple((lab, d, show_score(s), show_target(t), show_gap(t, s))
                      for lab, d, s, t in zip(self.labels, self.domains, self.scores,
                                              self.targets, strict=True)))


@dataclass(frozen=True)
class ReadinessData:
    labels: tuple[str, ...]
    readiness: tuple[float, ...]
    """0-1, lowest (most at risk) first."""
    statuses: tuple[str, ...]
    at_risk_below: float
    ready_from: float
    summary: str

    def table(self) -> Table:
        return (("Programme", "Readiness", "Status"),
                tuple((lab, show_percent(r), s)
                      for lab, r, s in zip(self.labels, self.readiness, self.statuses,
                                           strict=True)))


@dataclass(frozen=True)
class GanttBar:
    row: int
    start: float
    end: float
    label: str
    colour: str
    phase: str


@dataclass(frozen=True)
class GanttData:
    phases: tuple[tuple[str, float, float], ...]
    """(name, start month, end month)."""
    rows: tuple[str, ...]
    bars: tuple[GanttBar, ...]
    legend: tuple[tuple[str, str], ...]
    summary: str

    def table(self) -> Table:
        return (("Capability", "Phase", "Level reached"),
                tuple((self.rows[b.row], b.phase, b.label.removeprefix("to L"))
                      for b in self.bars))


@dataclass(frozen=True)
class ProjectionData:
    labels: tuple[str, ...]
    """Domain names (assessed domains only) and 'Overall' last."""
    series: tuple[tuple[str, tuple[float, ...]], ...]
    """('Today', scores), then one per phase ('After 0-6 months', scores)."""
    targets: tuple[float, ...]
    scale_max: float
    summary: str

    def table(self) -> Table:
        header = ("Domain", *(name for name, _ in self.series), "Target")
        return (header, tuple((lab, *(show_score(values[i]) for _, values in self.series),
                               show_target(self.targets[i])) for i, lab in enumerate(self.labels)))


def radar(ctx: Mapping[str, Any]) -> RadarData:
    doms = [d for d in ctx["domains"] if d["assessed"]]
    left_out = [d["name"] for d in ctx["domains"] if not d["assessed"]]
    parts = [f"{d['name']} {show_score(d['score'])} against a target of "
             f"{show_target(d['target'])}" for d in doms]
    summary = "Current maturity against target by domain: " + "; ".join(parts) + "."
    if left_out:
        summary += " Not scored (no answer with a value): " + ", ".join(left_out) + "."
    return RadarData(tuple(d["name"] for d in doms), tuple(d["score"] for d in doms),
                     tuple(d["target"] for d in doms), ctx["scale"]["max"], summary)


def heatmap(ctx: Mapping[str, Any]) -> HeatmapData:
    columns = tuple(HeatmapColumn(d["name"], tuple((c["name"], c["score"], c["target"])
                                                   for c in d["capabilities"]))
                    for d in ctx["domains"])
    below = [c for d in ctx["domains"] for c in d["capabilities"] if c["status"] == "gap"]
    total = sum(len(d["capabilities"]) for d in ctx["domains"])
    summary = (f"Maturity of all {total} capabilities by domain; {len(below)} are below "
               "target. Each tile is coloured by its maturity level, darker is more mature; "
               "a corner mark flags a capability below target.")
    levels = tuple((lv["level"], lv["name"]) for lv in ctx["level_names"])
    return HeatmapData(columns, levels, summary)


def gap_bars(ctx: Mapping[str, Any], limit: int = GAP_BARS) -> GapBarsData:
    colours = domain_colours([d["id"] for d in ctx["domains"]])
    names = {d["id"]: d["name"] for d in ctx["domains"]}
    caps = [c for d in ctx["domains"] for c in d["capabilities"] if c["status"] == "gap"]
    caps.sort(key=lambda c: (-c["gap"], c["id"]))
    caps = caps[:limit]
    shown = list(dict.fromkeys(c["domain"] for c in caps))
    parts = [f"{c['name']} {show_gap(c['target'], c['score'])}" for c in caps]
    summary = (f"The {len(caps)} largest gaps between current maturity and target: "
               + "; ".join(parts) + ".") if caps else "No capability is below target."
    return GapBarsData(
        tuple(c["name"] for c in caps), tuple(c["gap"] for c in caps),
        tuple(c["score"] for c in caps), tuple(c["target"] for c in caps),
        tuple(colours[c["domain"]] for c in caps), tuple(names[c["domain"]] for c in caps),
        tuple((names[d], colours[d]) for d in shown), summary)


def readiness(ctx: Mapping[str, Any], at_risk_below: float = 0.75,
              ready_from: float = 0.9) -> ReadinessData:
    progs = [p for p in ctx["programmes"] if p["readiness"] is not None]
    progs.sort(key=lambda p: (p["readiness"], p["id"]))
    parts = [f"{p['name']} {show_percent(p['readiness'])} ({p['status']})" for p in progs]
    summary = ("Readiness of each programme's foundations: " + "; ".join(parts) + ".") \
        if progs else "No programme is linked to an assessed capability."
    return ReadinessData(tuple(p["name"] for p in progs),
                         tuple(p["readiness"] for p in progs),
                         tuple(p["status"] for p in progs), at_risk_below, ready_from,
                         summary)


def gantt(ctx: Mapping[str, Any]) -> GanttData:
    colours = domain_colours([d["id"] for d in ctx["domains"]])
    names = {d["id"]: d["name"] for d in ctx["domains"]}
    order = {c["id"]: i for i, c in enumerate(c for d in ctx["domains"]
                                              for c in d["capabilities"])}
    planned = sorted({r["capability"]: r for p in ctx["phases"]
                      for r in p["recommendations"]}.values(),
                     key=lambda r: (order.get(r["capability"], len(order)), r["capability"]))
    rows = {r["capability"]: i for i, r in enumerate(planned)}
    domain_of = {r["capability"]: r["domain"] for r in planned}
    bars = []
    for cap in rows:
        for p in ctx["phases"]:
            mine = [r for r in p["recommendations"] if r["capability"] == cap]
            if mine:
                must = " · must do" if any(r.get("urgent") for r in mine) else ""
                bars.append(GanttBar(rows[cap], p["start_month"], p["end_month"],
                                     f"to L{max(r['to_level'] for r in mine)}{must}",
                                     colours[domain_of[cap]], p["name"]))
    shown = list(dict.fromkeys(domain_of[c] for c in rows))
    steps = sum(len(p["recommendations"]) for p in ctx["phases"])
    summary = (f"Roadmap: {_plural(steps, 'step')} for "
               f"{_plural(len(rows), 'capability', 'capabilities')} over "
               f"{_plural(len(ctx['phases']), 'phase')}; each bar shows the level a capability "
               f"reaches in that phase. In the backlog: "
               f"{_plural(len(ctx['backlog']), 'further step')}.")
    return GanttData(
        tuple((p["name"], p["start_month"], p["end_month"]) for p in ctx["phases"]),
        tuple(r["capability_name"] for r in planned), tuple(bars),
        tuple((names[d], colours[d]) for d in shown), summary)


def projection(ctx: Mapping[str, Any]) -> ProjectionData:
    proj = ctx["projection"]
    rows = [d for d in proj["domains"] if d["current"] is not None]
    if proj["overall"]["current"] is not None:
        rows.append(proj["overall"])
    series = [("Today", tuple(r["current"] for r in rows))]
    for i, name in enumerate(proj["phases"]):
        series.append((f"After {name}", tuple(r["phases"][i] if r["phases"][i] is not None
                                              else r["current"] for r in rows)))
    last = series[-1][1]
    parts = [f"{r['name']} {_n(r['current'])} today, {_n(v)} after the roadmap"
             for r, v in zip(rows, last, strict=True)]
    summary = "Projected maturity if each phase is delivered: " + "; ".join(parts) + "."
    return ProjectionData(tuple(r["name"] for r in rows), tuple(series),
                          tuple(r["target"] for r in rows), ctx["scale"]["max"], summary)


def every(count: int, words: str) -> str:
    """'All 5 programmes', 'Both domains'."""
    return f"Both {words}" if count == 2 else f"All {count} {words}"


def _radar_message(ctx: Mapping[str, Any]) -> str:
    doms = [d for d in ctx["domains"] if d["assessed"]]
    below = [d for d in doms if d["score"] < d["target"]]
    words = "assessed domains" if len(doms) < len(ctx["domains"]) else "domains"
    if not below:
        return f"Every one of the {len(doms)} {words} has reached its target."
    widest = min(below, key=lambda d: (d["score"] - d["target"], d["id"]))
    count = (f"{every(len(doms), words)} are" if len(below) == len(doms)
             else f"{len(below)} of {len(doms)} {words} are" if len(below) > 1
             else f"1 of {len(doms)} {words} is")
    return (f"{count} below target; the widest gap is in {widest['name']} "
            f"({show_score(widest['score'])} against {show_target(widest['target'])}).")


def _readiness_message(ctx: Mapping[str, Any]) -> str:
    progs = sorted((p for p in ctx["programmes"] if p["readiness"] is not None),
                   key=lambda p: (p["readiness"], p["id"]))
    if not progs:
        return "No programme is linked to an assessed capability."
    risky = [p for p in progs if p["status"] == "at risk"]
    least = progs[0]
    head = ("No programme is at risk" if not risky
            else f"{every(len(progs), 'programmes')} are at risk" if len(risky) == len(progs)
            else f"{len(risky)} of {len(progs)} programmes are at risk")
    return (f"{head}; the least ready is {least['name']} "
            f"({show_percent(least['readiness'])} ready).")


def _projection_message(ctx: Mapping[str, Any]) -> str:
    overall = ctx["projection"]["overall"]
    now, phases, target = overall["current"], overall["phases"], overall["target"]
    done = next((v for v in reversed(phases) if v is not None), None)
    if now is None or done is None:
        return projection(ctx).summary
    text = (f"If every phase is delivered, overall maturity rises from {show_score(now)} "
            f"to {show_score(done)}")
    if target is None:
        return text + "."
    if done >= target:
        return text + f", reaching the target of {show_target(target)}."
    return text + f", short of the target of {show_target(target)}."


def message(name: str, ctx: Mapping[str, Any], summary: str) -> str:
    """The caption's message for the chart ``name``: what a reader should take from it.
    Charts whose summary already says it (heatmap, roadmap) keep their summary."""
    if name == "radar":
        return _radar_message(ctx)
    if name == "readiness":
        return _readiness_message(ctx)
    if name == "projection":
        return _projection_message(ctx)
    if name == "trend":
        return _trend_message(ctx) or summary
    return summary


def _trend_message(ctx: Mapping[str, Any]) -> str:
    """Which domains moved since the baseline (the section's headline gives the overall
    figure just above the chart)."""
    both = [d for d in (ctx.get("progress") or {}).get("domains", ())
            if d["baseline"] is not None and d["current"] is not None]
    if not both:
        return ""
    up = [d for d in both if d["status"] == "improved"]
    down = [d for d in both if d["status"] == "declined"]
    head = (f"{every(len(both), 'domains in both assessments')} improved" if len(up) == len(both)
            else f"{len(up)} of {len(both)} domains in both assessments improved")
    if down:
        head += f" and {len(down)} declined"
    if not up:
        return head + "."
    best = min(up, key=lambda d: (-d["delta"], d["id"]))
    return (f"{head}; the largest rise was in {best['name']} "
            f"({show_delta(best['baseline'], best['current'])}).")
