"""One plain report context from the scored and prioritised assessment; no rendering here.

Every renderer (HTML, Markdown, PDF, XLSX) and every chart reads this one structure of
dicts, lists, strings and numbers, so the formats always agree. Keys are documented in
docs/report.md; template overrides (``--templates``) may rely on them.

Extension point: ``progress`` is None unless the assessment names a baseline; then it
holds the comparison built by :func:`assess.render.progress.progress_block` (keys in
docs/progress.md) and the templates add the "Progress since the baseline" section.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assess import __version__
from assess.models import (
    DependencyModel,
    DocumentControl,
    Framework,
    Governance,
    Questionnaire,
    reference_text,
)
from assess.numbers import level_of
from assess.prioritise import Readiness, Recommendation, Recommendations, Roadmap
from assess.prioritise.recommendations import URGENT_WORDS
from assess.progress.delivery import Delivery
from assess.render.attribution import DEFAULT_MODE, Attribution, Mode, attribution
from assess.render.coverage import scope_caveat, scored_scope
from assess.scoring.results import ScoreResult

if TYPE_CHECKING:
    from assess.crosswalk import Crosswalk

from .context_domains import Row, capability_row, domain_sections, level_label
from .context_governance import governance_decisions, governance_section
from .context_matrix import dependency_matrix
from .context_plan import resourcing_section
from .context_programmes import programme_rows, programmes_at_risk, technology_rows
from .context_summary import summary_section

DEFAULT_TITLE = "Infrastructure and digital foundations: gap analysis"
DEFAULT_SUBJECT = "infrastructure and digital foundations"
TOP_GAPS = 5
PROGRAMMES_AT_RISK = 3
HEADLINE_ACTIONS = 3
BACKLOG = "Backlog"
METHOD_NAMES = {
    "weighted_mean": "weighted mean of the level each answer describes",
    "cumulative": "a level is reached when every practice up to it is implemented",
    "rated_attributes": "process attributes rated N, P, L or F per level",
    "sum_of_level_means": "the sum over levels of the mean answer per level",
}
"""How the methodology appendix names a scoring method (the method id is tool language)."""


def subject_wording(subject: str) -> dict[str, str]:
    """The report's words for what was assessed (the framework's ``report_subject``): a
    phrase for prose, the section heading, and how the foundations section opens. The
    default keeps the product's own wording."""
    phrase = " ".join(subject.split()) or DEFAULT_SUBJECT
    return {"subject": phrase, "subject_heading": phrase[:1].upper() + phrase[1:],
            "assessed_in": ("The foundations were assessed in" if phrase == DEFAULT_SUBJECT
                            else "The assessment covered")}


@dataclass(frozen=True)
class Logo:
    """An image to show on the cover, already read and checked."""

    data: bytes
    mime: str


@dataclass(frozen=True)
class ReportInputs:
    """Everything the report is built from (loaded, scored and prioritised elsewhere)."""

    result: ScoreResult
    framework: Framework
    questionnaires: Sequence[Questionnaire]
    model: DependencyModel
    recommendations: Recommendations
    roadmap: Roadmap
    readiness: Sequence[Readiness]
    vision: str = ""
    principles: Sequence[str] = ()
    progress: Mapping[str, Any] | None = None
    """Comparison with the baseline for the progress section (see the module docstring);
    None when the assessment names no baseline."""
    delivery: Delivery | None = None
    """How much of the baseline's plan was delivered, beside this plan's demand."""
    crosswalks: Sequence[Crosswalk] = ()
    """Roll-ups onto the standards the assessment lists under ``crosswalks:``."""
    peers: Mapping[str, Any] | None = None
    """The benchmark against the portfolio assessment.yaml names (assess.report.peers);
    None when it names none."""
    classification: str = ""
    """The handling marking printed on every page (assessment.yaml ``classification``)."""
    document: DocumentControl = field(default_factory=DocumentControl)
    """Document control for the cover (assessment.yaml ``document``)."""
    governance: Governance = field(default_factory=Governance)
    """Who oversees the plan (assessment.yaml ``governance``)."""
    excluded: Sequence[tuple[str, str]] = ()
    """(name, reason) of each capability the assessment left out of scope."""


