"""Programme readiness: reach-weighted attainment and the gaps that block each programme."""

from __future__ import annotations

import json

import pytest

from assess.models import (
    CapabilityDependencies,
    CapabilityLink,
    DependencyModel,
    Programme,
    Technology,
    TechnologyLink,
)
from assess.prioritise import Analysis, analyse, programme_readiness
from assess.prioritise.readiness import attainment, status_of
from assess.prioritise.synthetic import ScoredCapability, score_result
from assess.render.recommendations import render_readiness

from .conftest import DATA


@pytest.fixture(scope="module")
def worked() -> Analysis:
    return analyse(DATA / "prioritise" / "worked")


def test_worked_example_readiness(worked: Analysis) -> None:
    digital, ops = worked.readiness()
    # Digital First: identity (reach 1.0, 1/3 there), cloud (1.0, 1/3), backup (0.25, at target)
    assert digital.readiness == pytest.approx((1 / 3 + 1 / 3 + 0.25) / 2.25, abs=1e-6)
    # Operations: identity 0.5, cloud 1.25, network 1.0 (at its target 2), backup 0.5
    assert ops.readiness == pytest.approx((0.5 / 3 + 1.25 / 3 + 1.0 + 0.5) / 3.25, abs=1e-6)
    assert (digital.status, ops.status) == ("at risk", "at risk")
    assert digital.capabilities == 3 and ops.capabilities == 4
    assert digital.technologies == ("idp", "lz")
    assert ops.technologies == ("lz", "wan", "idp")


def test_blockers_ranked_by_share_of_the_shortfall(worked: Analysis) -> None:
    ops = worked.readiness()[1]
    assert [(b.capability, b.share) for b in ops.blockers] == [
        ("cloud", pytest.approx(1.25 / 1.75, abs=1e-6)),
        ("identity", pytest.approx(0.5 / 1.75, abs=1e-6))]
    assert ops.blockers[0].technologies == ("lz", "idp")
    assert ops.blockers[1].technologies == ("idp",)


def test_attainment_and_status() -> None:
    assert attainment(1.0, 3.0, 0.0) == pytest.approx(1 / 3)
    assert attainment(4.0, 3.0, 0.0) == 1.0
    assert attainment(2.0, 3.0, 1.0) == 0.5  # a scale starting at 1
    assert attainment(0.0, 0.0, 0.0) == 1.0
    assert [status_of(x) for x in (None, 0.5, 0.75, 0.89, 0.9)] == [
        "unknown", "at risk", "watch", "watch", "ready"]


def test_programme_with_nothing_scored_is_unknown() -> None:
    model = DependencyModel(
        schema_version=1,
        programmes=[Programme(id="p", name="P"), Programme(id="q", name="Q")],
        technologies=[Technology(id="t", name="T", programmes=[TechnologyLink(programme="p")])],
        capabilities=[CapabilityDependencies(capability="a",
                                             technologies=[CapabilityLink(technology="t")])],
    )
    p, q = programme_readiness(model, score_result([ScoredCapability("a", "d", 3.0, 3.0)]))
    assert (p.readiness, p.status, p.blockers) == (1.0, "ready", ())
    assert (q.readiness, q.status, q.capabilities) == (None, "unknown", 0)


def test_render_readiness(worked: Analysis) -> None:
    data = json.loads(render_readiness(worked.readiness(), "json"))
    first = data["programmes"][0]
    assert first["id"] == "digital" and first["at_risk"] is True
    assert first["readiness"] == pytest.approx(11 / 27, abs=1e-12)  # unrounded
    assert [b["capability"] for b in first["blockers"]] == ["cloud", "identity"]
    table = render_readiness(worked.readiness(), "table")
    assert "Digital First       5        41%  at risk       3  Cloud platform (gap 2.00, 50%); " \
           "Identity (gap 2.00, 50%)" in table
    assert render_readiness(worked.readiness(), "markdown").startswith("# Programme readiness")
    assert render_readiness(worked.readiness(), "csv").splitlines()[1] == \
        "digital,Digital First,5.0,0.4074074074074074,at risk,3,idp;lz,cloud;identity,"
