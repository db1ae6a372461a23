"""Baseline against current: deltas, statuses, questionnaire versions, coverage, JSON keys.

Fixtures: tests/data/progress/base (2025, questionnaire alpha version 1) and
tests/data/progress/current (2026, alpha version 2: AL-B-OLD renamed to AL-B-02 with
`replaces`, AL-B-GONE removed, AL-B-NEW added); gamma is the same on both sides.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assess.errors import AssessError
from assess.load.workspace import Workspace, load_workspace
from assess.models import Answer, Question, Questionnaire, Response
from assess.progress import Snapshot, compare, load_snapshot, match_questions
from assess.progress.compare import months_between, status_of
from assess.render.compare import compare_dict, render_compare
from assess.scoring import score_assessment
from assess.scoring.inputs import Inputs

from .conftest import DATA

BASE = DATA / "progress" / "base"
CURRENT = DATA / "progress" / "current"


@cache
def workspace(path: Path) -> Workspace:
    return load_workspace(path)


def snap(path: Path, responses: list[Response] | None = None, **assessment: object) -> Snapshot:
    """A snapshot of the fixture, optionally with other responses or assessment fields."""
    ws = workspace(path)
    a = ws.assessment.model_copy(update=assessment) if assessment else ws.assessment
    inputs = Inputs(a, ws.framework, ws.questionnaires,
                    ws.responses if responses is None else responses)
    return Snapshot(score_assessment(inputs), tuple(ws.questionnaires))


def raised(path: Path, question: str, by: float) -> list[Response]:
    """The fixture's responses with every answer to ``question`` raised by ``by``."""
    out = []
    for r in workspace(path).responses:
        answers = dict(r.answers)
        if question in answers:
            old = answers[question]
            assert isinstance(old.value, float | int)
            answers[question] = old.model_copy(update={"value": old.value + by})
        out.append(r.model_copy(update={"answers": answers}))
    return out


# --- comparing an assessment with itself ----------------------------------------------------


@pytest.mark.parametrize("path", [BASE, CURRENT])
def test_self_compare_is_all_zero_and_unchanged(path: Path) -> None:
    s = snap(path)
    c = compare(s, s)
    assert c.overall.delta == 0 and c.overall.status == "unchanged"
    assert [d.delta for d in c.domains] == [0.0, 0.0]
    assert {x.status for x in c.capabilities()} == {"unchanged"}
    assert all(x.delta == 0 for x in c.capabilities())
    assert c.overall.coverage == 1.0 and c.overall.like_for_like
    assert c.targets == () and c.not_compared() == []
    assert c.versions.unchanged


def test_self_compare_with_recommendations_achieves_none() -> None:
    s = load_snapshot(CURRENT)
    c = compare(s, s)
    assert c.plan is not None and c.plan.steps
    assert c.plan.achieved == () and c.plan.months == 0
    assert all(step.achieved is False for step in c.plan.steps)


# --- raising one answer ----------------------------------------------------------------------

QUESTIONS = [("AL-A-01", "alpha_cap", "alpha"), ("AL-A-02", "alpha_cap", "alpha"),
             ("AL-B-01", "beta_cap", "alpha"), ("AL-B-02", "beta_cap", "alpha"),
             ("AL-B-NEW", "beta_cap", "alpha"), ("GA-01", "gamma_cap", "gamma")]


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(QUESTIONS), st.sampled_from([1, 2]), st.booleans())
def test_raising_one_answer_changes_exactly_its_capability_domain_and_overall(
        which: tuple[str, str, str], by: int, lower: bool) -> None:
    question, capability, domain = which
    before, after = snap(CURRENT), snap(CURRENT, raised(CURRENT, question, -by if lower else by))
    c = compare(before, after, tolerance=0)
    sign = -1 if lower else 1
    for cap in c.capabilities():
        if cap.id == capability:
            assert cap.delta is not None and sign * cap.delta > 0
            assert cap.status == ("declined" if lower else "improved")
        else:
            assert cap.delta == 0 and cap.status == "unchanged"
    for d in c.domains:
        assert d.delta is not None
        assert (sign * d.delta > 0) if d.id == domain else d.delta == 0
    assert c.overall.delta is not None and sign * c.overall.delta > 0
    assert c.overall.coverage == 1.0


