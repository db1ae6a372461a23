"""Pacing, team capacities and must-do steps constrain the roadmap (SPEC.md section 6);
every earlier property still holds. Generated models from test_prioritise_properties."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from assess.models import DependencyModel
from assess.prioritise import PhaseSpec, Recommendations, Roadmap, Rules, plan_roadmap, recommend
from assess.prioritise.synthetic import ScoredCapability, score_result
from assess.render.roadmap import render_roadmap

from .test_prioritise_properties import SETTINGS, cases

OWNERS = ["CIO", "Security Team", "Network Team"]
Case = tuple[DependencyModel, list[ScoredCapability]]


def _vary(model: DependencyModel, data: st.DataObject) -> DependencyModel:
    """The same model with owners spread over three teams and some steps urgent."""
    entries = []
    for entry in model.capabilities:
        actions = {level: a.model_copy(update={
            "owner": data.draw(st.sampled_from(OWNERS)),
            "urgent": data.draw(st.sampled_from([None, None, None, "safety", "legal_duty"]))})
            for level, a in entry.actions.items()}
        entries.append(entry.model_copy(update={"actions": actions}))
    return model.model_copy(update={"capabilities": entries})


def _phases(data: st.DataObject) -> list[PhaseSpec]:
    shapes = data.draw(st.lists(st.tuples(st.sampled_from([3, 6, 12]),
                                          st.sampled_from([10.0, 30.0, 60.0, 100.0])),
                                min_size=1, max_size=4))
    return [PhaseSpec(f"phase {i}", months, size) for i, (months, size) in enumerate(shapes)]


def _rules(data: st.DataObject) -> Rules:
    teams = tuple(sorted(
        (team, data.draw(st.sampled_from([None, 10.0, 25.0, 50.0])), None)
        for team in data.draw(st.sets(st.sampled_from(OWNERS)))))
    teams = tuple((t, c if c is not None else None, None if c is not None else 0.2)
                  for t, c, _ in teams)
    return Rules(per_phase=data.draw(st.sampled_from([None, 1, 2])),
                 min_months=data.draw(st.sampled_from([None, 0, 6, 12])), teams=teams)


def _where(plan: Roadmap) -> dict[str, tuple[int, int]]:
    return {sid: (p, i) for p, phase in enumerate(plan.phases)
            for i, sid in enumerate(phase.recommendations)}


def _plan(case: Case, data: st.DataObject) -> tuple[Recommendations, Roadmap, Rules,
                                                     list[PhaseSpec]]:
    model, scored = case
    result = score_result(scored)
    recs = recommend(_vary(model, data), result)
    phases, rules = _phases(data), _rules(data)
    return recs, plan_roadmap(recs, result, phases, rules), rules, phases


@SETTINGS
@given(cases(), st.data())
def test_no_capability_advances_faster_than_the_pacing(case: Case, data: st.DataObject) -> None:
    recs, plan, rules, _ = _plan(case, data)
    by_id = recs.by_id()
    starts: dict[str, list[int]] = {}
    for phase in plan.phases:
        per: dict[str, int] = {}
        for sid in phase.recommendations:
            cap = by_id[sid].capability
            per[cap] = per.get(cap, 0) + 1
            starts.setdefault(cap, []).append(phase.start_month)
        if rules.per_phase is not None:
            assert max(per.values(), default=0) <= rules.per_phase
    if rules.min_months:
        for months in starts.values():
            assert all(b - a >= rules.min_months for a, b in itertools.pairwise(months))


@SETTINGS
@given(cases(), st.data())
def test_no_team_exceeds_its_capacity(case: Case, data: st.DataObject) -> None:
    recs, plan, rules, _ = _plan(case, data)
    by_id = recs.by_id()
    for phase in plan.phases:
        for team, _, _ in rules.teams:
            cap = rules.team_capacity(team, phase.months)
            assert cap is not None
            used = sum(by_id[s].effort for s in phase.recommendations if by_id[s].owner == team)
            assert used <= cap + 1e-9
            assert (team, used, cap) in phase.teams
        for team, waiting in phase.waiting:
            assert rules.team_capacity(team, phase.months) is not None
            assert all(by_id[s].owner == team for s in waiting)


def _needs(recs: Recommendations, sid: str) -> set[str]:
    """Every step ``sid`` needs first, transitively."""
    by_id = recs.by_id()
    out: set[str] = set()
    todo = list(by_id[sid].requires)
    while todo:
        nxt = todo.pop()
        if nxt not in out:
            out.add(nxt)
            todo.extend(by_id[nxt].requires)
    return out


@settings(max_examples=300, deadline=None)  # the case needs contention: more examples
@given(cases(), st.data())
def test_must_do_steps_come_before_ordinary_work(case: Case, data: st.DataObject) -> None:
    """A must-do step is never later than an ordinary step it could precede: when it is, in
    that earlier phase something it needs was not yet done, pacing held it back, or the
    must-do work already there (its own or its team's) left no room for it."""
    recs, plan, rules, _ = _plan(case, data)
    by_id = recs.by_id()
    where = _where(plan)
    first = {sid for r in recs.items if r.urgent for sid in {r.id, *_needs(recs, r.id)}}
    for must in (r for r in recs.items if r.urgent):
        needs = _needs(recs, must.id)
        late = where.get(must.id, (len(plan.phases), 0))[0]
        for ordinary in (r.id for r in recs.items if r.id not in first and r.id in where):
            p = where[ordinary][0]
            if p >= late:
                continue
            phase = plan.phases[p]
            blocked = any(where.get(n, (len(plan.phases), 0))[0] >= p for n in needs)
            own = [plan.phases[where[s][0]].start_month for s in where
                   if by_id[s].capability == must.capability and where[s][0] <= p]
            same = sum(1 for s in phase.recommendations
                       if by_id[s].capability == must.capability)
            paced = not rules.paced(same, min((phase.start_month - m for m in own),
                                              default=10**6))
            urgent_used = sum(by_id[s].effort for s in phase.recommendations if s in first)
            full = urgent_used + must.effort > phase.capacity + 1e-9
            team = rules.team_capacity(must.owner, phase.months)
            team_full = team is not None and sum(
                by_id[s].effort for s in phase.recommendations
                if s in first and by_id[s].owner == must.owner) + must.effort > team + 1e-9
            assert blocked or paced or full or team_full, (must.id, ordinary, p, late)


@SETTINGS
@given(cases(), st.data())
def test_earlier_properties_hold_under_the_rules(case: Case, data: st.DataObject) -> None:
    recs, plan, rules, phases = _plan(case, data)
    by_id = recs.by_id()
    where = _where(plan)
    for phase in plan.phases:
        if phase.effort > phase.capacity + 1e-9:
            assert phase.oversize == phase.recommendations
    for sid, (p, i) in where.items():
        for req in by_id[sid].requires:
            assert where[req] < (p, i)
    assert sorted([*where, *plan.backlog]) == sorted(by_id)
    result = score_result(list(case[1]))
    assert render_roadmap(plan_roadmap(recs, result, phases, rules), recs, "json") == \
        render_roadmap(plan, recs, "json")
