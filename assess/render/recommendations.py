"""Recommendations and programme readiness as JSON (SPEC.md section 8 keys), CSV,
Markdown and a text table."""

from __future__ import annotations

import textwrap
from typing import Any

from assess.numbers import show_gap, show_percent
from assess.prioritise.memory import no_cycle_collection
from assess.prioritise.readiness import Readiness
from assess.prioritise.recommendations import Recommendation, Recommendations

from .coverage import readiness_caveat
from .text import md_escape, md_table, table, to_csv, to_json

WIDTH = 100
"""Width the text table wraps actions and rationales to."""


def recommendation_dict(rec: Recommendation) -> dict[str, Any]:
    """The fixed keys of SPEC.md section 8 first, then the facts behind the priority."""
    return {
        "rank": rec.rank, "id": rec.id, "capability": rec.capability, "domain": rec.domain,
        "from_level": rec.from_level, "to_level": rec.to_level, "priority": rec.priority,
        "requires": list(rec.requires), "programmes": list(rec.programmes),
        "technologies": list(rec.technologies), "rationale": rec.rationale,
        "effort": rec.effort, "owner": rec.owner,
        "capability_name": rec.capability_name, "action": rec.action,
        "cost_band": rec.cost_band, "action_source": rec.action_source,
        "unblocks": list(rec.unblocks), "gap": rec.gap, "target": rec.target,
        "weight": rec.weight, "risk": rec.risk, "value": rec.value,
        "importance": rec.importance, "urgency": rec.urgency,
        "beyond_target": rec.beyond_target, "unassessed": list(rec.unassessed),
        "urgent": rec.urgent or None,
        "capex": None if rec.capex is None else list(rec.capex),
        "opex_per_year": None if rec.opex_per_year is None else list(rec.opex_per_year),
    }


def recommendations_dict(recs: Recommendations) -> dict[str, Any]:
    return {
        "recommendations": [recommendation_dict(r) for r in recs.items],
        "unscored": list(recs.unscored),
        "programmes": [{"id": i, "name": n} for i, n in recs.programmes],
        "technologies": [{"id": i, "name": n} for i, n in recs.technologies],
    }


def step_label(recs: Recommendations, rec: Recommendation, markdown: bool = False) -> str:
    """'2 -> 3 Defined' (Markdown: '2 → 3 Defined', the level name escaped)."""
    name = recs.level_name(rec.to_level)
    if markdown:
        return f"{rec.from_level} → {rec.to_level}{f' {md_escape(name)}' if name else ''}"
    return f"{rec.from_level} -> {rec.to_level}{f' {name}' if name else ''}"


def _effort(value: float) -> str:
    return f"{value:g}"


def _requires(recs: Recommendations, rec: Recommendation) -> str:
    """The steps needed first, by name: 'Identity to 2, Network to 3' (ids stay in JSON and
    CSV)."""
    return ", ".join(recs.step_names(rec.requires)) or "–"


def render_table(recs: Recommendations) -> str:
    header = ["#", "Capability", "Step", "Priority", "Effort", "Cost", "Owner", "Requires"]
    if not recs.items:
        return _empty(recs)
    out = []
    rows = [[str(r.rank), r.capability_name, step_label(recs, r), f"{r.priority:.2f}",
             _effort(r.effort), r.cost_band or "–", r.owner, _requires(recs, r)]
            for r in recs.items]
    lines = table(header, rows, "rllrrlll").splitlines()
    out += lines[:2]
    wrap = textwrap.TextWrapper(width=WIDTH, initial_indent="     ", subsequent_indent="     ")
    for line, rec in zip(lines[2:], recs.items, strict=True):
        out.append(line)
        out += wrap.wrap(f"Do: {rec.action}")
        out += wrap.wrap(f"Why: {rec.rationale}")
    out.append("")
    out.append("Effort in person-days; priority as in docs/prioritisation.md. The roadmap "
               "(assess roadmap)\nputs the steps in an order that can be carried out.")
    out += _unscored(recs)
    return "\n".join(out) + "\n"


def _empty(recs: Recommendations) -> str:
    return "\n".join([_none(recs), *_unscored(recs)]) + "\n"


def _none(recs: Recommendations) -> str:
    """Why the list is empty: a filter that matched nothing is not "every target met"."""
    if recs.view:
        return f"No recommendations {recs.view}."
    return "No recommendations: every assessed capability meets its target."


def _unscored(recs: Recommendations) -> list[str]:
    if not recs.unscored:
        return []
    return [f"Not scored (no answers counted), so nothing recommended: "
            f"{', '.join(recs.unscored_names())}."]


def render_csv(recs: Recommendations) -> str:
    header = ["rank", "id", "capability", "capability_name", "domain", "from_level",
              "to_level", "priority", "effort", "cost_band", "owner", "action", "requires",
              "unblocks", "programmes", "technologies", "rationale", "gap", "risk",
              "beyond_target"]
    rows = [[r.rank, r.id, r.capability, r.capability_name, r.domain, r.from_level,
             r.to_level, r.priority, r.effort, r.cost_band, r.owner, r.action,
             ";".join(r.requires), ";".join(r.unblocks), ";".join(r.programmes),
             ";".join(r.technologies), r.rationale, r.gap, r.risk, r.beyond_target]
            for r in recs.items]
    return to_csv(header, rows)