def long_date(iso: str) -> str:
    """'2026-10-20' -> '20 October 2026' (left as is when it is not an ISO date)."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def _phase_of(roadmap: Roadmap) -> dict[str, str]:
    return {sid: p.name for p in roadmap.phases for sid in p.recommendations}


def recommendation_row(r: Recommendation, recs: Recommendations, phase: str,
                       names: Mapping[str, str]) -> Row:
    """A recommendation with every id turned into the name people read."""
    return {
        "rank": r.rank, "id": r.id, "capability": r.capability,
        "capability_name": r.capability_name, "domain": r.domain,
        "domain_name": dict(recs.domains).get(r.domain, r.domain),
        "from_level": r.from_level, "to_level": r.to_level,
        "to_name": recs.level_name(r.to_level), "priority": round(r.priority, 2),
        "action": " ".join(r.action.split()), "owner": r.owner, "effort": r.effort,
        "cost_band": r.cost_band, "cost_meaning": dict(recs.cost_bands).get(r.cost_band, ""),
        "rationale": r.rationale, "phase": phase,
        # A capability's own previous level is implied by the step; list only the others.
        "requires": [names.get(x, x) for x in r.requires
                     if not x.startswith(f"{r.capability}:")],
        "programmes": [recs.programme_name(p) for p in r.programmes],
        "technologies": [recs.technology_name(t) for t in r.technologies],
        "beyond_target": r.beyond_target, "default_action": r.action_source == "default",
        "urgent": URGENT_WORDS.get(r.urgent, r.urgent),
    }


def _step_names(recs: Recommendations) -> dict[str, str]:
    return {r.id: f"{r.capability_name} to level {r.to_level}" for r in recs.items}


def _owners(rows: Sequence[Row], phases: Sequence[str]) -> list[Row]:
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row["owner"], []).append(row)
    out = []
    for owner, items in grouped.items():
        out.append({
            "owner": owner, "count": len(items), "effort": sum(r["effort"] for r in items),
            "best_rank": min(r["rank"] for r in items),
            "by_phase": [sum(r["effort"] for r in items if r["phase"] == p)
                         for p in [*phases, BACKLOG]],
            "recommendations": items,
            "planned": [r for r in items if r["phase"] != BACKLOG],
            "waiting": [r for r in items if r["phase"] == BACKLOG],
        })
    out.sort(key=lambda o: (o["best_rank"], o["owner"]))
    return out


def _band_counts(steps: Sequence[Row], bands: Sequence[str]) -> list[Row]:
    """Steps per cost band, the model's bands first (zeros kept, so columns line up)."""
    extra = sorted({r["cost_band"] for r in steps} - set(bands) - {""})
    return [{"band": b, "count": sum(1 for r in steps if r["cost_band"] == b)}
            for b in [*bands, *extra]]


def _phases(inputs: ReportInputs, rows_by_id: Mapping[str, Row]) -> list[Row]:
    result, roadmap = inputs.result, inputs.roadmap
    bands = [k for k, _ in inputs.recommendations.cost_bands]
    names = dict((d.id, d.name) for d in result.domains)
    out = []
    for p in roadmap.phases:
        steps = [rows_by_id[s] for s in p.recommendations]
        out.append({
            "name": p.name, "months": p.months, "start_month": p.start_month,
            "end_month": p.end_month, "capacity": p.capacity, "effort": p.effort,
            "utilisation": p.effort / p.capacity if p.capacity else None,
            "oversize": list(p.oversize), "recommendations": steps,
            "cost_bands": _band_counts(steps, bands),
            "projected": [{"domain": d, "name": names.get(d, d), "score": s}
                          for d, s in p.projected],
            "projected_overall": p.projected_overall,
            "projected_level": level_label(result, None if p.projected_overall is None
                                           else level_of(p.projected_overall)),
            "headline": sorted(steps, key=lambda r: r["rank"])[:HEADLINE_ACTIONS],
        })
    return out


def _projection(inputs: ReportInputs) -> Row:
    result, roadmap = inputs.result, inputs.roadmap
    rows = []
    for d in result.domains:
        rows.append({
            "id": d.id, "name": d.name, "current": d.score, "target": d.target,
            "phases": [dict(p.projected).get(d.id) for p in roadmap.phases],
        })
    overall = {"name": "Overall", "current": result.overall.score,
               "target": result.overall.target,
               "phases": [p.projected_overall for p in roadmap.phases]}
    return {"phases": [p.name for p in roadmap.phases], "domains": rows, "overall": overall}