def test_raised_answer_has_the_exact_weighted_delta() -> None:
    # alpha_cap: AL-A-01 (weight 1) and AL-A-02 (weight 3); +2 on AL-A-01 -> +2/4 = +0.5.
    c = compare(snap(CURRENT), snap(CURRENT, raised(CURRENT, "AL-A-01", 2)))
    alpha = c.domains[0]
    assert alpha.capabilities[0].delta == 0.5
    # Domain: alpha_cap weight 1 of 3 -> +0.5/3; overall: alpha is one of two domains.
    assert alpha.delta == pytest.approx(0.5 / 3, abs=1e-6)
    assert c.overall.delta == pytest.approx(0.5 / 6, abs=1e-6)


def test_tolerance_bounds_are_unchanged() -> None:
    assert status_of(0.05, 0.05) == "unchanged"
    assert status_of(-0.05, 0.05) == "unchanged"
    assert status_of(0.0501, 0.05) == "improved"
    assert status_of(-0.0501, 0.05) == "declined"
    assert status_of(1e-7, 0) == "improved"


# --- questionnaire versions ------------------------------------------------------------------


def test_baseline_against_current_versions() -> None:
    c = compare(snap(BASE), snap(CURRENT))
    renamed = c.versions.having("renamed")
    assert [(p.baseline, p.current) for p in renamed] == [("AL-B-OLD", "AL-B-02")]
    assert [p.current for p in c.versions.having("added")] == ["AL-B-NEW"]
    assert [p.baseline for p in c.versions.having("removed")] == ["AL-B-GONE"]
    versions = {q.id: (q.baseline, q.current) for q in c.versions.questionnaires}
    assert versions == {"alpha": ("1", "2"), "gamma": ("1", "1")}
    # The renamed question was answered on both sides, so it is compared.
    pair = next(q for q in c.questions if q.pair.how == "renamed")
    assert pair.compared and (pair.baseline, pair.current) == (1.0, 2.0)
    # Not compared: the added and the removed question, with the reason.
    assert [(q.pair.current or q.pair.baseline, q.reason) for q in c.not_compared()] == [
        ("AL-B-NEW", "added since the baseline"), ("AL-B-GONE", "removed since the baseline")]


def test_coverage_of_the_comparison() -> None:
    c = compare(snap(BASE), snap(CURRENT))
    alpha, gamma = c.domains
    alpha_cap, beta_cap = alpha.capabilities
    assert (alpha_cap.compared, alpha_cap.counted, alpha_cap.like_for_like) == (2, 2, True)
    # beta: AL-B-01 and AL-B-OLD/02 compared; AL-B-GONE (baseline) and AL-B-NEW (now) not.
    assert (beta_cap.compared, beta_cap.counted) == (2, 4)
    assert beta_cap.coverage == 0.5 and not beta_cap.like_for_like
    assert (alpha.compared, alpha.counted) == (4, 6)
    assert gamma.coverage == 1.0
    assert (c.overall.compared, c.overall.counted) == (5, 7)
    assert c.overall.coverage == pytest.approx(5 / 7, abs=1e-6)
    # Published scores are compared: beta was 2.0 (2, 1, 3), now 5/3 (2, 2, 1).
    assert beta_cap.baseline == 2.0 and beta_cap.current == pytest.approx(5 / 3, abs=1e-6)
    assert beta_cap.status == "declined"


def test_unanswered_on_one_side_is_not_compared() -> None:
    base = snap(BASE)
    without = [r.model_copy(update={"answers": {k: v for k, v in r.answers.items()
                                                if k != "AL-A-01"}})
               for r in workspace(CURRENT).responses]
    c = compare(base, snap(CURRENT, without))
    missing = {q.pair.current: q.reason for q in c.not_compared()}
    assert missing["AL-A-01"] == "answered in the baseline; unanswered now"
    alpha_cap = c.domains[0].capabilities[0]
    assert (alpha_cap.compared, alpha_cap.counted) == (1, 2)


def test_nothing_in_common_is_not_comparable() -> None:
    only_new = [r.model_copy(update={"answers": {"AL-B-NEW": Answer(value=3)}})
                if r.questionnaire == "alpha" else r for r in workspace(CURRENT).responses]
    c = compare(snap(BASE), snap(CURRENT, only_new))
    beta = c.domains[0].capabilities[1]
    assert beta.status == "not comparable" and beta.delta is None
    assert beta.baseline is not None and beta.current == 3.0
    alpha_cap = c.domains[0].capabilities[0]
    assert alpha_cap.status == "not comparable" and alpha_cap.current is None


def _q(ident: str, replaces: list[str] | None = None, cap: str = "c") -> Question:
    return Question(id=ident, capability=cap, text="?", levels={0: "a", 1: "b"},
                    replaces=replaces or [])


def _qn(*questions: Question, version: str = "1") -> Questionnaire:
    return Questionnaire(schema_version=1, id="x", name="X", version=version,
                         capabilities=[{"id": "c", "name": "C"}],  # type: ignore[list-item]
                         questions=list(questions))