def render_markdown(recs: Recommendations) -> str:
    parts = ["# Prioritised recommendations\n"]
    if not recs.items:
        parts.append(f"{md_escape(_none(recs))}\n")
    else:
        parts.append("Each step raises one capability by one level. Priority follows "
                     "docs/prioritisation.md; effort is in person-days.\n")
        header = ["#", "Capability", "Step", "Priority", "Action", "Why", "Effort", "Cost",
                  "Owner", "Requires"]
        rows = [[str(r.rank), md_escape(r.capability_name), step_label(recs, r, True),
                 f"{r.priority:.2f}", md_escape(r.action), md_escape(r.rationale),
                 _effort(r.effort), md_escape(r.cost_band or "–"), md_escape(r.owner),
                 md_escape(_requires(recs, r))] for r in recs.items]
        parts.append(md_table(header, rows, "rllrllrlll"))
    if recs.unscored:
        names = md_escape(", ".join(recs.unscored_names()))
        parts.append(f"Not scored, so nothing recommended: {names}.\n")
    return "\n".join(parts)


def render_recommendations(recs: Recommendations, fmt: str) -> str:
    """``recs`` as table, json, csv or markdown."""
    with no_cycle_collection():  # see assess.prioritise.memory: large models
        return _render(recs, fmt)


def _render(recs: Recommendations, fmt: str) -> str:
    if fmt == "json":
        return to_json(recommendations_dict(recs))
    if fmt == "csv":
        return render_csv(recs)
    if fmt == "markdown":
        return render_markdown(recs)
    return render_table(recs)


# --- programme readiness ---------------------------------------------------------------------


def readiness_dict(items: tuple[Readiness, ...]) -> dict[str, Any]:
    return {"programmes": [{
        "id": r.programme, "name": r.name, "weight": r.weight, "readiness": r.readiness,
        "status": r.status, "at_risk": r.at_risk, "capabilities": r.capabilities,
        "technologies": list(r.technologies),
        "blockers": [{"capability": b.capability, "name": b.name, "domain": b.domain,
                      "score": b.score, "target": b.target, "gap": b.gap,
                      "reach": b.reach, "share": b.share,
                      "technologies": list(b.technologies)} for b in r.blockers],
        "scored_capabilities": r.capabilities,
        "unscored_capabilities": list(r.unscored),
    } for r in items]}


def _blockers(r: Readiness, limit: int = 3) -> str:
    shown = [f"{b.name} (gap {show_gap(b.target, b.score)}, {show_percent(b.share)})"
             for b in r.blockers[:limit]]
    more = len(r.blockers) - limit
    return "; ".join(shown + ([f"{more} more"] if more > 0 else [])) or "–"


def _scored(r: Readiness) -> str:
    """'3 of 4' capabilities feeding the programme scored ('4' when all of them are)."""
    return f"{r.capabilities} of {r.in_scope}" if r.unscored else str(r.capabilities)


def _caveats(items: tuple[Readiness, ...]) -> list[str]:
    """One line per programme whose readiness leaves unscored capabilities out."""
    lines = []
    for r in items:
        caveat = unscored_caveat(r)
        if caveat:
            lines.append(f"{r.name}: {caveat[0].lower()}{caveat[1:]}")
    return lines


def unscored_caveat(r: Readiness) -> str:
    """'' or "Based on 3 of 5 capabilities; not scored: ..." for one programme."""
    return readiness_caveat(r.capabilities, list(zip(r.unscored_names, r.unscored_domains,
                                                     strict=True)))


def render_readiness(items: tuple[Readiness, ...], fmt: str) -> str:
    """Programme readiness as table, json, csv or markdown."""
    if fmt == "json":
        return to_json(readiness_dict(items))
    if fmt == "csv":
        data = [[r.programme, r.name, r.weight, r.readiness, r.status, r.capabilities,
                 ";".join(r.technologies), ";".join(b.capability for b in r.blockers),
                 ";".join(r.unscored)]
                for r in items]
        return to_csv(["programme", "name", "weight", "readiness", "status", "capabilities",
                       "technologies", "blockers", "unscored_capabilities"], data)
    header = ["Programme", "Weight", "Readiness", "Status", "Scored", "Blocked most by (share "
              "of shortfall)"]
    caveats = _caveats(items)
    if fmt == "markdown":
        rows = [[md_escape(r.name), f"{r.weight:g}", show_percent(r.readiness), r.status,
                 _scored(r), md_escape(_blockers(r))] for r in items]
        text = ("# Programme readiness\n\nHow far the capabilities each programme depends on "
                "(through core technologies) have come towards their targets. Scored: the "
                "capabilities feeding it that have a score.\n\n"
                + md_table(header, rows, "lrrlrl"))
        if caveats:
            text += ("\nReadiness counts scored capabilities only:\n\n"
                     + "".join(f"- {md_escape(line)}\n" for line in caveats))
        return text
    rows = [[r.name, f"{r.weight:g}", show_percent(r.readiness), r.status, _scored(r), _blockers(r)]
            for r in items]
    text = (table(header, rows, "lrrlrl") + "\nReadiness: reach-weighted share of the way "
            "from the bottom of the scale to target (docs/prioritisation.md).\nScored: the "
            "capabilities feeding the programme that have a score.\n")
    if caveats:
        text += ("Readiness counts scored capabilities only:\n"
                 + "".join(f"  {line}\n" for line in caveats))
    return text
