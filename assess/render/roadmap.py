"""The phased roadmap as JSON (SPEC.md section 8 keys), CSV, Markdown and a text table.

People read capability names in the table and Markdown; JSON and CSV keep the ids."""

from __future__ import annotations

from typing import Any

from assess.numbers import show_score
from assess.prioritise.recommendations import Recommendations
from assess.prioritise.resourcing import Resources, resourcing
from assess.prioritise.roadmap import OVERALL, Roadmap, RoadmapPhase
from assess.progress.delivery import Delivery

from .money import days, fte, money_range
from .recommendations import step_label
from .resourcing import (
    cost_dict,
    delivery_dict,
    delivery_sentence,
    resourcing_dict,
    resourcing_markdown,
    resourcing_table,
    time_to_target_dict,
)
from .text import md_escape, md_table, table, to_csv, to_json


def _owners(phase: RoadmapPhase, recs: Recommendations) -> dict[str, float]:
    by_id = recs.by_id()
    owners: dict[str, float] = {}
    for sid in phase.recommendations:
        owners[by_id[sid].owner] = owners.get(by_id[sid].owner, 0.0) + by_id[sid].effort
    return dict(sorted(owners.items(), key=lambda kv: (-kv[1], kv[0])))


def _bands(phase: RoadmapPhase, recs: Recommendations) -> dict[str, int]:
    by_id = recs.by_id()
    bands: dict[str, int] = {}
    for sid in phase.recommendations:
        band = by_id[sid].cost_band or "unbanded"
        bands[band] = bands.get(band, 0) + 1
    return dict(sorted(bands.items()))


def roadmap_dict(roadmap: Roadmap, recs: Recommendations,
                 delivery: Delivery | None = None) -> dict[str, Any]:
    by_id = recs.by_id()
    res = resourcing(roadmap, recs)
    return {
        "phases": [{
            "name": p.name, "capacity": p.capacity, "recommendations": list(p.recommendations),
            "projected": {d: s for d, s in p.projected},
            "months": p.months, "start_month": p.start_month, "end_month": p.end_month,
            "effort": p.effort, "fte": r.fte, "cost": cost_dict(r, res.currency),
            "uncosted_steps": r.uncosted,
            "teams": {t: {"effort": e, "capacity": c} for t, e, c in p.teams},
            "waiting_for_team": {t: list(ids) for t, ids in p.waiting},
            "oversize": list(p.oversize),
            "projected_overall": p.projected_overall,
            "levels": dict(p.levels), "effort_by_owner": _owners(p, recs),
            "cost_bands": _bands(p, recs),
        } for p, r in zip(roadmap.phases, res.phases, strict=True)],
        "backlog": list(roadmap.backlog),
        "time_to_target": time_to_target_dict(roadmap),
        "time_to_target_overall": {"months": dict(roadmap.time_to_target).get(OVERALL)},
        "horizon_months": roadmap.horizon_months,
        "delivery": delivery_dict(delivery),
        "current": dict(roadmap.current),
        "current_overall": roadmap.current_overall,
        "backlog_effort": sum(by_id[s].effort for s in roadmap.backlog),
        "backlog_waiting_for_team": {t: list(ids) for t, ids in roadmap.backlog_teams},
        "must_do": [r.id for r in recs.items if r.urgent],
        "resourcing": resourcing_dict(res),
    }


def _projection(roadmap: Roadmap, phase: RoadmapPhase, names: dict[str, str],
                markdown: bool = False) -> str:
    """Domains whose score the phase changes, and the overall score: 'Cloud 1.87 -> 2.10'."""
    now = dict(roadmap.current)
    arrow = "→" if markdown else "->"
    parts = [f"{md_escape(names.get(d, d)) if markdown else names.get(d, d)} "
             f"{show_score(now.get(d))} {arrow} {show_score(s)}"
             for d, s in phase.projected if s != now.get(d)]
    overall = (f"overall {show_score(roadmap.current_overall)} {arrow} "
               f"{show_score(phase.projected_overall)}")
    return "; ".join([*parts, overall])