def _top_gaps(inputs: ReportInputs, rows: Sequence[Row]) -> list[Row]:
    """The capabilities of the highest-priority recommendations, one entry each."""
    result = inputs.result
    out: list[Row] = []
    seen: set[str] = set()
    for row in rows:
        if row["capability"] in seen or row["beyond_target"]:
            continue
        seen.add(row["capability"])
        c = result.capability(row["capability"])
        out.append({**capability_row(result, c, {}), "domain_name": row["domain_name"],
                    "recommendation": row})
        if len(out) == TOP_GAPS:
            break
    return out


def _respondents(result: ScoreResult, who: Attribution) -> list[Row]:
    answered: dict[str, dict[str, int]] = {}
    for d in result.domains:
        for c in d.capabilities:
            for q in c.questions:
                for a in q.answers:
                    per = answered.setdefault(a.respondent, {})
                    per[d.name] = per.get(d.name, 0) + 1
    names = list(dict.fromkeys([*dict(result.respondents), *answered]))
    return [{"name": who.label(n), "role": who.role(n),
             "domains": list(answered.get(n, {})),
             "answers": sum(answered.get(n, {}).values())} for n in names]


def _document(inputs: ReportInputs, date: str) -> Row:
    """Document control as the cover shows it (defaults: version 1.0, the assessment date)."""
    doc = inputs.document
    issued = doc.date.isoformat() if doc.date is not None else date
    return {"prepared_by": doc.prepared_by, "version": doc.version or "1.0",
            "date": issued, "date_long": long_date(issued),
            "distribution": list(doc.distribution)}


def _methodology(inputs: ReportInputs) -> Row:
    fw, result = inputs.framework, inputs.result
    return {
        "framework": fw.name, "framework_id": fw.id,
        "description": " ".join(fw.description.split()), "method": result.method,
        "method_name": METHOD_NAMES.get(result.method, "the framework's scoring method"),
        "aggregation": result.aggregation,
        "disagreement_threshold": fw.disagreement_threshold, "unanswered": fw.unanswered,
        "levels": [{"level": lv.level, "name": lv.name,
                    "description": " ".join(lv.description.split())} for lv in fw.levels],
        "scale": [{"label": label, "value": value} for label, value in result.scale],
        "scales": _answer_scales(inputs),
        "references": [reference_text(r) for r in fw.references],
        "cost_bands": [{"band": k, "meaning": v}
                       for k, v in inputs.recommendations.cost_bands],
    }


def _answer_scales(inputs: ReportInputs) -> list[Row]:
    """Each answer scale the questions are answered on, when they differ (a question's own
    scale or a named answer set, as SAMM's): name, entries and how many questions use it."""
    fw = inputs.framework
    found: dict[tuple[tuple[str, float], ...], Row] = {}
    for q in (q for qn in inputs.questionnaires for q in qn.questions):
        scale = fw.scale_of(q)
        if not scale:
            continue
        key = tuple((e.label, e.value) for e in scale)
        name = ("the framework's answer scale" if scale is fw.answer_scale
                else f"{q.id}'s own" if q.answer_scale is not None else str(q.answer_set))
        row = found.setdefault(key, {"name": name, "questions": 0, "entries": [
            {"label": label, "value": value} for label, value in key]})
        row["questions"] += 1
    return list(found.values()) if len(found) > 1 else []


def excluded_note(excluded: Sequence[tuple[str, str]]) -> str:
    """The scope note naming the capabilities left out, with the reasons given."""
    if not excluded:
        return ""
    items = [f"{name} ({reason.strip().rstrip('.')})" if reason.strip() else name
             for name, reason in excluded]
    return f"Out of scope by agreement: {'; '.join(items)}."


def _scope(result: ScoreResult, excluded: Sequence[tuple[str, str]] = ()) -> Row:
    """What the headline figures rest on: scored capabilities against the scope."""
    scope = scored_scope(result)
    return {"capabilities": scope.capabilities, "scored": scope.scored,
            "domains": scope.domains, "scored_domains": scope.scored_domains,
            "unscored_domains": list(scope.unscored_domains),
            "unscored_capabilities": [{"name": n, "domain": d}
                                      for n, d in scope.unscored_capabilities],
            "complete": scope.complete, "caveat": scope_caveat(scope),
            "excluded": excluded_note(excluded)}


