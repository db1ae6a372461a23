"""The report's progress block: the comparison with the baseline and the trend, as plain data.

The report (assess.report) puts what :func:`progress_block` makes of
:func:`assess.progress.progress_since_baseline` into its context as
``progress``; ``reports/partials/progress.*.j2`` show it and the executive summary quotes
its ``headline``. Keys: everything ``assess compare --format json`` has, plus

- ``label``: the baseline's month and year ('October 2025');
- ``sentences``: ``plan``, ``coverage`` and ``versions`` in words;
- ``trend``: ``assess trend --format json`` over the baseline chain and this assessment
  (drawn by :func:`assess.render.trend_chart.chart_data` / ``trend_figure``);
- ``highlights``: ``improved`` and ``declined``, the capabilities that moved most (at
  most five each, largest change first);
- ``questions.listed``: the questions not compared (each with ``questionnaire_name``, its
  domain's name), less those of a questionnaire in one
  assessment's scope only (the versions sentence names the questionnaire instead).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from assess.progress import Change, Progress

    from .trend_chart import ChartData

HIGHLIGHTS = 5


def progress_block(progress: Progress | None) -> dict[str, Any] | None:
    """The progress block as plain data (None when there is no baseline)."""
    from assess.progress.words import (
        coverage_sentence,
        month_year,
        plan_review_sentence,
        plan_sentence,
    )
    from assess.progress.words import versions_sentence as versions_words

    from .compare import compare_dict
    from .trend import trend_dict

    if progress is None:
        return None
    comparison = progress.comparison
    data = compare_dict(comparison)
    caps = [c for c in comparison.capabilities() if c.delta is not None]
    improved = sorted((c for c in caps if c.status == "improved"),
                      key=lambda c: (-(c.delta or 0), c.id))
    declined = sorted((c for c in caps if c.status == "declined"),
                      key=lambda c: (c.delta or 0, c.id))
    # A questionnaire is shown by its domain's name where it has one ("Cybersecurity",
    # not "cybersecurity").
    names = {d["id"]: d["name"] for d in data["domains"]}
    data["questions"]["listed"] = [
        {**q, "questionnaire_name": names.get(q["questionnaire"], q["questionnaire"])}
        for q in data["questions"]["not_compared"]
        if q["how"] not in ("out of scope", "new in scope")]
    data.update({
        "label": month_year(comparison.baseline.date),
        "sentences": {
            "plan": plan_sentence(comparison.plan) if comparison.plan else "",
            "plan_review": plan_review_sentence(comparison.plan) if comparison.plan else "",
            "coverage": coverage_sentence(comparison),
            "versions": versions_words(comparison.versions),
        },
        "trend": trend_dict(progress.trend),
        "highlights": {
            "improved": [_highlight(c) for c in improved[:HIGHLIGHTS]],
            "declined": [_highlight(c) for c in declined[:HIGHLIGHTS]],
        },
    })
    return data


def _highlight(c: Change) -> dict[str, Any]:
    # baseline and current ride along so the change shown can be worked out from the
    # rounded scores, like every other change in the report.
    return {"id": c.id, "name": c.name, "delta": c.delta or 0,
            "baseline": c.baseline, "current": c.current}


REPORT_CHART_SIZE = (7.2, 3.6)
"""Inches: the report's text width (assess.report.charts.WIDTH), so it prints at 1:1."""


def trend_chart_data(ctx: Mapping[str, Any]) -> ChartData:
    """The report's trend chart record (``summary`` and ``table()`` included) from its
    context; only called when ``ctx['progress']`` is set."""
    from .trend_chart import chart_data

    return chart_data(ctx["progress"]["trend"])


def trend_chart_figure(data: ChartData) -> Figure:
    """The trend chart at the report's width."""
    from .trend_chart import trend_figure

    return trend_figure(data, *REPORT_CHART_SIZE, title=False)