def _phase_title(phase: RoadmapPhase) -> str:
    flag = "  ! one step larger than the phase's capacity" if phase.oversize else ""
    return (f"{phase.name} (months {phase.start_month}-{phase.end_month}): "
            f"{phase.effort:g} of {phase.capacity:g} person-days, "
            f"{len(phase.recommendations)} step{'' if len(phase.recommendations) == 1 else 's'}"
            f"{flag}")


def _phase_money(r: Resources, currency: str) -> str:
    """'2.9 FTE; capex £0.4m–£1.6m; opex £60k–£240k a year'."""
    text = f"{fte(r.fte)} FTE"
    if currency:
        text += (f"; capex {money_range(r.capex, currency)}; opex "
                 f"{money_range(r.opex_per_year, currency)} a year")
    return text


def _team_lines(phase: RoadmapPhase, recs: Recommendations) -> list[str]:
    """Load of every listed team, and what waits for a team that is full."""
    out = []
    listed = [f"{t} {days(e)} of {days(c)}" for t, e, c in phase.teams if c is not None]
    if listed:
        out.append("Teams: " + "; ".join(listed))
    for team, ids in phase.waiting:
        out.append(f"! Left out for lack of {team}: {', '.join(recs.step_names(ids))}")
    return out


def _mark(recs: Recommendations, sid: str) -> str:
    return "must do" if recs.by_id()[sid].urgent else ""


def render_table(roadmap: Roadmap, recs: Recommendations,
                 delivery: Delivery | None = None) -> str:
    by_id = recs.by_id()
    names = dict(recs.domains)
    res = resourcing(roadmap, recs)
    out: list[str] = []
    for phase, r in zip(roadmap.phases, res.phases, strict=True):
        out.append(_phase_title(phase))
        out.append(f"  {_phase_money(r, res.currency)}")
        marked = any(by_id[s].urgent for s in phase.recommendations)
        rows = [[str(i), by_id[s].capability_name, step_label(recs, by_id[s]),
                 f"{by_id[s].effort:g}", by_id[s].owner, f"#{by_id[s].rank}",
                 *([_mark(recs, s)] if marked else [])]
                for i, s in enumerate(phase.recommendations, 1)]
        if rows:
            body = table(["", "Capability", "Step", "Effort", "Owner", "Rank",
                          *([""] if marked else [])], rows, "rllrlrl")
            out += ["  " + line for line in body.splitlines()]
        else:
            out.append("  (nothing fits)")
        out += ["  " + line for line in _team_lines(phase, recs)]
        out.append(f"  Projected if delivered: {_projection(roadmap, phase, names)}")
        out.append("")
    effort = sum(by_id[s].effort for s in roadmap.backlog)
    waiting = ", ".join(recs.step_names(roadmap.backlog))
    out.append(f"Backlog: {len(roadmap.backlog)} step{'' if len(roadmap.backlog) == 1 else 's'}, "
               f"{effort:g} person-days" + (f": {waiting}" if waiting else ""))
    for team, ids in roadmap.backlog_teams:
        out.append(f"  ! Left out for lack of {team}: {', '.join(recs.step_names(ids))}")
    out.append("")
    if delivery is not None:
        out += [("! " if delivery.warning else "") + "Delivery: " + delivery_sentence(delivery),
                ""]
    return "\n".join(out) + "\n" + resourcing_table(roadmap, recs, res)


CSV_HEADER = ["phase", "order", "id", "capability", "capability_name", "domain", "from_level",
              "to_level", "effort", "owner", "cost_band", "priority", "rank", "urgent",
              "capex_low", "capex_high", "opex_per_year_low", "opex_per_year_high"]


