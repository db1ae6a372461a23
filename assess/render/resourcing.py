"""Resourcing (money and people) and time to target, for the roadmap's outputs.

JSON keeps every number unrounded; the table and Markdown show them through
:mod:`assess.render.money`."""

from __future__ import annotations

from typing import Any

from assess.prioritise.recommendations import Recommendations
from assess.prioritise.resourcing import NO_PROGRAMME, Resources, Resourcing
from assess.prioritise.roadmap import OVERALL, Roadmap
from assess.progress.delivery import WARN_RATIO, Delivery

from .money import days, fte, money_range, months_text
from .text import md_escape, md_table, table


def resources_dict(r: Resources, currency: str) -> dict[str, Any]:
    return {"steps": r.steps, "effort": r.effort, "fte": r.fte,
            "cost": cost_dict(r, currency), "uncosted_steps": r.uncosted}


def cost_dict(r: Resources, currency: str) -> dict[str, Any]:
    return {"currency": currency, "capex": list(r.capex), "opex_per_year": list(r.opex_per_year)}


def resourcing_dict(res: Resourcing) -> dict[str, Any]:
    def rows(breakdowns: Any) -> list[dict[str, Any]]:
        return [{"id": b.key, "name": b.name or "No programme",
                 "phases": [resources_dict(p, res.currency) for p in b.phases],
                 "total": resources_dict(b.total, res.currency),
                 "backlog": resources_dict(b.backlog, res.currency)} for b in breakdowns]

    return {"currency": res.currency, "working_days_per_fte": res.working_days_per_fte,
            "total": resources_dict(res.total, res.currency),
            "backlog": resources_dict(res.backlog, res.currency),
            "programmes": rows(res.programmes), "owners": rows(res.owners)}


def time_to_target_dict(roadmap: Roadmap) -> dict[str, dict[str, int | None]]:
    return {d: {"months": m} for d, m in roadmap.time_to_target if d != OVERALL}


def _row(name: str, r: Resources, currency: str) -> list[str]:
    return [name, str(r.steps), days(r.effort), fte(r.fte), money_range(r.capex, currency),
            money_range(r.opex_per_year, currency)]


HEADER = ["", "Steps", "Person-days", "FTE", "Capex (one-off)", "Opex a year"]


def resourcing_rows(roadmap: Roadmap, res: Resourcing) -> list[list[str]]:
    """Phase by phase, the plan's total, then the backlog (FTE not spread over time)."""
    rows = [_row(p.name, r, res.currency) for p, r in zip(roadmap.phases, res.phases,
                                                            strict=True)]
    rows.append(_row("Total planned", res.total, res.currency))
    rows.append(_row("Backlog", res.backlog, res.currency))
    return rows


def breakdown_rows(res: Resourcing, which: str) -> list[list[str]]:
    items = res.programmes if which == "programmes" else res.owners
    return [_row(b.name or ("No programme" if b.key == NO_PROGRAMME else b.key), b.total,
                 res.currency) for b in items if b.total.steps]


def notes(res: Resourcing) -> list[str]:
    """What the figures mean, in words a finance director checks them against."""
    out = [f"FTE: person-days over {res.working_days_per_fte:g} working days a year per "
           "full-time person, spread over the phase's months (the total over the whole "
           "plan). Capex is one-off, opex recurs every year once the step is delivered; "
           "ranges are low–high from the cost bands."]
    uncosted = res.total.uncosted + res.backlog.uncosted
    if not res.currency:
        out.append("The dependency model has no cost model, so no money is shown.")
    elif uncosted:
        out.append(f"{uncosted} step{'' if uncosted == 1 else 's'} ha"
                   f"{'s' if uncosted == 1 else 've'} no cost figures and "
                   f"{'is' if uncosted == 1 else 'are'} not in the totals.")
    return out


def time_to_target_lines(roadmap: Roadmap, recs: Recommendations) -> list[tuple[str, str]]:
    """(domain name or 'Overall', when it reaches its target)."""
    names = dict(recs.domains)
    return [(names.get(d, "Overall" if d == OVERALL else d),
             months_text(m, roadmap.horizon_months)) for d, m in roadmap.time_to_target]


