"""Recommendations: steps, the priority formula (worked example), rationale, filters, output."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from assess.errors import AssessError
from assess.models import (
    Action,
    CapabilityDependencies,
    DependencyModel,
    Prerequisite,
    Programme,
    Technology,
    TechnologyLink,
)
from assess.prioritise import Analysis, analyse, recommend, select
from assess.prioritise.recommendations import DEFAULT_EFFORT, listing
from assess.prioritise.synthetic import ScoredCapability, score_result
from assess.render.recommendations import render_recommendations

from .conftest import DATA, ROOT

WORKED = DATA / "prioritise" / "worked"


@pytest.fixture(scope="module")
def worked() -> Analysis:
    return analyse(WORKED)


def test_worked_example_priorities_match_the_hand_calculation(worked: Analysis) -> None:
    # docs/prioritisation.md works these out by hand.
    got = [(r.rank, r.id, r.priority) for r in worked.recommendations.items]
    assert got == [(1, "identity:2", 104.25), (2, "identity:3", 52.5), (3, "cloud:2", 51.0),
                   (4, "cloud:3", 34.0), (5, "network:3", 20.0)]
    by_id = worked.recommendations.by_id()
    assert by_id["identity:2"].value == 6.0
    assert by_id["cloud:2"].value == 7.5
    assert by_id["identity:2"].importance == 52.5
    assert by_id["cloud:2"].importance == 34.0
    assert by_id["network:3"].importance == 3.0
    assert by_id["network:3"].urgency == 34.0


def test_docs_quote_the_tool_output(worked: Analysis) -> None:
    """The worked example in docs/prioritisation.md is the tool's own output, verbatim."""
    from assess.render.recommendations import render_readiness
    from assess.render.roadmap import render_roadmap

    doc = (ROOT / "docs" / "prioritisation.md").read_text(encoding="utf-8")
    recs = worked.recommendations
    assert render_recommendations(recs, "table") in doc
    assert render_roadmap(worked.roadmap(), recs, "table") in doc
    readiness = render_readiness(worked.readiness(), "table")
    assert readiness.split("\n\nReadiness:")[0] in doc


def test_steps_requirements_and_beyond_target(worked: Analysis) -> None:
    by_id = worked.recommendations.by_id()
    assert by_id["identity:3"].requires == ("identity:2",)
    assert by_id["cloud:2"].requires == ("identity:2",)
    assert by_id["cloud:3"].requires == ("cloud:2", "network:3")
    assert by_id["identity:2"].unblocks == ("cloud:2", "identity:3")
    assert by_id["network:3"].beyond_target
    assert not by_id["cloud:3"].beyond_target
    # backup is at target: nothing to recommend
    assert not [r for r in worked.recommendations.items if r.capability == "backup"]


def test_rationale_names_programmes_technologies_and_what_is_unblocked(
        worked: Analysis) -> None:
    by_id = worked.recommendations.by_id()
    assert by_id["identity:2"].rationale == (
        "Unblocks 1 step of other capabilities (Cloud platform to level 2); feeds Digital "
        "First and Operations through Identity platform; gap 2.00 to target 3; risk 5 of 5 "
        "while weak.")
    assert by_id["cloud:3"].rationale == (
        "Feeds Digital First and Operations through Landing zone and Identity platform; gap "
        "2.00 to target 3; risk 4 of 5 while weak; needs Network to level 3 first.")
    assert by_id["network:3"].rationale == (
        "Unblocks 1 step of other capabilities (Cloud platform to level 3); feeds Operations "
        "through WAN; goes beyond its target of 2 because Cloud platform to level 3 needs it.")


def test_action_library_keyed_by_level_reached(worked: Analysis) -> None:
    rec = worked.recommendations.by_id()["cloud:2"]
    assert (rec.action, rec.effort, rec.cost_band, rec.owner, rec.action_source) == (
        "Build a landing zone with policy guardrails.", 15.0, "S", "Cloud Platform Team",
        "library")


