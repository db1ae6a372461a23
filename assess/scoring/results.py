"""Scoring results: plain frozen records handed to prioritisation and renderers."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RespondentAnswer:
    respondent: str
    value: float | str
    """The answer as written (a level, a scale label or 'n/a')."""
    numeric: float | None
    confidence: str | None
    notes: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class QuestionResult:
    id: str
    capability: str
    text: str
    value: float | None
    """Combined value of all respondents; None when unanswered or N/A."""
    na: bool
    spread: float
    disagreement: bool
    confidence: str | None
    consensus: bool
    answers: tuple[RespondentAnswer, ...] = ()

    @property
    def answered(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class CapabilityResult:
    id: str
    name: str
    domain: str
    weight: float
    score: float | None
    level: int | None
    target: float
    gap: float | None
    coverage: float
    spread: float
    disagreement: bool
    confidence: str | None
    questions: tuple[QuestionResult, ...] = ()


@dataclass(frozen=True)
class DomainResult:
    id: str
    name: str
    weight: float
    score: float | None
    level: int | None
    target: float
    gap: float | None
    coverage: float
    capabilities: tuple[CapabilityResult, ...] = ()


@dataclass(frozen=True)
class Overall:
    score: float | None
    level: int | None
    target: float
    gap: float | None
    coverage: float


@dataclass(frozen=True)
class ScoreResult:
    organisation: str
    date: str
    framework: str
    method: str
    aggregation: str
    scale_min: float
    scale_max: float
    level_names: dict[int, str]
    overall: Overall
    domains: tuple[DomainResult, ...]
    respondents: tuple[tuple[str, str], ...] = field(default=())
    """(name, role) of every respondent, in first-seen order."""

    def capability(self, capability_id: str) -> CapabilityResult:
        for domain in self.domains:
            for cap in domain.capabilities:
                if cap.id == capability_id:
                    return cap
        raise KeyError(capability_id)

    def capabilities(self) -> list[CapabilityResult]:
        return [c for d in self.domains for c in d.capabilities]
