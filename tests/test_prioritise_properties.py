"""Properties of SPEC.md section 6, checked on generated dependency models (hypothesis)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from assess.models import (
    Action,
    CapabilityDependencies,
    CapabilityLink,
    DependencyModel,
    Prerequisite,
    Programme,
    Technology,
    TechnologyLink,
)
from assess.prioritise import PhaseSpec, Recommendations, plan_roadmap, recommend
from assess.prioritise.synthetic import ScoredCapability, score_result
from assess.render.recommendations import render_recommendations
from assess.render.roadmap import render_roadmap
from assess.scoring.results import ScoreResult

from .conftest import ROOT

SETTINGS = settings(max_examples=60, deadline=None)
SCORES = [None, *(x / 4 for x in range(21))]


@st.composite
def cases(draw: st.DrawFn) -> tuple[DependencyModel, list[ScoredCapability]]:
    """A small dependency model and scores: programmes, technologies, capabilities with
    links, actions and prerequisites on earlier capabilities only (so it is acyclic)."""
    n_prog = draw(st.integers(1, 3))
    programmes = [Programme(id=f"p{i}", name=f"Programme {i}",
                            weight=draw(st.sampled_from([0.5, 1.0, 2.0, 4.0, 5.0])))
                  for i in range(n_prog)]
    n_tech = draw(st.integers(1, 3))
    technologies = [
        Technology(id=f"t{i}", name=f"Tech {i}", programmes=[
            TechnologyLink(programme=f"p{j}", weight=draw(st.sampled_from([0.3, 0.6, 1.0])))
            for j in sorted(draw(st.sets(st.integers(0, n_prog - 1), max_size=n_prog)))])
        for i in range(n_tech)
    ]
    n_cap = draw(st.integers(1, 6))
    entries, scored = [], []
    for i in range(n_cap):
        prereqs = []
        if i:
            for j in sorted(draw(st.sets(st.integers(0, i - 1), max_size=2))):
                prereqs.append(Prerequisite(capability=f"c{j}", level=draw(st.integers(1, 5)),
                                            for_level=draw(st.integers(1, 5))))
        actions = {level: Action(action=f"Step {level}.", effort=draw(st.sampled_from(
            [5.0, 10.0, 20.0, 40.0, 90.0])), cost_band="S", owner="CIO")
            for level in sorted(draw(st.sets(st.integers(1, 5))))}
        entries.append(CapabilityDependencies(
            capability=f"c{i}", risk=draw(st.integers(1, 5)), prerequisites=prereqs,
            technologies=[CapabilityLink(technology=f"t{t}",
                                         weight=draw(st.sampled_from([0.5, 1.0])))
                          for t in sorted(draw(st.sets(st.integers(0, n_tech - 1),
                                                       max_size=n_tech)))],
            actions=actions))
        scored.append(ScoredCapability(
            id=f"c{i}", domain=f"d{i % 2}", score=draw(st.sampled_from(SCORES)),
            target=draw(st.sampled_from([1.0, 2.0, 2.5, 3.0, 3.5, 4.0, 5.0])),
            weight=draw(st.sampled_from([0.5, 1.0, 2.0]))))
    model = DependencyModel(schema_version=1, programmes=programmes,
                            technologies=technologies, capabilities=entries)
    return model, scored


def _priorities(recs: Recommendations) -> dict[str, float]:
    return {r.id: r.priority for r in recs.items}


def _not_lower(before: dict[str, float], after: dict[str, float], ids: set[str]) -> None:
    for sid in ids & set(before) & set(after):
        assert after[sid] >= before[sid] * (1 - 1e-12), sid


@SETTINGS
@given(cases(), st.data())
def test_raising_a_programme_weight_never_lowers_what_feeds_it(
        case: tuple[DependencyModel, list[ScoredCapability]], data: st.DataObject) -> None:
    model, scored = case
    result = score_result(scored)
    index = data.draw(st.integers(0, len(model.programmes) - 1))
    extra = data.draw(st.sampled_from([0.1, 1.0, 10.0]))
    programmes = list(model.programmes)
    target = programmes[index]
    programmes[index] = target.model_copy(update={"weight": target.weight + extra})
    before = recommend(model, result)
    after = recommend(model.model_copy(update={"programmes": programmes}), result)
    feeding = {r.id for r in before.items if target.id in r.programmes}
    _not_lower(_priorities(before), _priorities(after), feeding)
    # and in fact nothing else falls either: every term grows with programme weights
    _not_lower(_priorities(before), _priorities(after), {r.id for r in before.items})


@SETTINGS
@given(cases(), st.data())
def test_a_larger_gap_never_lowers_priority(
        case: tuple[DependencyModel, list[ScoredCapability]], data: st.DataObject) -> None:
    model, scored = case
    candidates = [i for i, c in enumerate(scored) if c.score is not None]
    if not candidates:
        return
    i = data.draw(st.sampled_from(candidates))
    cap = scored[i]
    assert cap.score is not None
    how = data.draw(st.sampled_from(["lower score", "raise target"]))
    if how == "lower score":
        wider = replace(cap, score=max(0.0, cap.score - data.draw(st.sampled_from([0.25, 1.0]))))
    else:
        wider = replace(cap, target=cap.target + data.draw(st.sampled_from([0.5, 1.0])))
    before = recommend(model, score_result(scored))
    after = recommend(model, score_result([*scored[:i], wider, *scored[i + 1:]]))
    own = {r.id for r in before.items if r.capability == cap.id}
    _not_lower(_priorities(before), _priorities(after), own)


def _phases(data: st.DataObject) -> list[PhaseSpec]:
    sizes = data.draw(st.lists(st.sampled_from([10.0, 30.0, 60.0, 100.0]), min_size=1,
                               max_size=4))
    return [PhaseSpec(f"phase {i}", 6, size) for i, size in enumerate(sizes)]


@SETTINGS
@given(cases(), st.data())
def test_roadmap_respects_prerequisites_and_capacity(
        case: tuple[DependencyModel, list[ScoredCapability]], data: st.DataObject) -> None:
    model, scored = case
    result = score_result(scored)
    recs = recommend(model, result)
    phases = _phases(data)
    plan = plan_roadmap(recs, result, phases)
    by_id = recs.by_id()
    where: dict[str, tuple[int, int]] = {}
    for p, phase in enumerate(plan.phases):
        for position, sid in enumerate(phase.recommendations):
            where[sid] = (p, position)
        # a phase never exceeds its capacity, except one flagged step larger than it
        if phase.effort > phase.capacity + 1e-9:
            assert len(phase.recommendations) == 1
            assert phase.oversize == phase.recommendations
        for sid in phase.oversize:
            assert by_id[sid].effort > phase.capacity
    for sid, (p, position) in where.items():
        for req in by_id[sid].requires:
            # never in an earlier phase than a prerequisite, and listed after it in-phase
            assert req in where
            assert where[req] < (p, position)
    # every step is either planned or in the backlog, once
    assert sorted([*where, *plan.backlog]) == sorted(by_id)
    assert len(plan.phases) == len(phases)


@SETTINGS
@given(cases())
def test_one_step_per_level_and_ranks_follow_priority(
        case: tuple[DependencyModel, list[ScoredCapability]]) -> None:
    model, scored = case
    recs = recommend(model, score_result(scored))
    assert [r.rank for r in recs.items] == list(range(1, len(recs.items) + 1))
    keys = [(-r.priority, r.id) for r in recs.items]
    assert keys == sorted(keys)
    for cap in scored:
        steps = sorted(r.to_level for r in recs.items if r.capability == cap.id and
                       not r.beyond_target)
        if cap.score is None or cap.score >= cap.target:
            assert steps == []
        else:
            current = int(cap.score + 1e-6)
            assert steps == list(range(current + 1, min(5, -int(-cap.target // 1)) + 1))


@SETTINGS
@given(cases(), st.data())
def test_equal_input_gives_byte_identical_json(
        case: tuple[DependencyModel, list[ScoredCapability]], data: st.DataObject) -> None:
    model, scored = case
    phases = _phases(data)

    def outputs(m: DependencyModel, result: ScoreResult) -> tuple[str, str]:
        recs = recommend(m, result)
        return (render_recommendations(recs, "json"),
                render_roadmap(plan_roadmap(recs, result, phases), recs, "json"))

    # an equal model rebuilt from its own data, not the same objects
    copy = DependencyModel.model_validate(model.model_dump())
    assert outputs(model, score_result(scored)) == outputs(copy, score_result(list(scored)))


def test_output_does_not_depend_on_hash_seeds() -> None:
    """Byte-identical JSON across processes (string hashing differs between them)."""
    code = ("from assess.prioritise.synthetic import synthetic;"
            "from assess.prioritise import recommend, plan_roadmap, phases_for;"
            "from assess.render.recommendations import render_recommendations;"
            "from assess.render.roadmap import render_roadmap;"
            "import hashlib;m, r = synthetic(300, seed=5);x = recommend(m, r);"
            "t = render_recommendations(x, 'json') + render_roadmap("
            "plan_roadmap(x, r, phases_for(None)), x, 'json');"
            "print(hashlib.sha256(t.encode()).hexdigest())")
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                             text=True, check=True, cwd=ROOT)
        digests.add(out.stdout)
    assert len(digests) == 1
