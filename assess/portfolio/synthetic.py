"""Synthetic portfolio records, for tests and benchmarks.

``synthetic_records(template, 10_000)`` gives assessments of as many organisations shaped
like ``template`` (the same questionnaires, versions, capabilities and questions), each
with its own answers: an organisation-wide maturity plus a per-domain lean plus noise per
question, clamped to the scale, a few answers N/A or unanswered. Scores are plain means
(capability of its answers, domain of its capabilities, overall of its domains), which is
what the default framework's weighted mean gives with equal weights. Sectors, size bands
and regions are drawn from short lists, so peer groups of every size occur. The same
arguments always give the same records.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import replace

from assess.portfolio.records import AnswerValue, Record, Score

SECTORS = ("local-government", "health", "education", "central-government", "charity")
SIZES = ("small", "medium", "large")
REGIONS = ("UK", "IE", "EU")


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def synthetic_record(template: Record, organisation: str, rng: random.Random,
                     date: dt.date | None = None, low: float = 0, high: float = 5) -> Record:
    """One organisation's assessment shaped like ``template``."""
    base = rng.uniform(low + 0.5, high - 1.5)
    lean = {d.id: rng.gauss(0, 0.5) for d in template.domains}
    answers = []
    by_cap: dict[str, list[float]] = {}
    for a in template.answers:
        roll = rng.random()
        value = None if roll < 0.05 else float(round(min(high, max(
            low, rng.gauss(base + lean[a.questionnaire], 0.8)))))
        answers.append(AnswerValue(a.questionnaire, a.question, a.capability, value,
                                   na=roll < 0.03))
        if value is not None:
            by_cap.setdefault(a.capability, []).append(value)
    caps = tuple(replace(c, score=_mean(by_cap.get(c.id, [])),
                         coverage=1.0 if c.id in by_cap else 0.0)
                 for c in template.capabilities)
    domains = tuple(
        Score(d.id, d.name, d.id,
              _mean([c.score for c in caps if c.domain == d.id and c.score is not None]),
              d.target, d.coverage) for d in template.domains)
    day = date or dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    return replace(
        template, organisation=organisation, date=day.isoformat(),
        sector=rng.choice(SECTORS), size=rng.choice(SIZES), region=rng.choice(REGIONS),
        score=_mean([d.score for d in domains if d.score is not None]), domains=domains,
        capabilities=caps, answers=tuple(answers))


def synthetic_records(template: Record, n: int, seed: int = 0) -> Iterator[Record]:
    """``n`` organisations' assessments shaped like ``template``."""
    rng = random.Random(seed)
    for i in range(n):
        yield synthetic_record(template, f"Synthetic organisation {i + 1:05d}", rng)