def build_context(inputs: ReportInputs, *, title: str | None = None,
                  logo: Logo | None = None, progress: Mapping[str, Any] | None = None,
                  draft: bool = False, respondents: Mode = DEFAULT_MODE) -> dict[str, Any]:
    """The report context: plain data for every section, in report order. ``draft`` adds
    the consultant's notes (how to complete the data with the tool) to the report;
    ``respondents`` says how respondents are shown (assess.render.attribution)."""
    result, recs, roadmap = inputs.result, inputs.recommendations, inputs.roadmap
    who = attribution(result.respondents, respondents)
    phase_of = _phase_of(roadmap)
    names = _step_names(recs)
    rows = [recommendation_row(r, recs, phase_of.get(r.id, BACKLOG), names)
            for r in recs.items]
    rows_by_id = {r["id"]: r for r in rows}
    next_steps: dict[str, Row] = {}
    for row in sorted(rows, key=lambda r: (r["capability"], r["to_level"])):
        next_steps.setdefault(row["capability"], row)
    programmes = programme_rows(inputs)
    phases = _phases(inputs, rows_by_id)
    money = resourcing_section(inputs, phases)
    backlog = [rows_by_id[s] for s in roadmap.backlog]
    overall = result.overall
    caps = result.capabilities()
    from .context_crosswalk import crosswalk_sections

    wording = subject_wording(inputs.framework.report_subject)

    ctx: dict[str, Any] = {
        "crosswalks": crosswalk_sections(inputs.crosswalks),
        "meta": {
            **wording,
            "title": title or inputs.framework.report_title or (
                f"{wording['subject_heading']}: gap analysis"
                if inputs.framework.report_subject.strip() else DEFAULT_TITLE),
            "organisation": result.organisation,
            "date": result.date, "date_long": long_date(result.date),
            "framework": inputs.framework.name, "generator": f"assess {__version__}",
            "logo": None if logo is None else {"mime": logo.mime, "data": logo.data},
            "draft": draft, "classification": " ".join(inputs.classification.split()),
            "document": _document(inputs, result.date), "respondents": respondents,
        },
        "overall": {"score": overall.score, "level": overall.level,
                    "level_label": level_label(result, overall.level),
                    "target": overall.target, "gap": overall.gap,
                    "coverage": overall.coverage},
        "scope": _scope(result, inputs.excluded),
        "vision": " ".join(inputs.vision.split()),
        "principles": [" ".join(p.split()) for p in inputs.principles],
        "domains": domain_sections(result, inputs.questionnaires, next_steps, who),
        "unassessed": [d.name for d in result.domains if d.score is None],
        "counts": {
            "domains": len(result.domains), "capabilities": len(caps),
            "below_target": sum(1 for c in caps if c.gap), "unscored":
            sum(1 for c in caps if c.score is None), "programmes": len(programmes),
            "at_risk": sum(1 for p in programmes if p["status"] == "at risk"),
            "steps": len(rows), "planned": sum(len(p.recommendations) for p in roadmap.phases),
            "disagreements": sum(1 for c in caps for q in c.questions if q.disagreement),
            "respondents": len(result.respondents),
            "roles": len({r.strip().casefold() for _, r in result.respondents if r.strip()}),
        },
        "top_gaps": _top_gaps(inputs, rows),
        "programmes": programmes,
        "programmes_at_risk": programmes_at_risk(programmes, PROGRAMMES_AT_RISK),
        "technologies": technology_rows(inputs),
        "dependency_matrix": dependency_matrix(programmes),
        "recommendations": rows,
        "owners": _owners(rows, [p.name for p in roadmap.phases]),
        "phases": phases,
        "resourcing": money,
        "backlog": backlog,
        "backlog_effort": sum(r["effort"] for r in backlog),
        "backlog_cost_bands": _band_counts(backlog, [k for k, _ in recs.cost_bands]),
        "total_effort": sum(r["effort"] for r in rows),
        "projection": _projection(inputs),
        "methodology": _methodology(inputs),
        "respondents": _respondents(result, who),
        "level_names": [{"level": k, "name": v} for k, v in sorted(result.level_names.items())],
        "scale": {"min": result.scale_min, "max": result.scale_max},
        "progress": dict(progress) if progress else None,
        "peers": dict(inputs.peers) if inputs.peers else None,
    }
    ctx["governance"] = governance_section(inputs.governance, result, inputs.questionnaires,
                                           ctx["top_gaps"])
    ctx["summary"] = summary_section(ctx, governance_decisions(ctx["governance"]))
    return ctx