def _model(**entry: object) -> DependencyModel:
    return DependencyModel(
        schema_version=1,
        programmes=[Programme(id="p", name="Programme P", weight=2)],
        technologies=[Technology(id="t", name="Tech T",
                                 programmes=[TechnologyLink(programme="p")])],
        capabilities=[CapabilityDependencies(capability="a", **entry)],  # type: ignore[arg-type]
    )


def test_step_without_an_action_gets_a_default_one() -> None:
    result = score_result([ScoredCapability("a", "d", 1.0, 3.0, name="Alpha")])
    recs = recommend(_model(actions={2: Action(action="Do two.", effort=5, cost_band="S",
                                                 owner="CIO")}), result)
    by_id = recs.by_id()
    assert by_id["a:2"].action_source == "library"
    three = by_id["a:3"]
    assert (three.action_source, three.effort, three.owner, three.cost_band) == (
        "default", DEFAULT_EFFORT, "Unassigned", "")
    assert three.action.startswith("Raise Alpha to level 3 (Defined);")


def test_one_step_per_level_up_to_the_target_rounded_up() -> None:
    result = score_result([ScoredCapability("a", "d", 1.2, 3.5),   # level 1 -> 2, 3, 4
                           ScoredCapability("b", "d", 2.99, 3.0),  # level 2 -> 3
                           ScoredCapability("c", "d", 3.0, 3.0),   # at target
                           ScoredCapability("e", "d", 4.5, 3.0),   # above target
                           ScoredCapability("f", "d", None, 3.0)])  # not scored
    recs = recommend(DependencyModel(schema_version=1), result)
    assert sorted(r.id for r in recs.items) == ["a:2", "a:3", "a:4", "b:3"]
    assert recs.unscored == ("f",)
    a3 = recs.by_id()["a:3"]
    assert (a3.from_level, a3.to_level, a3.requires) == (2, 3, ("a:2",))


def test_target_above_the_scale_stops_at_the_top_level() -> None:
    result = score_result([ScoredCapability("a", "d", 4.0, 7.0)])
    assert [r.id for r in recommend(DependencyModel(schema_version=1), result).items] == ["a:5"]


def test_prerequisite_on_an_unscored_capability_is_reported_not_required() -> None:
    model = _model(prerequisites=[Prerequisite(capability="zeta", level=2, for_level=2)])
    result = score_result([ScoredCapability("a", "d", 1.0, 2.0, name="Alpha")])
    rec = recommend(model, result).items[0]
    assert rec.requires == ()
    assert rec.unassessed == ("zeta",)
    assert rec.rationale.endswith("also needs zeta, which was not assessed.")


def test_a_cycle_reaching_the_core_is_an_error_naming_it() -> None:
    # The loader rejects cycles (see tests/test_cli_prioritise.py); the core guards too.
    model = DependencyModel(schema_version=1, capabilities=[
        CapabilityDependencies(capability="a", prerequisites=[
            Prerequisite(capability="b", level=2)]),
        CapabilityDependencies(capability="b", prerequisites=[
            Prerequisite(capability="a", level=2)]),
    ])
    result = score_result([ScoredCapability("a", "d", 1.0, 3.0),
                           ScoredCapability("b", "d", 1.0, 3.0)])
    with pytest.raises(AssessError, match=r"^prerequisite cycle: a:2 -> b:2 -> a:2$"):
        recommend(model, result)


def test_select_filters_keep_global_ranks(worked: Analysis) -> None:
    recs = worked.recommendations
    assert [r.rank for r in select(recs, top=2).items] == [1, 2]
    ops_only = select(recs, programme="ops")
    assert [r.id for r in ops_only.items] == [r.id for r in recs.items]
    assert [r.rank for r in select(recs, domain="infra", top=3).items] == [1, 2, 3]
    # network feeds only Operations
    assert "network:3" not in [r.id for r in select(recs, programme="digital").items]
    with pytest.raises(AssessError, match=r"unknown domain 'nope' \(known: infra\)"):
        select(recs, domain="nope")
    with pytest.raises(AssessError, match=r"unknown programme 'x' \(known: digital, ops\)"):
        select(recs, programme="x")


