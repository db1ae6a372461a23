"""What the portfolio keeps of one assessment: its metadata and its values.

Values only, down to each question's combined value; never a respondent's name, role,
notes or evidence (SPEC.md section 10). A record is built from a scored assessment and
is all the store writes, so nothing else can slip in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assess.models import Assessment, Questionnaire
from assess.scoring.results import ScoreResult

PEER_KEYS = ("sector", "size", "region")
"""Assessment keys a peer group can be chosen by (SPEC.md section 4)."""


@dataclass(frozen=True)
class Score:
    """One domain's or capability's values."""

    id: str
    name: str
    domain: str
    score: float | None
    target: float | None
    coverage: float


@dataclass(frozen=True)
class AnswerValue:
    questionnaire: str
    question: str
    capability: str
    value: float | None
    na: bool


@dataclass(frozen=True)
class Record:
    organisation: str
    date: str
    sector: str | None
    size: str | None
    region: str | None
    framework: str
    method: str
    content: dict[str, str]
    """Questionnaire id -> content version, in scope order."""
    score: float | None
    target: float | None
    coverage: float
    domains: tuple[Score, ...]
    capabilities: tuple[Score, ...]
    answers: tuple[AnswerValue, ...] = ()

    def group(self) -> dict[str, str | None]:
        return {"sector": self.sector, "size": self.size, "region": self.region}


def record_of(assessment: Assessment, questionnaires: Sequence[Questionnaire],
              result: ScoreResult) -> Record:
    """The portfolio record of a scored assessment."""
    versions = {q.id: q.version for q in questionnaires}
    domains = tuple(Score(d.id, d.name, d.id, d.score, d.target, d.coverage)
                    for d in result.domains)
    caps = tuple(Score(c.id, c.name, d.id, c.score, c.target, c.coverage)
                 for d in result.domains for c in d.capabilities)
    answers = tuple(AnswerValue(d.id, q.id, c.id, q.value, q.na)
                    for d in result.domains for c in d.capabilities for q in c.questions)
    o = result.overall
    return Record(
        organisation=result.organisation, date=result.date, sector=assessment.sector,
        size=assessment.size, region=assessment.region, framework=result.framework,
        method=result.method, content={d.id: versions.get(d.id, "1") for d in result.domains},
        score=o.score, target=o.target, coverage=o.coverage, domains=domains,
        capabilities=caps, answers=answers)