def test_matching_is_one_to_one_and_same_ids_win() -> None:
    old = _qn(_q("A"), _q("B"), _q("C"))
    # A kept; A2 also claims A (split): A is taken, so A2 is added. D merges B and C.
    new = _qn(_q("A", ["B"]), _q("A2", ["A"]), _q("D", ["X", "B", "C"]), version="2")
    v = match_questions([old], [new])
    got = [(p.baseline, p.current, p.how) for p in v.pairs]
    assert got == [("A", "A", "same"), (None, "A2", "added"), ("B", "D", "renamed"),
                   ("C", None, "removed")]


# --- targets and the baseline's plan ---------------------------------------------------------


def test_targets_met_since_the_baseline() -> None:
    # gamma: 2 -> 3 against a target of 2 is already met; lower the baseline target instead.
    c = compare(snap(BASE, targets={"alpha": 3, "gamma": 2.5}), snap(CURRENT))
    met = [(t.kind, t.id) for t in c.targets if t.met]
    assert met == [("domain", "gamma"), ("capability", "gamma_cap")]
    c = compare(snap(CURRENT), snap(CURRENT, raised(CURRENT, "AL-A-01", 3),
                                    targets={"alpha": 2, "gamma": 3}))
    changed = {(t.id, t.met) for t in c.targets}
    assert ("alpha_cap", True) in changed and ("gamma_cap", False) in changed


def test_baseline_recommendations_achieved() -> None:
    c = compare(load_snapshot(BASE), load_snapshot(CURRENT))
    assert c.plan is not None and c.plan.months == 12
    outcome = {s.id: s.achieved for s in c.plan.steps}
    # alpha_cap went from 1.75 (level 1) to 2.75 (level 2); beta_cap fell to level 1.
    assert outcome["alpha_cap:2"] is True
    assert outcome["alpha_cap:3"] is False
    assert outcome["beta_cap:3"] is False
    assert all(s.due for s in c.plan.steps if s.phase in ("0-6 months", "6-12 months"))


# --- refusals --------------------------------------------------------------------------------


def test_refuses_different_organisations() -> None:
    other = snap(CURRENT, organisation="Elsewhere plc")
    with pytest.raises(AssessError, match="different organisations"):
        compare(snap(BASE), other)
    # Case and spacing do not make another organisation.
    compare(snap(BASE), snap(CURRENT, organisation="progress  LTD"))


def test_refuses_a_baseline_later_than_the_current() -> None:
    with pytest.raises(AssessError, match=r"baseline \(2026-06-01\) is later"):
        compare(snap(CURRENT), snap(BASE))


def test_months_between() -> None:
    assert months_between("2025-10-14", "2026-10-20") == 12
    assert months_between("2025-10-20", "2026-10-14") == 11
    assert months_between("2026-01-31", "2026-01-31") == 0


# --- output ----------------------------------------------------------------------------------


def test_fixed_json_keys() -> None:
    c = compare(load_snapshot(BASE), load_snapshot(CURRENT))
    data = json.loads(render_compare(c, "json"))
    assert set(data["overall"]) >= {"baseline", "current", "delta"}
    assert all(isinstance(data["overall"][k], float) for k in ("baseline", "current", "delta"))
    for d in data["domains"]:
        assert set(d) >= {"id", "baseline", "current", "delta", "capabilities"}
        for cap in d["capabilities"]:
            assert set(cap) >= {"id", "baseline", "current", "delta"}
    assert [d["id"] for d in data["domains"]] == ["alpha", "gamma"]
    assert data["questions"]["renamed"] == [
        {"questionnaire": "alpha", "baseline": "AL-B-OLD", "current": "AL-B-02"}]
    assert data["questions"]["coverage"] == 5 / 7  # unrounded
    assert data["recommendations"]["achieved"] == 1
    assert data["summary"] == {"improved": 1, "unchanged": 1, "declined": 1,
                               "not comparable": 0, "not assessed": 0}


def test_output_is_deterministic() -> None:
    one = compare(load_snapshot(BASE), load_snapshot(CURRENT))
    two = compare(load_snapshot(BASE), load_snapshot(CURRENT))
    for fmt in ("json", "table", "markdown"):
        assert render_compare(one, fmt) == render_compare(two, fmt)
    assert compare_dict(one) == compare_dict(two)


def test_markdown_escapes_names() -> None:
    s = snap(CURRENT, organisation="A|B <script>")
    text = render_compare(compare(s, s), "markdown")
    assert "<script>" not in text and "A\\|B &lt;script&gt;" in text
