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
    consensus: bool = False
    """True for the answer of a consensus response (not one person's view)."""


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
    scale: tuple[tuple[str, float], ...] = ()
    """(label, value) of the question's own answer scale (``Framework.scale_of``), for
    showing ``value`` as a label; empty when answered with level numbers."""

    @property
    def answered(self) -> bool:
        return self.value is not None

    @property
    def has_spread(self) -> bool:
        """Whether two or more respondents gave a value, so that ``spread`` means something."""
        return sum(1 for a in self.answers if a.numeric is not None and not a.consensus) > 1


@dataclass(frozen=True)
class PartDetail:
    """One scored part of a level: an ISO/IEC 33020 process attribute or a SAMM stream."""

    id: str
    value: float | None
    """Attribute percentage or stream mean; None when nothing counted."""
    rating: str | None = None
    """N, P, L or F for a process attribute."""
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class LevelDetail:
    """How a scoring method judged one level of a capability (methods other than
    weighted_mean explain themselves this way; see docs/scoring.md)."""

    level: int
    value: float | None
    """cumulative: share of this level's practices achieved; sum_of_level_means: mean of
    the streams; rated_attributes: None (see the parts)."""
    achieved: bool | None
    """None when the method does not gate levels (sum_of_level_means)."""
    blocking: tuple[str, ...] = ()
    """Practices (question ids) or attributes that keep this level from being achieved."""
    parts: tuple[PartDetail, ...] = ()


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
    levels: tuple[LevelDetail, ...] = ()
    """Per-level explanation from the scoring method (empty for weighted_mean)."""


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
    scale: tuple[tuple[str, float], ...] = field(default=())
    """(label, value) of the framework's answer scale; empty for level-anchored answers."""

    def capability(self, capability_id: str) -> CapabilityResult:
        for domain in self.domains:
            for cap in domain.capabilities:
                if cap.id == capability_id:
                    return cap
        raise KeyError(capability_id)

    def capabilities(self) -> list[CapabilityResult]:
        return [c for d in self.domains for c in d.capabilities]
