"""The executive summary in words: key messages, the decisions asked of the board and the
headline figures, written from the rest of the report context (plain data in, plain data
out; no rendering). Every number goes through assess.numbers or assess.render.money, so
the summary reads as the sections it sums up.

Rules (docs/report.md, "Executive summary"):

- at most five key messages, in this order, each only when the data says something:
  where the exposure is (the most urgent gaps), progress since the baseline, the
  programmes at risk and what holds them back, the ask in money and people with the time
  to target, and whether the plan can be delivered (the baseline's delivery, else the
  backlog);
- decisions: approve the first phase, fund the plan, add delivery capacity when the
  plan asks for much more than was delivered, settle the backlog, and the governance
  asks (:func:`governance_decisions`);
- figures: overall maturity against target, change since the baseline, programmes at
  risk, one-off cost, people, when the overall target is reached.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assess.numbers import show_percent, show_score, show_signed, show_target, shown_delta
from assess.render.money import days

Row = dict[str, Any]
MESSAGES = 5
URGENT_GAPS = 3


def _steps(n: int) -> str:
    return f"{n} step" if n == 1 else f"{n} steps"


def _and(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _exposure(ctx: Mapping[str, Any]) -> Row | None:
    gaps = ctx["top_gaps"][:URGENT_GAPS]
    if not gaps:
        return None
    domains = {g["domain_name"] for g in gaps}
    one = len(domains) == 1
    named = [f"{g['name']} ({'' if one else g['domain_name'] + ', '}"
             f"{show_score(g['score'])} against {show_target(g['target'])})" for g in gaps]
    scope, below = ctx["scope"], ctx["counts"]["below_target"]
    scored = "scored " if not scope["complete"] else ""
    share = f"{below} of {scope['scored']}"  # the wording docs/report.md promises
    text = (f"{share} {scored}capabilities are below target. "
            f"The most urgent to close: {_and(named)}"
            f"{', all in ' + next(iter(domains)) if one and len(gaps) > 1 else ''}.")
    return {"title": "Where the exposure is", "text": text}


def _progress(ctx: Mapping[str, Any]) -> Row | None:
    progress = ctx["progress"]
    if not progress:
        return None
    return {"title": f"Progress since {progress['label']}", "text": progress["headline"]}


def _programmes(ctx: Mapping[str, Any]) -> Row | None:
    at_risk = ctx["programmes_at_risk"]
    if not at_risk:
        return None
    blockers: list[str] = []
    for p in at_risk:
        for b in p["blockers"][:2]:
            if b["name"] not in blockers:
                blockers.append(b["name"])
    named = [f"{p['name']} ({show_percent(p['readiness'])} ready)" for p in at_risk]
    counts = ctx["counts"]
    if counts["at_risk"]:
        if counts["at_risk"] == counts["programmes"]:
            text = ("Both programmes are at risk" if counts["at_risk"] == 2 else
                    f"All {counts['programmes']} programmes are at risk")
        else:
            text = f"{counts['at_risk']} of {counts['programmes']} programmes are at risk"
        text += f". Least ready: {_and(named)}"
    else:
        text = f"No programme is at risk; not yet ready: {_and(named)}"
    if blockers:
        text += f", held back most by {_and(blockers[:3])}"
    return {"title": "Programmes at risk", "text": text + "."}


def _months(ctx: Mapping[str, Any]) -> int:
    return sum(p["months"] for p in ctx["phases"])


def _ask(ctx: Mapping[str, Any]) -> Row | None:
    res = ctx["resourcing"]
    total = res["total"]
    if not total["steps"]:
        return None
    text = (f"The {_months(ctx)}-month plan needs {total['effort_text']} person-days of work "
            f"(about {total['fte_text']} full-time people)")
    if res["currency"]:
        text += (f", {total['capex_text']} one-off and {total['opex_text']} a year in running "
                 "costs once delivered")
    overall = next((t for t in res["time_to_target"] if t["overall"]), None)
    if overall is not None:
        text += ". " + _target_sentence(overall["months"], overall["text"], res["horizon_years"])
    return {"title": "What it takes", "text": text + "."}


def _target_sentence(months: int | None, when: str, years: int) -> str:
    """When the overall target is reached, as a sentence a board reads."""
    if months is None:
        return f"At this pace the overall target is not reached within {years} years"
    if months == 0:
        return "The overall target is already met"
    return f"At this pace the overall target is reached {when}"


def _deliverable(ctx: Mapping[str, Any]) -> Row | None:
    delivery = ctx["resourcing"]["delivery"]
    if delivery and delivery.get("warning"):
        return {"title": "Can it be delivered?", "text": (
            f"In the last {delivery['months']} months {days(delivery['baseline_delivered_effort'])}"
            f" of {days(delivery['baseline_planned_effort'])} planned person-days were "
            f"delivered; this plan asks for {days(delivery['plan_effort'])} in its first "
            f"{delivery['plan_months']} months. Without more people or a delivery partner it "
            "will slip.")}
    backlog = ctx["backlog"]
    if backlog:
        return {"title": "What waits", "text": (
            f"{_steps(len(backlog)).replace(' step', ' further step')} "
            f"({days(ctx['backlog_effort'])} person-days) "
            f"{'does' if len(backlog) == 1 else 'do'} not fit the capacity of the phases and "
            "wait in the backlog.")}
    return None


def key_messages(ctx: Mapping[str, Any]) -> list[Row]:
    """Three to five messages (fewer only when the data has less to say)."""
    found = [m(ctx) for m in (_exposure, _progress, _programmes, _ask, _deliverable)]
    return [m for m in found if m is not None][:MESSAGES]


def decisions(ctx: Mapping[str, Any], governance: Sequence[str] = ()) -> list[str]:
    """What the board is asked to decide, most pressing first."""
    res = ctx["resourcing"]
    out: list[str] = []
    if res["phases"] and res["phases"][0]["steps"]:
        first = res["phases"][0]
        cost = f", {first['capex_text']} one-off" if res["currency"] else ""
        out.append(f"Approve the first phase ({first['name']}): {_steps(first['steps'])}, "
                   f"{first['effort_text']} person-days ({first['fte_text']} FTE){cost}.")
    total = res["total"]
    if res["currency"] and total["steps"]:
        out.append(f"Commit funding for the {_months(ctx)}-month plan: {total['capex_text']} "
                   f"one-off and {total['opex_text']} a year.")
    delivery = res["delivery"]
    if delivery and delivery.get("warning"):
        out.append("Add delivery capacity (people or a delivery partner), or accept a "
                   "slower plan.")
    if ctx["backlog"]:
        waiting = _steps(len(ctx["backlog"])).replace(" step", " backlog step")
        out.append(f"Fund or defer the {waiting} ({days(ctx['backlog_effort'])} person-days).")
    out.extend(governance)
    return out


def headline_figures(ctx: Mapping[str, Any]) -> list[Row]:
    """The figures a board reads first: value, label, and whether it is a warning."""
    overall, res, counts = ctx["overall"], ctx["resourcing"], ctx["counts"]
    scope = ctx["scope"]
    scored = ("" if scope["complete"] else
              f" ({scope['scored']} of {scope['capabilities']} capabilities scored)")
    out: list[Row] = [{"value": show_score(overall["score"]),
                       "label": f"overall maturity against a target of "
                                f"{show_target(overall['target'])}{scored}", "alert": False}]
    progress = ctx["progress"]
    if progress:
        o = progress["overall"]
        delta = shown_delta(o["baseline"], o["current"])
        out.append({"value": show_signed(delta), "label": f"change since {progress['label']}",
                    "alert": delta is not None and delta <= 0})
    out.append({"value": f"{counts['at_risk']} of {counts['programmes']}",
                "label": "programmes at risk", "alert": bool(counts["at_risk"])})
    if res["currency"]:
        out.append({"value": res["total"]["capex_text"], "label": "one-off cost of the plan",
                    "alert": False})
    out.append({"value": res["total"]["fte_text"], "label": "full-time people for the plan",
                "alert": False})
    when = next((t for t in res["time_to_target"] if t["overall"]), None)
    if when is not None:
        out.append({"value": when["text"].split(" (")[-1].rstrip(")") if "(" in when["text"]
                    else when["text"], "label": "overall target reached", "alert": False})
    return out


def summary_section(ctx: Mapping[str, Any], governance: Sequence[str] = ()) -> Row:
    """``summary`` of the report context: messages, decisions, figures."""
    return {"messages": key_messages(ctx), "decisions": decisions(ctx, governance),
            "figures": headline_figures(ctx)}
