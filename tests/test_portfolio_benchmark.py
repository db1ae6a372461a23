"""The peer benchmark: hand-computed percentiles and quartiles, small groups reveal only
their size, each organisation once, only comparable content."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assess.load.workspace import load_workspace
from assess.portfolio import Store, benchmark
from assess.portfolio.benchmark import parse_peers, percentile_rank
from assess.portfolio.synthetic import synthetic_record, synthetic_records
from assess.progress.versions import carried_over
from assess.render.benchmark import render_benchmark

from .conftest import EXAMPLE
from .portfolio_support import example_record


@pytest.fixture(scope="module")
def questionnaires() -> list:  # type: ignore[type-arg]
    return load_workspace(EXAMPLE, dependencies=False).questionnaires


def hand_percentile(score: float, peers: list[float]) -> float:
    below = len([p for p in peers if p < score])
    same = len([p for p in peers if p == score])
    return 100 * (below + same / 2) / len(peers)


def hand_quartile(peers: list[float], p: float) -> float:
    """Linear interpolation between closest ranks: position (n - 1) p, counted from 0."""
    ordered = sorted(peers)
    h = (len(ordered) - 1) * p
    low = math.floor(h)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (h - low) * (ordered[high] - ordered[low])


def test_200_organisations_percentiles_and_quartiles_by_hand(
        store_url: str, questionnaires: list) -> None:  # type: ignore[type-arg]
    subject = example_record()
    peers = list(synthetic_records(subject, 200, seed=7))
    with Store(store_url) as store:
        for record in (*peers, subject):
            store.add(record)
        result = benchmark(store, subject, questionnaires, {})
    data = json.loads(render_benchmark(result, "json"))
    assert data["peers"] == 200 and data["group"] == {}
    for domain in data["domains"]:
        values = [d.score for r in peers for d in r.domains
                  if d.id == domain["id"] and d.score is not None]
        assert domain["peers"] == len(values) > 150
        assert domain["percentile"] == pytest.approx(hand_percentile(domain["score"], values))
        assert domain["quartiles"] == pytest.approx(
            [hand_quartile(values, p) for p in (0.25, 0.5, 0.75)])
        for cap in domain["capabilities"]:
            values = [c.score for r in peers for c in r.capabilities
                      if c.id == cap["id"] and c.score is not None]
            assert cap["percentile"] == pytest.approx(hand_percentile(cap["score"], values))
    overall = [r.score for r in peers if r.score is not None]
    assert data["overall"]["percentile"] == pytest.approx(
        hand_percentile(subject.score or 0, overall))
    assert set(data["overall"]) >= {"score", "percentile", "quartiles"}


def test_a_group_of_four_reveals_nothing_but_its_size(
        store_url: str, questionnaires: list) -> None:  # type: ignore[type-arg]
    subject = dataclasses.replace(example_record(), sector="health")
    rng = random.Random(4)
    peers = [dataclasses.replace(synthetic_record(subject, f"Peer {i}", rng), sector="health")
             for i in range(4)]
    with Store(store_url) as store:
        for record in peers:
            store.add(record)
        small = benchmark(store, subject, questionnaires, {"sector": "health"})
        store.add(dataclasses.replace(synthetic_record(subject, "Peer 5", rng),
                                      sector="health"))
        five = benchmark(store, subject, questionnaires, {"sector": "health"})
    data = json.loads(render_benchmark(small, "json"))
    assert data["peers"] == 4
    standings = [data["overall"], *data["domains"],
                 *(c for d in data["domains"] for c in d["capabilities"])]
    assert all(s["percentile"] is None and s["quartiles"] is None for s in standings)
    assert {s["peers"] for s in standings} <= {4}
    table = render_benchmark(small, "table")
    peer_scores = {f"{x.score:.2f}" for r in peers for x in (*r.domains, *r.capabilities)
                   if x.score is not None} - {
        f"{x.score:.2f}" for x in (*subject.domains, *subject.capabilities)
        if x.score is not None}
    assert not any(s in table for s in peer_scores)
    assert "Fewer than 5 peers: only the group's size is shown" in table
    assert five.overall.percentile is not None and five.overall.quartiles is not None


def test_own_organisation_and_other_versions_are_left_out(
        store_url: str, questionnaires: list) -> None:  # type: ignore[type-arg]
    subject = example_record()
    rng = random.Random(5)
    same = [synthetic_record(subject, f"Same {i}", rng) for i in range(5)]
    older_cloud = [dataclasses.replace(synthetic_record(subject, f"Old {i}", rng),
                                       content={**subject.content, "cloud": "2019.1"})
                   for i in range(3)]
    own_earlier = synthetic_record(subject, subject.organisation, rng, dt.date(2020, 1, 1))
    with Store(store_url) as store:
        for record in (*same, *older_cloud, own_earlier):
            store.add(record)
        result = benchmark(store, subject, questionnaires, {})
    assert result.peers == 8  # own organisation left out
    by_id = {d.id: d for d in result.domains}
    # 2019.1 of cloud held the same question ids: carried over, compared
    assert by_id["cloud"].peers == 8
    assert by_id["network"].peers == 8
    assert result.overall.peers == 8


def test_a_version_whose_questions_differ_is_not_compared(
        store_url: str, questionnaires: list) -> None:  # type: ignore[type-arg]
    subject = example_record()
    rng = random.Random(6)
    changed = []
    for i in range(3):
        r = synthetic_record(subject, f"Changed {i}", rng)
        answers = tuple(dataclasses.replace(a, question=a.question + "-OLD")
                        if a.questionnaire == "cloud" else a for a in r.answers)
        changed.append(dataclasses.replace(r, answers=answers,
                                           content={**r.content, "cloud": "2019.1"}))
    same = [synthetic_record(subject, f"Same {i}", rng) for i in range(5)]
    with Store(store_url) as store:
        for record in (*changed, *same):
            store.add(record)
        result = benchmark(store, subject, questionnaires, {}, min_peers=5)
    by_id = {d.id: d for d in result.domains}
    assert by_id["cloud"].peers == 5
    assert by_id["cloud"].capabilities[0].peers == 5
    assert by_id["network"].peers == 8
    assert result.overall.peers == 5  # overall only where every domain compares


def test_carried_over_through_replaces(questionnaires: list) -> None:  # type: ignore[type-arg]
    cloud = next(q for q in questionnaires if q.id == "cloud")
    ids = [x.id for x in cloud.questions]
    assert carried_over(ids, cloud)
    assert not carried_over([*ids, "CL-GONE-01"], cloud)
    assert not carried_over(ids[1:], cloud)
    renamed = cloud.model_copy(update={"questions": [
        cloud.questions[0].model_copy(update={"id": "CL-NEW-01", "replaces": [ids[0]]}),
        *cloud.questions[1:]]})
    assert carried_over(ids, renamed)


def test_peer_keys() -> None:
    subject = dataclasses.replace(example_record(), sector="local-government", size=None)
    assert parse_peers("sector, region=UK", subject) == {"sector": "local-government",
                                                        "region": "UK"}
    assert parse_peers(None, subject) == {}
    from assess.errors import UsageError
    with pytest.raises(UsageError, match="unknown key 'colour'"):
        parse_peers("colour=red", subject)
    with pytest.raises(UsageError, match="the assessment gives no size; write size=VALUE"):
        parse_peers("size", subject)


@given(st.lists(st.floats(0, 5), min_size=1, max_size=30), st.floats(0, 5), st.floats(0, 5))
def test_percentile_is_bounded_and_never_falls_with_the_score(
        peers: list[float], a: float, b: float) -> None:
    ordered = sorted(peers)
    low, high = sorted((a, b))
    assert 0 <= percentile_rank(low, ordered) <= percentile_rank(high, ordered) <= 100
