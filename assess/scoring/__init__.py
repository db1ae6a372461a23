"""Scoring: questionnaires + responses -> question, capability, domain and overall results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from assess.models import Answer, Assessment, DomainTarget, Framework, Response
from assess.numbers import gap_of, level_of

from .aggregate import aggregate_question, middle_confidence
from .inputs import Inputs
from .methods import METHODS
from .results import CapabilityResult, DomainResult, Overall, QuestionResult, ScoreResult

__all__ = ["Inputs", "ScoreResult", "score_assessment", "target_on_basis", "weighted_mean"]


def weighted_mean(pairs: Sequence[tuple[float, float | None]]) -> float | None:
    """Weighted mean of the (weight, value) pairs that have a value; None when none has.
    Never rounded: every roll-up works on full precision (docs/scoring.md, "Numbers")."""
    scored = [(w, s) for w, s in pairs if s is not None]
    total = sum(w for w, _ in scored)
    if not scored or total <= 0:
        return None
    if len({s for _, s in scored}) == 1:  # one value: exactly it, free of float noise
        return scored[0][1]
    return sum(w * s for w, s in scored) / total


def _gap(target: float, score: float | None) -> float | None:
    return None if score is None else gap_of(target, score)


def _level(score: float | None) -> int | None:
    return None if score is None else level_of(score)


def target_on_basis(pairs: Sequence[tuple[float, float, float | None]]) -> float:
    """The target of a roll-up over the same parts as its score: the weighted mean of the
    targets of the parts that have a score, given (weight, target, score) per part. When
    no part has a score, the weighted mean of all the parts' targets (docs/scoring.md,
    "Targets and gaps of a roll-up")."""
    scored = [(w, t) for w, t, s in pairs if s is not None]
    basis = scored or [(w, t) for w, t, _ in pairs]
    if len({t for _, t in basis}) == 1:  # one target: exactly it, free of float noise
        return basis[0][1]
    return weighted_mean(basis) or 0.0


def respondent_key(response: Response) -> str:
    if response.consensus:
        return "Consensus"
    assert response.respondent is not None
    return response.respondent.name


def targets_for(
    assessment: Assessment, fw: Framework, domain: str
) -> tuple[float, Mapping[str, float]]:
    """Target of a domain and its per-capability overrides."""
    spec = assessment.targets.get(domain)
    if spec is None:
        return fw.default_target, {}
    if isinstance(spec, DomainTarget):
        return spec.target, spec.capabilities
    return float(spec), {}


def score_assessment(inputs: Inputs) -> ScoreResult:
    """Score every questionnaire in scope and roll the results up."""
    a, fw = inputs.assessment, inputs.framework
    method = METHODS[fw.method.name]
    low, high = method.scale(fw)
    how = a.aggregation or fw.aggregation
    threshold = a.disagreement_threshold or fw.disagreement_threshold

    by_questionnaire: dict[str, list[Response]] = {}
    respondents: dict[str, str] = {}
    for response in inputs.responses:
        by_questionnaire.setdefault(response.questionnaire, []).append(response)
        if response.respondent is not None:
            respondents.setdefault(response.respondent.name, response.respondent.role)

    domains = []
    for q in inputs.questionnaires:
        answers: dict[str, list[tuple[str, Answer, bool]]] = {}
        for response in by_questionnaire.get(q.id, []):
            for qid, answer in response.answers.items():
                answers.setdefault(qid, []).append(
                    (respondent_key(response), answer, response.consensus))
        results = {
            question.id: aggregate_question(question, answers.get(question.id, []), fw, how,
                                            threshold)
            for question in q.questions
        }
        domain_target, cap_targets = targets_for(a, fw, q.id)
        capabilities = []
        for cap in q.capabilities:
            items = [(x, results[x.id]) for x in q.questions if x.capability == cap.id]
            outcome = method.evaluate(items, fw, fw.method.params) if items else None
            raw = None if outcome is None else outcome.score
            score = None if raw is None else min(max(raw, low), high)
            target = cap_targets.get(cap.id, domain_target)
            capabilities.append(CapabilityResult(
                id=cap.id, name=cap.name, domain=q.id, weight=cap.weight,
                score=score, level=_level(score), target=target, gap=_gap(target, score),
                coverage=_coverage([r for _, r in items]),
                spread=max((r.spread for _, r in items), default=0.0),
                disagreement=any(r.disagreement for _, r in items),
                confidence=middle_confidence([r.confidence for _, r in items if r.answered]),
                questions=tuple(r for _, r in items),
                levels=() if outcome is None else outcome.levels,
            ))
        score = weighted_mean([(c.weight, c.score) for c in capabilities])
        target = (target_on_basis([(c.weight, c.target, c.score) for c in capabilities])
                  if capabilities else domain_target)
        domains.append(DomainResult(
            id=q.id, name=q.name, weight=q.weight, score=score, level=_level(score),
            target=target, gap=_gap(target, score),
            coverage=_coverage([r for c in capabilities for r in c.questions]),
            capabilities=tuple(capabilities),
        ))

    overall_score = weighted_mean([(d.weight, d.score) for d in domains])
    overall_target = target_on_basis([(d.weight, d.target, d.score) for d in domains])
    overall = Overall(
        score=overall_score, level=_level(overall_score), target=overall_target,
        gap=_gap(overall_target, overall_score),
        coverage=_coverage([r for d in domains for c in d.capabilities for r in c.questions]),
    )
    return ScoreResult(
        organisation=a.organisation, date=a.date.isoformat(), framework=fw.id,
        method=method.name, aggregation=how, scale_min=low, scale_max=high,
        level_names={lv.level: lv.name for lv in fw.levels}, overall=overall,
        domains=tuple(domains), respondents=tuple(respondents.items()),
        scale=tuple((e.label, e.value) for e in fw.answer_scale or ()),
    )


def _coverage(results: Sequence[QuestionResult]) -> float:
    """Share of applicable (not N/A) questions that have an answer."""
    applicable = [r for r in results if not r.na]
    if not applicable:
        return 1.0 if results else 0.0
    return sum(1 for r in applicable if r.answered) / len(applicable)