def test_json_has_the_fixed_keys_of_the_spec(worked: Analysis) -> None:
    data = json.loads(render_recommendations(worked.recommendations, "json"))
    fixed = ["rank", "id", "capability", "domain", "from_level", "to_level", "priority",
             "requires", "programmes", "technologies", "rationale", "effort", "owner"]
    first = data["recommendations"][0]
    assert list(first)[: len(fixed)] == fixed
    assert first["programmes"] == ["digital", "ops"]
    assert first["technologies"] == ["idp"]
    assert isinstance(first["priority"], float) and isinstance(first["rank"], int)


def test_csv_neutralises_formula_text() -> None:
    model = _model(technologies=[], actions={2: Action(action="=HYPERLINK(\"x\")", effort=1,
                                                         cost_band="S", owner="@owner")})
    result = score_result([ScoredCapability("a", "d", 1.0, 2.0)])
    rows = list(csv.DictReader(io.StringIO(render_recommendations(recommend(model, result),
                                                                  "csv"))))
    assert rows[0]["action"] == "'=HYPERLINK(\"x\")"
    assert rows[0]["owner"] == "'@owner"


def test_markdown_escapes_table_cells() -> None:
    model = _model(actions={2: Action(action="Split | pipes <b>", effort=1, cost_band="S",
                                      owner="CIO")})
    result = score_result([ScoredCapability("a", "d", 1.0, 2.0)])
    text = render_recommendations(recommend(model, result), "markdown")
    assert "Split \\| pipes &lt;b&gt;" in text
    assert text.startswith("# Prioritised recommendations\n")


def test_table_wraps_action_and_rationale(worked: Analysis) -> None:
    text = render_recommendations(worked.recommendations, "table")
    assert all(len(line) <= 100 for line in text.splitlines()[2:] if line.startswith("     "))
    assert "     Do: Enforce MFA for every account." in text
    assert re.search(r"^     Why: Unblocks 1 step", text, re.MULTILINE)


def test_nothing_to_recommend_says_so() -> None:
    result = score_result([ScoredCapability("a", "d", 3.0, 3.0)])
    recs = recommend(DependencyModel(schema_version=1), result)
    assert render_recommendations(recs, "table").startswith("No recommendations")
    assert json.loads(render_recommendations(recs, "json"))["recommendations"] == []


def test_listing() -> None:
    assert listing([]) == ""
    assert listing(["A"]) == "A"
    assert listing(["A", "B"]) == "A and B"
    assert listing(["A", "B", "C"]) == "A, B and C"
    assert listing(["A", "B", "C", "D"], plural="things") == "A, B and 2 more things"
    assert listing(["A", "B"], 9, "things", limit=2) == "A and 8 more things"


def test_example_top_five_read_as_advice() -> None:
    """On the bundled example each of the top five names programmes and technologies."""
    if not (ROOT / "examples" / "northshire" / "responses").is_dir():
        pytest.skip("example responses not present")
    recs = analyse(ROOT / "examples" / "northshire").recommendations
    top = recs.items[:5]
    assert len(top) == 5
    programme_names = [n for _, n in recs.programmes]
    for rec in top:
        assert rec.action_source == "library"
        assert rec.programmes and rec.technologies
        assert "through" in rec.rationale
        assert any(name in rec.rationale for name in programme_names)


def test_example_json_is_stable(tmp_path: Path) -> None:
    if not (ROOT / "examples" / "northshire" / "responses").is_dir():
        pytest.skip("example responses not present")
    one = render_recommendations(analyse(ROOT / "examples" / "northshire").recommendations,
                                 "json")
    two = render_recommendations(analyse(ROOT / "examples" / "northshire").recommendations,
                                 "json")
    assert one == two