def render_csv(roadmap: Roadmap, recs: Recommendations) -> str:
    """One row per planned step (phase by phase, in the order to carry them out), then one
    per backlog step (phase 'backlog', in rank order); ids as in JSON."""
    by_id = recs.by_id()
    placed = [(p.name, sid) for p in roadmap.phases for sid in p.recommendations]
    order: dict[str, int] = {}
    rows = []
    for phase, sid in [*placed, *(("backlog", s) for s in roadmap.backlog)]:
        order[phase] = order.get(phase, 0) + 1
        r = by_id[sid]
        capex, opex = r.capex or ("", ""), r.opex_per_year or ("", "")
        rows.append([phase, order[phase], r.id, r.capability, r.capability_name, r.domain,
                     r.from_level, r.to_level, r.effort, r.owner, r.cost_band,
                     r.priority, r.rank, r.urgent, capex[0], capex[1], opex[0], opex[1]])
    return to_csv(CSV_HEADER, rows)


def render_markdown(roadmap: Roadmap, recs: Recommendations,
                    delivery: Delivery | None = None) -> str:
    by_id = recs.by_id()
    names = dict(recs.domains)
    res = resourcing(roadmap, recs)
    parts = ["# Roadmap\n",
             "Steps are planned in priority order, never before their prerequisites, within "
             "each phase's capacity (person-days); within a phase they are listed in an order "
             "that can be carried out.\n"]
    for phase, r in zip(roadmap.phases, res.phases, strict=True):
        parts.append(f"## {md_escape(_phase_title(phase))}\n")
        parts.append(f"{md_escape(_phase_money(r, res.currency))}.\n")
        rows = [[str(i), md_escape(by_id[s].capability_name)
                 + (" **(must do)**" if by_id[s].urgent else ""),
                 step_label(recs, by_id[s], True),
                 md_escape(by_id[s].action), f"{by_id[s].effort:g}",
                 md_escape(by_id[s].cost_band or "–"), md_escape(by_id[s].owner),
                 str(by_id[s].rank)]
                for i, s in enumerate(phase.recommendations, 1)]
        if rows:
            parts.append(md_table(["", "Capability", "Step", "Action", "Effort", "Cost",
                                   "Owner", "Rank"], rows, "rlllrllr"))
        else:
            parts.append("Nothing fits in this phase.\n")
        for line in _team_lines(phase, recs):
            parts.append(md_escape(line.removeprefix("! ")) + ".\n")
        parts.append(f"Projected if delivered: {_projection(roadmap, phase, names, True)}.\n")
    parts.append("## Backlog\n")
    if roadmap.backlog:
        rows = [[md_escape(by_id[s].capability_name), step_label(recs, by_id[s], True),
                 f"{by_id[s].effort:g}", md_escape(by_id[s].owner), str(by_id[s].rank)]
                for s in roadmap.backlog]
        parts.append(md_table(["Capability", "Step", "Effort", "Owner", "Rank"], rows,
                              "llrlr"))
    else:
        parts.append("Nothing left over: every step fits in a phase.\n")
    for team, ids in roadmap.backlog_teams:
        parts.append(md_escape(f"Left out for lack of {team}: "
                               f"{', '.join(recs.step_names(ids))}") + ".\n")
    if delivery is not None:
        parts.append(f"**Can it be delivered?** {md_escape(delivery_sentence(delivery))}\n")
    parts.append(resourcing_markdown(roadmap, recs, res))
    return "\n".join(parts)


def render_roadmap(roadmap: Roadmap, recs: Recommendations, fmt_name: str,
                   delivery: Delivery | None = None) -> str:
    """``roadmap`` as table, json, csv or markdown (``recs`` supplies names and efforts;
    ``delivery``, when there is a baseline, how its plan went)."""
    if fmt_name == "json":
        return to_json(roadmap_dict(roadmap, recs, delivery))
    if fmt_name == "csv":
        return render_csv(roadmap, recs)
    if fmt_name == "markdown":
        return render_markdown(roadmap, recs, delivery)
    return render_table(roadmap, recs, delivery)
