"""The report's "Compared with N peers" section, when assessment.yaml names a portfolio.

Self-contained: :func:`peers_block` is the context hook (a plain dict under the key
``peers``, None without a ``portfolio`` key), ``reports/partials/peers.*.j2`` the section
and :func:`chart_data` / :func:`draw_peers` the chart: per domain, the peers' quartile
box (lower quartile to upper quartile, the median marked) and this assessment's marker.
A peer group smaller than the minimum shows its size only (docs/portfolio.md).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.models import Assessment, Questionnaire
from assess.numbers import show_percentile, show_score
from assess.scoring.results import ScoreResult

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from assess.portfolio.benchmark import Standing


def peers_block(root: Path, assessment: Assessment, questionnaires: Sequence[Questionnaire],
                result: ScoreResult) -> dict[str, Any] | None:
    """The benchmark of this assessment against the portfolio its ``portfolio`` key names,
    as plain data for the report; None when it names none."""
    link = assessment.portfolio
    if link is None:
        return None
    from assess.portfolio import Store, benchmark, linked_url
    from assess.portfolio.records import record_of
    from assess.render.benchmark import group_words, headline

    record = record_of(assessment, questionnaires, result)
    with Store(linked_url(link.db, root)) as store:
        b = benchmark(store, record, questionnaires, {str(k): v for k, v in link.peers.items()},
                      link.min_peers)

    def row(s: Standing) -> dict[str, Any]:
        return {"id": s.id, "name": s.name, "score": s.score, "peers": s.peers,
                "percentile": s.percentile, "quartiles": s.quartiles}

    return {"title": f"Compared with {b.peers} peer{'' if b.peers == 1 else 's'}",
            "headline": headline(b), "group": group_words(b), "peers": b.peers,
            "min_peers": b.min_peers, "overall": row(b.overall),
            "domains": [row(d) for d in b.domains],
            "shown": any(d.quartiles is not None for d in b.domains),
            "scale": [result.scale_min, result.scale_max]}


@dataclass(frozen=True)
class PeersChart:
    labels: tuple[str, ...]
    boxes: tuple[tuple[float, float, float], ...]
    scores: tuple[float | None, ...]
    percentiles: tuple[float | None, ...]
    scale: tuple[float, float]
    summary: str

    def table(self) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        rows = tuple((label, show_score(score), *(show_score(v) for v in box),
                      show_percentile(p)) for label, score, box, p in zip(
            self.labels, self.scores, self.boxes, self.percentiles, strict=True))
        return (("Domain", "Score", "Lower quartile", "Median", "Upper quartile",
                 "Percentile"), rows)


def chart_data(ctx: Mapping[str, Any]) -> PeersChart:
    """The peer chart's record from the report context (domains with quartiles only)."""
    block = ctx["peers"]
    shown = [d for d in block["domains"] if d["quartiles"] is not None]
    lo, hi = block["scale"]
    summary = (f"Each bar spans the middle half of {block['group']} (lower to upper "
               f"quartile, the line is the median); the diamond is "
               f"{ctx['meta']['organisation']}." + "".join(
                   f" {d['name']}: percentile {show_percentile(d['percentile'])}."
                   for d in shown))
    return PeersChart(tuple(d["name"] for d in shown),
                      tuple(tuple(d["quartiles"]) for d in shown),
                      tuple(d["score"] for d in shown),
                      tuple(d["percentile"] for d in shown), (lo, hi), summary)


def draw_peers(data: PeersChart) -> Figure:
    from .chart_data import CURRENT
    from .charts import GRID, WIDTH, _figure, _tidy, styled

    @styled
    def draw() -> Figure:
        fig = _figure(WIDTH, 0.9 + 0.42 * max(1, len(data.labels)))
        ax = fig.add_subplot()
        ys = list(range(len(data.labels)))
        for y, (q1, q2, q3), score in zip(ys, data.boxes, data.scores, strict=True):
            ax.barh(y, q3 - q1, left=q1, height=0.5, color=GRID, edgecolor="#8c8c8c")
            ax.plot([q2, q2], [y - 0.25, y + 0.25], color="#1a1a1a", linewidth=1.5)
            if score is not None:
                ax.plot([score], [y], marker="D", markersize=7, color=CURRENT,
                        linestyle="none")
        ax.set_yticks(ys, data.labels, fontsize=8)
        ax.invert_yaxis()
        ax.set_xlim(*data.scale)
        ax.set_xlabel("Maturity score")
        _tidy(ax)
        return fig

    return draw()
