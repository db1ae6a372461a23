"""Properties every scoring method must hold, on generated assessments.

For each shipped framework (one per method) hypothesis builds questionnaires with tagged
questions, several respondents (and sometimes a consensus) answering with values, n/a or
nothing, and checks: scores stay within the scale; raising any answer never lowers a
capability, domain or overall score; the same input gives byte-identical JSON; an N/A
answer changes no other capability's score.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from assess.load.workspace import load_framework
from assess.models import Assessment, Framework, Questionnaire, Response
from assess.render.scores import render_scores
from assess.scoring import Inputs, score_assessment
from assess.scoring.results import ScoreResult

FRAMEWORKS: dict[str, Framework] = {
    name: load_framework(name)[0]
    for name in ("digital-foundations", "c2m2-style", "iso33020-style", "samm-style")
}
PROPERTIES = settings(max_examples=60, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow])
EPS = 1e-9


@dataclass
class Case:
    """Plain data for one generated assessment, turned into models by :meth:`inputs`."""

    fw: Framework
    questionnaires: list[dict[str, Any]]
    responses: list[dict[str, Any]] = field(default_factory=list)

    def values(self) -> list[float]:
        if self.fw.answer_scale:
            return sorted(e.value for e in self.fw.answer_scale)
        return [float(lv.level) for lv in self.fw.levels]

    def inputs(self) -> Inputs:
        a = Assessment(schema_version=1, organisation="Prop Ltd", date=dt.date(2026, 1, 1),
                       framework=self.fw.id,
                       questionnaires=[q["id"] for q in self.questionnaires])
        return Inputs(a, self.fw,
                      [Questionnaire.model_validate(q) for q in self.questionnaires],
                      [Response.model_validate(r) for r in self.responses])

    def score(self) -> ScoreResult:
        return score_assessment(self.inputs())


def tags(fw: Framework, draw: Any) -> dict[str, Any]:
    """What a question of this framework's method needs besides id, capability and text."""
    top = fw.levels[-1].level
    if fw.method.name == "cumulative":
        return {"level": draw(st.integers(1, top))}
    if fw.method.name == "rated_attributes":
        attrs = sorted(fw.method.params["attributes"])
        return {"attribute": draw(st.sampled_from(attrs[:5]))}
    if fw.method.name == "sum_of_level_means":
        return {"level": draw(st.integers(1, top)), "stream": draw(st.sampled_from("AB"))}
    return {"levels": {lv.level: "descriptor" for lv in fw.levels}}


@st.composite
def cases(draw: Any) -> Case:
    fw = FRAMEWORKS[draw(st.sampled_from(sorted(FRAMEWORKS)))]
    fw = fw.model_copy(update={
        "unanswered": draw(st.sampled_from(["exclude", "zero"])),
        "aggregation": draw(st.sampled_from(["median", "mean", "min", "consensus"])),
    })
    case = Case(fw, [])
    for d in range(draw(st.integers(1, 2))):
        caps = [{"id": f"d{d}c{c}", "name": f"Cap {c}",
                 "weight": draw(st.sampled_from([0.5, 1.0, 2.0]))}
                for c in range(draw(st.integers(1, 3)))]
        questions = [{"id": f"Q{d}-{c}-{k}", "capability": cap["id"], "text": "?",
                      "weight": draw(st.sampled_from([1.0, 2.0])), **tags(fw, draw)}
                     for c, cap in enumerate(caps) for k in range(draw(st.integers(1, 4)))]
        case.questionnaires.append({"schema_version": 1, "id": f"dom{d}", "name": f"Dom {d}",
                                    "framework": fw.id, "capabilities": caps,
                                    "questions": questions})
    answer = st.one_of(st.none(), st.just("n/a"), st.sampled_from(case.values()))
    people = draw(st.integers(1, 3))
    consensus = draw(st.booleans())
    for q in case.questionnaires:
        for who in [*(f"R{i}" for i in range(people)), *(["Consensus"] if consensus else [])]:
            given_answers = {}
            for question in q["questions"]:
                value = draw(answer)
                if value is not None:
                    given_answers[question["id"]] = {"value": value}
            entry: dict[str, Any] = {"schema_version": 1, "questionnaire": q["id"],
                                     "answers": given_answers}
            if who == "Consensus":
                entry["consensus"] = True
            else:
                entry["respondent"] = {"name": who}
            case.responses.append(entry)
    return case


def all_scores(result: ScoreResult) -> dict[str, float | None]:
    scores: dict[str, float | None] = {"overall": result.overall.score}
    for d in result.domains:
        scores[d.id] = d.score
        scores.update({c.id: c.score for c in d.capabilities})
    return scores


@PROPERTIES
@given(cases())
def test_scores_stay_within_the_scale(case: Case) -> None:
    result = case.score()
    for name, score in all_scores(result).items():
        if score is not None:
            assert result.scale_min - EPS <= score <= result.scale_max + EPS, name
    for c in result.capabilities():
        assert 0 <= c.coverage <= 1
        assert c.level is None or result.scale_min <= c.level <= result.scale_max


@PROPERTIES
@given(cases(), st.data())
def test_raising_any_answer_never_lowers_a_score(case: Case, data: Any) -> None:
    raisable = [(i, qid) for i, r in enumerate(case.responses)
                for qid, a in r["answers"].items()
                if a["value"] != "n/a" and a["value"] < max(case.values())]
    assume(raisable)
    i, qid = data.draw(st.sampled_from(raisable))
    before = all_scores(case.score())
    old = case.responses[i]["answers"][qid]["value"]
    case.responses[i]["answers"][qid] = {
        "value": data.draw(st.sampled_from([v for v in case.values() if v > old]))}
    after = all_scores(case.score())
    for name, score in before.items():
        assert (score is None) == (after[name] is None), name
        if score is not None:
            assert after[name] >= score - EPS, (name, score, after[name])  # type: ignore[operator]


@PROPERTIES
@given(cases())
def test_same_input_gives_byte_identical_json(case: Case) -> None:
    first = render_scores(case.score(), "json", questions=True)
    again = render_scores(Case(case.fw, case.questionnaires, case.responses).score(), "json",
                          questions=True)
    assert first.encode() == again.encode()


@PROPERTIES
@given(cases(), st.data())
def test_na_changes_no_other_capabilitys_score(case: Case, data: Any) -> None:
    questions = [(q["id"], x["id"], x["capability"]) for q in case.questionnaires
                 for x in q["questions"]]
    domain, qid, capability = data.draw(st.sampled_from(questions))
    before = case.score()
    for r in case.responses:
        if r["questionnaire"] == domain:
            r["answers"][qid] = {"value": "n/a"}
    after = case.score()
    for c in before.capabilities():
        if c.id != capability:
            assert after.capability(c.id).score == c.score, c.id
