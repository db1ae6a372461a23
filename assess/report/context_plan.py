"""Report context for money and people: resourcing, team loads, must-do steps, time to
target and delivery realism. Plain data; figures are formatted by
:mod:`assess.render.money` (one home for how money reads), raw numbers kept beside them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from assess.prioritise.recommendations import URGENT_WORDS
from assess.prioritise.resourcing import NO_PROGRAMME, Resources, resourcing
from assess.prioritise.roadmap import OVERALL
from assess.render.money import days, fte, money_range, months_text
from assess.render.resourcing import delivery_dict, delivery_sentence, notes

if TYPE_CHECKING:
    from .context import ReportInputs

Row = dict[str, Any]


def _figures(r: Resources, currency: str) -> Row:
    return {"steps": r.steps, "effort": r.effort, "fte": r.fte, "capex": list(r.capex),
            "opex_per_year": list(r.opex_per_year), "uncosted": r.uncosted,
            "effort_text": days(r.effort), "fte_text": fte(r.fte),
            "capex_text": money_range(r.capex, currency),
            "opex_text": money_range(r.opex_per_year, currency)}


def resourcing_section(inputs: ReportInputs, phase_rows: Sequence[Row]) -> Row:
    """Money and people per phase, programme, owner and team; the time to target; the
    must-do steps. Adds ``money`` (the figures) to each row of ``phase_rows``."""
    roadmap, recs, result = inputs.roadmap, inputs.recommendations, inputs.result
    res = resourcing(roadmap, recs)
    cur = res.currency
    for row, r in zip(phase_rows, res.phases, strict=True):
        row["money"] = _figures(r, cur)
    names = {d.id: d.name for d in result.domains}
    targets = {d.id: d.target for d in result.domains}
    targets[OVERALL] = result.overall.target
    phase_of = {sid: p.name for p in roadmap.phases for sid in p.recommendations}
    return {
        "currency": cur,
        "working_days_per_fte": res.working_days_per_fte,
        "phases": [{"name": p.name, **_figures(r, cur)}
                   for p, r in zip(roadmap.phases, res.phases, strict=True)],
        "total": _figures(res.total, cur),
        "backlog": _figures(res.backlog, cur),
        "rows": [*({"name": p.name, "capacity": p.capacity, "total": False,
                    "utilisation": p.effort / p.capacity if p.capacity else None,
                    **_figures(r, cur)} for p, r in zip(roadmap.phases, res.phases, strict=True)),
                 {"name": "Total planned", "capacity": None, "utilisation": None, "total": True,
                  **_figures(res.total, cur)},
                 {"name": "Backlog", "capacity": None, "utilisation": None, "total": False,
                  **_figures(res.backlog, cur), "fte_text": "–"}],
        "programmes": [{"name": b.name or "No programme", "none": b.key == NO_PROGRAMME,
                        **_figures(b.total, cur)} for b in res.programmes if b.total.steps],
        "owners": [{"name": b.key, **_figures(b.total, cur)}
                   for b in res.owners if b.total.steps],
        "teams": _teams(inputs),
        "notes": notes(res),
        "time_to_target": [
            {"id": d, "name": names.get(d, "Overall"), "overall": d == OVERALL,
             "months": m, "target": targets.get(d),
             "text": _when(m, roadmap.horizon_months, result.date)}
            for d, m in roadmap.time_to_target],
        "horizon_years": roadmap.horizon_months // 12,
        "delivery": None if inputs.delivery is None else {
            **(delivery_dict(inputs.delivery) or {}),
            "text": delivery_sentence(inputs.delivery)},
        "must_do": [{"rank": r.rank, "name": f"{r.capability_name} to level {r.to_level}",
                     "reason": URGENT_WORDS.get(r.urgent, r.urgent),
                     "phase": phase_of.get(r.id, "Backlog")}
                    for r in recs.items if r.urgent],
    }


def _when(months: int | None, horizon: int, date: str) -> str:
    """'by month 48 (October 2030)', counted from the assessment date."""
    import datetime as dt

    from assess.prioritise.plan_file import add_months
    from assess.progress.words import month_year

    text = months_text(months, horizon)
    if not months:
        return text
    try:
        day = add_months(dt.date.fromisoformat(date), months)
    except ValueError:
        return text
    return f"{text} ({month_year(day.isoformat())})"


def _teams(inputs: ReportInputs) -> list[Row]:
    """Listed teams: load against capacity per phase, and what was left out for them."""
    roadmap, recs = inputs.roadmap, inputs.recommendations
    listed = sorted({t for p in roadmap.phases for t, _, c in p.teams if c is not None})
    out = []
    for team in listed:
        loads: list[Mapping[str, Any]] = []
        for p in roadmap.phases:
            load = {t: (e, c) for t, e, c in p.teams}
            effort, capacity = load.get(team, (0.0, None))
            waiting = dict(p.waiting).get(team, ())
            loads.append({"effort": effort, "capacity": capacity,
                          "text": f"{days(effort)} of {days(capacity or 0)}",
                          "left_out": recs.step_names(waiting)})
        out.append({"name": team, "phases": loads,
                    "backlog": recs.step_names(dict(roadmap.backlog_teams).get(team, ()))})
    return out
