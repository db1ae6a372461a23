"""A trend as a text table, JSON and CSV (long format: one row per date and item)."""

from __future__ import annotations

from typing import Any

from assess.numbers import show_score
from assess.progress import Trend
from assess.progress.words import signed_change

from .text import table, to_csv, to_json


def _change(scores: list[float | None]) -> float | None:
    known = [s for s in scores if s is not None]
    return known[-1] - known[0] if len(known) > 1 else None


def trend_dict(t: Trend) -> dict[str, Any]:
    domains = []
    for ident, name in t.domains():
        found = t.domain(ident)
        caps = []
        for cap, cap_name in t.capabilities(ident):
            series = t.capability(ident, cap)
            caps.append({"id": cap, "name": cap_name,
                         "scores": [c.score if c else None for c in series],
                         "levels": [c.level if c else None for c in series],
                         "targets": [c.target if c else None for c in series]})
        scores = [d.score if d else None for d in found]
        domains.append({
            "id": ident, "name": name, "scores": list(scores),
            "levels": [d.level if d else None for d in found],
            "targets": [d.target if d else None for d in found],
            "coverage": [d.coverage if d else None for d in found],
            "change": _change(scores), "capabilities": caps,
        })
    overall = [r.overall.score for r in t.results]
    latest = t.results[-1]
    return {
        "organisation": t.organisation,
        "scale": {"min": latest.scale_min, "max": latest.scale_max},
        "level_names": {str(k): v for k, v in sorted(latest.level_names.items())},
        "assessments": [{"date": r.date, "source": s, "framework": r.framework}
                        for r, s in zip(t.results, t.sources, strict=True)],
        "overall": {"scores": list(overall),
                    "levels": [r.overall.level for r in t.results],
                    "targets": [r.overall.target for r in t.results],
                    "coverage": [r.overall.coverage for r in t.results],
                    "change": _change(overall)},
        "domains": domains,
    }


def render_table(t: Trend) -> str:
    header = ["Domain", *t.dates, "Change"]
    rows = []
    for _, name, scores in t.series():
        label = "OVERALL" if name == "Overall" and _ == "overall" else name
        known = [s for s in scores if s is not None]
        # The change printed beside rounded scores is worked out from them (first to last).
        rows.append([label, *(show_score(s) for s in scores),
                     signed_change(known[0] if known else None, known[-1] if known else None,
                                   _change(scores))])
    title = (f"{t.organisation} — maturity trend over {len(t.results)} assessments "
             f"({t.dates[0]} to {t.dates[-1]})")
    sources = "".join(f"  {d}  {s}\n" for d, s in zip(t.dates, t.sources, strict=True))
    return f"{title}\n\n{table(header, rows, 'l' + 'r' * (len(header) - 1))}\n{sources}"


def render_csv(t: Trend) -> str:
    header = ["date", "source", "domain", "capability", "name", "score", "level", "target",
              "coverage"]
    rows: list[list[Any]] = []
    for i, (result, source) in enumerate(zip(t.results, t.sources, strict=True)):
        for ident, name in t.domains():
            d = t.domain(ident)[i]
            if d is None:
                continue
            rows.append([result.date, source, ident, "", name, d.score, d.level,
                         d.target, d.coverage])
            rows += [[result.date, source, ident, c.id, c.name, c.score, c.level,
                      c.target, c.coverage] for c in d.capabilities]
        o = result.overall
        rows.append([result.date, source, "overall", "", "Overall", o.score, o.level,
                     o.target, o.coverage])
    return to_csv(header, rows)


def render_trend(t: Trend, fmt_name: str) -> str:
    """Render a trend as ``table``, ``json`` or ``csv``."""
    if fmt_name == "json":
        return to_json(trend_dict(t))
    if fmt_name == "csv":
        return render_csv(t)
    return render_table(t)
