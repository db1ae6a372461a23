"""Each respondent's view side by side (``assess score --by-respondent``)."""

from __future__ import annotations

from typing import Any

from assess.numbers import show_score, show_spread, show_target
from assess.scoring.respondents import RespondentViews

from .scores import assessment_dict
from .text import md_escape, md_table, neutralise, table, to_csv, to_json

Row = tuple[str, str, str, list[float | None], float | None, float]
"""(domain id, capability id or '', name, each view's score, combined score, target)."""


def _range(scores: list[float | None]) -> float | None:
    """Highest minus lowest respondent score; None with fewer than two scores."""
    people = [s for s in scores if s is not None]
    return max(people) - min(people) if len(people) > 1 else None


def rows(views: RespondentViews) -> list[Row]:
    """Domain, capability and overall rows, each with one score per view."""
    out: list[Row] = []
    for i, d in enumerate(views.combined.domains):
        out.append((d.id, "", d.name, [v.domains[i].score for v in views.views], d.score,
                    d.target))
        for j, c in enumerate(d.capabilities):
            out.append((d.id, c.id, c.name,
                        [v.domains[i].capabilities[j].score for v in views.views], c.score,
                        c.target))
    o = views.combined.overall
    out.append(("overall", "", "Overall", [v.overall.score for v in views.views], o.score,
                o.target))
    return out


def render_table(views: RespondentViews) -> str:
    header = ["Domain / capability", *views.names, "Combined", "Target", "Range"]
    lines = []
    for _, cap, name, scores, combined, target in rows(views):
        label = f"  {name}" if cap else name.upper()
        lines.append([label, *(show_score(s) for s in scores), show_score(combined),
                      show_target(target), show_spread(_range(scores))])
    r = views.combined
    return (f"{r.organisation} — each respondent's view {r.date} ({r.framework}, {r.method})"
            "\n\n" + table(header, lines, "l" + "r" * (len(header) - 1))
            + "\nRange: highest minus lowest respondent score. Combined: everyone's answers "
            "combined, a consensus answer winning where there is one.\n")


def render_markdown(views: RespondentViews) -> str:
    header = ["Domain / capability", *(md_escape(n) for n in views.names), "Combined",
              "Target", "Range"]
    lines = []
    for _, cap, name, scores, combined, target in rows(views):
        label = md_escape(name) if cap else f"**{md_escape(name)}**"
        lines.append([label, *(show_score(s) for s in scores), show_score(combined),
                      show_target(target), show_spread(_range(scores))])
    r = views.combined
    return (f"# {md_escape(r.organisation)} — each respondent's view\n\n"
            f"Assessment date {r.date}; framework `{r.framework}` (method `{r.method}`). "
            "Range is the highest minus the lowest respondent score; Combined is everyone's "
            "answers combined, a consensus answer winning where there is one.\n\n"
            + md_table(header, lines, "l" + "r" * (len(header) - 1)))


def render_csv(views: RespondentViews) -> str:
    header = ["domain", "capability", "name", *views.names, "combined", "target", "range"]
    lines = [[domain, cap, name, *(s for s in scores), combined, target,
              _range(scores)]
             for domain, cap, name, scores, combined, target in rows(views)]
    return to_csv([neutralise(h) for h in header], lines)


def views_dict(views: RespondentViews) -> dict[str, Any]:
    """JSON form: per domain and capability, each respondent's score and the combined one."""

    def entry(ident: str, name: str, scores: list[float | None], combined: float | None,
              target: float) -> dict[str, Any]:
        return {"id": ident, "name": name, "combined": combined, "target": target,
                "range": _range(scores),
                "scores": {n: s for n, s in zip(views.names, scores, strict=True)}}

    *body, (_, _, o_name, o_scores, o_combined, o_target) = rows(views)
    overall = entry("overall", o_name, o_scores, o_combined, o_target)
    domains: list[dict[str, Any]] = []
    for domain, cap, name, scores, combined, target in body:
        if not cap:
            domains.append({**entry(domain, name, scores, combined, target),
                            "capabilities": []})
        else:
            domains[-1]["capabilities"].append(entry(cap, name, scores, combined, target))
    roles = dict(views.combined.respondents)
    return {
        "assessment": assessment_dict(views.combined),
        "respondents": [{"name": n, "role": roles.get(n, "")} for n in views.names],
        "overall": overall,
        "domains": domains,
    }


def render_by_respondent(views: RespondentViews, fmt_name: str) -> str:
    """Each respondent's view as a table, JSON, CSV or Markdown."""
    if fmt_name == "json":
        return to_json(views_dict(views))
    if fmt_name == "csv":
        return render_csv(views)
    if fmt_name == "markdown":
        return render_markdown(views)
    return render_table(views)