def resourcing_table(roadmap: Roadmap, recs: Recommendations, res: Resourcing) -> str:
    out = ["Resourcing", ""]
    out += [line for line in table(HEADER, resourcing_rows(roadmap, res),
                                   "lrrrrr").splitlines()]
    out += ["", "By programme (each step counted once, under the programme it feeds most)"]
    out += table(["Programme", *HEADER[1:]], breakdown_rows(res, "programmes"),
                 "lrrrrr").splitlines()
    out += ["", "By owner"]
    out += table(["Owner", *HEADER[1:]], breakdown_rows(res, "owners"), "lrrrrr").splitlines()
    out += ["", *notes(res), "", _horizon_title(roadmap)]
    out += [f"  {name}: {when}" for name, when in time_to_target_lines(roadmap, recs)]
    return "\n".join(out) + "\n"


def _horizon_title(roadmap: Roadmap) -> str:
    return (f"Time to target (beyond the last phase at its capacity per month; looked ahead "
            f"{roadmap.horizon_months // 12} years)")


def resourcing_markdown(roadmap: Roadmap, recs: Recommendations, res: Resourcing) -> str:
    def md(rows: list[list[str]]) -> list[list[str]]:
        return [[md_escape(c) for c in row] for row in rows]

    parts = ["## Resourcing\n",
             md_table(HEADER, md(resourcing_rows(roadmap, res)), "lrrrrr"),
             "### By programme\n",
             "Each step counted once, under the programme it feeds most.\n",
             md_table(["Programme", *HEADER[1:]], md(breakdown_rows(res, "programmes")),
                      "lrrrrr"),
             "### By owner\n",
             md_table(["Owner", *HEADER[1:]], md(breakdown_rows(res, "owners")), "lrrrrr"),
             " ".join(notes(res)) + "\n",
             f"## {_horizon_title(roadmap)}\n",
             md_table(["Domain", "Reaches its target"],
                      [[md_escape(n), w] for n, w in time_to_target_lines(roadmap, recs)])]
    return "\n".join(parts)


def delivery_dict(d: Delivery | None) -> dict[str, Any] | None:
    """SPEC keys (baseline_planned_effort, baseline_delivered_effort), then the rest."""
    if d is None:
        return None
    return {"baseline_planned_effort": d.planned_effort,
            "baseline_delivered_effort": d.delivered_effort,
            "months": d.months, "baseline_planned_steps": d.planned_steps,
            "baseline_delivered_steps": d.delivered_steps, "share_delivered": d.share,
            "plan_months": d.demand_months, "plan_steps": d.demand_steps,
            "plan_effort": d.demand_effort, "ratio": d.ratio, "warning": d.warning,
            "warn_ratio": WARN_RATIO}


def delivery_sentence(d: Delivery) -> str:
    """The comparison in words, with the warning when the plan outruns delivery."""
    if not d.planned_steps:
        return (f"The baseline's roadmap had no step due in the {d.months} months since; this "
                f"plan asks for {days(d.demand_effort)} person-days in its first "
                f"{d.demand_months} months.")
    share = f" ({d.share:.0%})" if d.share is not None else ""
    text = (f"In the {d.months} months since the baseline, {d.delivered_steps} of the "
            f"{d.planned_steps} steps its roadmap planned for that time "
            f"{'was' if d.delivered_steps == 1 else 'were'} delivered: "
            f"{days(d.delivered_effort)} of {days(d.planned_effort)} planned person-days"
            f"{share}. This plan asks for {days(d.demand_effort)} person-days "
            f"({d.demand_steps} steps) in its first {d.demand_months} months")
    if d.ratio is not None:
        text += f", {d.ratio:.1f} times what was delivered"
    text += "."
    if d.warning:
        text += (" That is much more than the organisation has shown it can deliver: add "
                 "people or a delivery partner, or expect the plan to slip (a lower "
                 "capacity per phase shows the plan at the pace delivered).")
    return text
