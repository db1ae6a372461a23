"""The four registered scoring methods reproduce the published rules on hand-made cases.

C2M2 (cumulative), ISO/IEC 33020 (rated_attributes) and OWASP SAMM (sum_of_level_means)
rules as in docs/scoring.md; every boundary the issue names has its own case.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from assess.cli import main
from assess.load.workspace import load_workspace
from assess.models import Framework
from assess.scoring import score_assessment
from assess.scoring.methods import METHODS, Outcome, Scored, register
from assess.scoring.methods.rated_attributes import rate

from .conftest import DATA, ROOT
from .scoring_support import (
    c2m2,
    framework,
    iso,
    practices,
    question,
    result,
    run,
    samm,
)

# --- the registry ----------------------------------------------------------------------


def test_four_methods_registered_with_descriptions() -> None:
    assert set(METHODS) >= {"weighted_mean", "cumulative", "rated_attributes",
                            "sum_of_level_means"}
    assert all(m.description for m in METHODS.values())


def test_a_new_method_is_one_registered_function(tmp_path: Path) -> None:
    @register("always_top")
    def always_top(items: Scored, fw: Framework, params: Mapping[str, Any]) -> float:
        """Scores above the scale, to show the clamp."""
        return 99.0

    try:
        ws = load_workspace(DATA / "mini")
        fw = ws.framework.model_copy(update={"method": ws.framework.method.model_copy(
            update={"name": "always_top"})})
        inputs = ws.scoring_inputs()
        scored = score_assessment(type(inputs)(inputs.assessment, fw, inputs.questionnaires,
                                               inputs.responses))
        # clamped to the framework's scale (levels 0-5)
        assert scored.capability("alpha_cap").score == 5.0
        assert scored.method == "always_top"
    finally:
        METHODS.pop("always_top")


# --- weighted_mean ---------------------------------------------------------------------


def test_weighted_mean_uses_question_weights_and_leaves_out_na_and_unanswered() -> None:
    fw = framework("weighted_mean", low=0, high=5)
    items = [(question("a", weight=1), result("a", 1.0)),
             (question("b", weight=3), result("b", 3.0)),
             (question("c"), result("c", None, na=True)),
             (question("d"), result("d", None))]
    assert run("weighted_mean", items, fw).score == pytest.approx(2.5)  # (1*1 + 3*3) / 4


def test_weighted_mean_unanswered_as_zero_counts_the_lowest_level() -> None:
    fw = framework("weighted_mean", low=1, high=5, unanswered="zero")
    items = [(question("a"), result("a", 4.0)), (question("b"), result("b", None))]
    assert run("weighted_mean", items, fw).score == pytest.approx(2.5)  # (4 + 1) / 2


def test_weighted_mean_all_na_has_no_score() -> None:
    fw = framework("weighted_mean")
    assert run("weighted_mean", [(question("a"), result("a", None, na=True))], fw).score is None


# --- cumulative (C2M2 MIL) --------------------------------------------------------------


def test_cumulative_all_practices_achieved_reaches_the_top() -> None:
    items = practices(("p1", 1, 3), ("p2", 1, 2), ("p3", 2, 3), ("p4", 3, 2))
    out = run("cumulative", items, c2m2())
    assert out.score == 3
    assert [lv.achieved for lv in out.levels] == [True, True, True]


def test_one_partially_implemented_practice_at_mil1_keeps_mil0() -> None:
    # everything else Fully Implemented, up to MIL3
    items = practices(("p1", 1, 3), ("p2", 1, 1), ("p3", 2, 3), ("p4", 2, 3), ("p5", 3, 3))
    out = run("cumulative", items, c2m2())
    assert out.score == 0
    assert out.levels[0].blocking == ("p2",)
    assert out.levels[0].value == 0.5  # one of the two MIL1 practices achieved


@pytest.mark.parametrize(("answer", "level"), [(0, 1), (1, 1), (2, 3), (3, 3)])
def test_a_mil2_practice_decides_between_mil1_and_mil3(answer: float, level: int) -> None:
    items = practices(("p1", 1, 3), ("p2", 2, answer), ("p3", 3, 2))
    assert run("cumulative", items, c2m2()).score == level


def test_an_unanswered_practice_is_never_achieved() -> None:
    items = practices(("p1", 1, 3), ("p2", 1, None), ("p3", 2, 3))
    for fw in (c2m2(unanswered="exclude"), c2m2(unanswered="zero")):
        out = run("cumulative", items, fw)
        assert out.score == 0
        assert out.levels[1].blocking == ("p2",)  # the full list for MIL2: p2 is still there


def test_an_na_practice_leaves_the_set() -> None:
    items = practices(("p1", 1, 3), ("p2", 1, "n/a"), ("p3", 2, 2))
    assert run("cumulative", items, c2m2()).score == 2


def test_a_level_without_applicable_practices_is_not_achieved() -> None:
    # nothing at MIL3 to show, so MIL2 is the ceiling; nothing at all answered: no score
    assert run("cumulative", practices(("p1", 1, 3), ("p2", 2, 3)), c2m2()).score == 2
    assert run("cumulative", practices(("p1", 1, None)), c2m2()).score is None
    assert run("cumulative", practices(("p1", 1, None)), c2m2(unanswered="zero")).score == 0


def test_achieving_set_is_configurable() -> None:
    items = practices(("p1", 1, 3), ("p2", 1, 2))
    assert run("cumulative", items, c2m2()).score == 3 - 2  # LI achieves by default
    assert run("cumulative", items, c2m2(achieving=["FI"])).score == 0


@pytest.mark.parametrize(("combined", "achieved"), [(1.5, False), (1.999, False),
                                                     (1.9999999999, True), (2.0, True),
                                                     (2.5, True)])
def test_combined_values_achieve_from_the_lowest_achieving_value(combined: float,
                                                                 achieved: bool) -> None:
    # median of PI and LI is 1.5: not achieved; the tolerance only absorbs float error
    items = practices(("p1", 1, combined))
    assert run("cumulative", items, c2m2()).score == (1 if achieved else 0)


# --- rated_attributes (ISO/IEC 33020) ---------------------------------------------------


@pytest.mark.parametrize(("percent", "rating"), [
    (0, "N"), (15, "N"), (15.0001, "P"), (50, "P"), (50.0001, "L"), (85, "L"),
    (85.0001, "F"), (100, "F"), (50.000000000001, "P"), (0.1 + 0.2 + 49.7, "P")])
def test_rating_bands_upper_bound_belongs_to_the_band(percent: float, rating: str) -> None:
    assert rate(percent) == rating


def iso_items(**answers: float | None) -> list[tuple[Any, Any]]:
    """Indicators named after their attribute: PA1_1='85' -> attribute PA1.1."""
    items = []
    for name, value in answers.items():
        attr = name.split("_x")[0].replace("_", ".")
        items.append((question(name, attribute=attr), result(name, value)))
    return items


@pytest.mark.parametrize(("pa11", "level"), [(15, 0), (20, 0), (50, 0), (50.5, 1), (85, 1),
                                             (85.5, 3), (90, 3)])
def test_pa11_band_decides_level_one_and_gates_the_rest(pa11: float, level: int) -> None:
    # PA2.x and PA3.x fully achieved: level 1 needs PA1.1 L or F, level 2 needs it F
    items = iso_items(PA1_1=pa11, PA2_1=100, PA2_2=100, PA3_1=90, PA3_2=90)
    assert run("rated_attributes", items, iso()).score == level


@pytest.mark.parametrize(("pa21", "pa22", "level"), [(100, 100, 3), (60, 100, 2),
                                                     (85, 85, 2), (50, 100, 1), (15, 15, 1)])
def test_level_n_needs_its_attributes_l_or_f_and_all_lower_f(pa21: float, pa22: float,
                                                             level: int) -> None:
    items = iso_items(PA1_1=100, PA2_1=pa21, PA2_2=pa22, PA3_1=60, PA3_2=85)
    assert run("rated_attributes", items, iso()).score == level


def test_attribute_achievement_is_the_mean_of_its_indicators() -> None:
    # (100 + 0) / 2 = 50 -> P, so not even level 1; (100 + 10 + 60 + 50) / 4 = 55 -> L
    out = run("rated_attributes", iso_items(PA1_1_x1=100, PA1_1_x2=0), iso())
    assert out.score == 0
    assert out.levels[0].parts[0].value == 50 and out.levels[0].parts[0].rating == "P"
    items = iso_items(PA1_1_x1=100, PA1_1_x2=10, PA1_1_x3=60, PA1_1_x4=50)
    assert run("rated_attributes", items, iso()).score == 1


def test_an_unrated_attribute_blocks_its_level() -> None:
    out = run("rated_attributes", iso_items(PA1_1=100, PA2_1=100, PA3_1=100, PA3_2=100), iso())
    assert out.score == 1
    assert out.levels[1].blocking == ("PA2.2",)
    assert [p.rating for p in out.levels[1].parts] == ["F", None]


def test_rated_attributes_detail_lists_blockers_of_each_level() -> None:
    out = run("rated_attributes", iso_items(PA1_1=85, PA2_1=100, PA2_2=50), iso())
    assert out.score == 1
    assert out.levels[1].blocking == ("PA1.1", "PA2.2")  # PA1.1 L is not F; PA2.2 P
    assert out.levels[2].blocking == ("PA1.1", "PA2.2", "PA3.1", "PA3.2")


# --- sum_of_level_means (OWASP SAMM) -----------------------------------------------------


def samm_items(*specs: tuple[int, str, float | str | None]) -> list[tuple[Any, Any]]:
    items: list[tuple[Any, Any]] = []
    for level, stream, value in specs:
        qid = f"L{level}{stream}{len(items)}"
        combined = None if isinstance(value, str) else value
        items.append((question(qid, level=level, stream=stream),
                      result(qid, combined, na=value == "n/a")))
    return items


def test_samm_score_is_the_sum_of_the_stream_means_per_level() -> None:
    items = samm_items((1, "A", 1), (1, "B", 0.5), (2, "A", 0.25), (2, "B", 0),
                       (3, "A", 0), (3, "B", 0))
    out = run("sum_of_level_means", items, samm())
    assert [lv.value for lv in out.levels] == [0.75, 0.125, 0.0]
    assert out.score == pytest.approx(0.875)


def test_samm_levels_do_not_gate_each_other_and_top_out_at_three() -> None:
    assert run("sum_of_level_means", samm_items((1, "A", 0), (1, "B", 0), (2, "A", 1),
                                                (2, "B", 1)), samm()).score == 1.0
    full = samm_items(*((lv, s, 1.0) for lv in (1, 2, 3) for s in "AB"))
    assert run("sum_of_level_means", full, samm()).score == 3.0


def test_samm_na_stream_leaves_its_level_mean_an_unanswered_one_counts_0() -> None:
    items = samm_items((1, "A", 0.5), (1, "B", "n/a"), (2, "A", 0.25), (2, "B", None))
    out = run("sum_of_level_means", items, samm())
    # Level 1: B is n/a, so A alone. Level 2: B unanswered counts as 0, as the SAMM
    # toolbox counts it, whatever `unanswered` says: (0.25 + 0) / 2.
    assert [lv.value for lv in out.levels] == [0.5, 0.125, None]
    assert out.score == 0.625
    assert run("sum_of_level_means", items, samm(unanswered="zero")).score == 0.625


def test_samm_several_questions_in_a_stream_are_averaged_by_weight() -> None:
    items = [(question("a1", level=1, stream="A", weight=3), result("a1", 1.0)),
             (question("a2", level=1, stream="A"), result("a2", 0.0)),
             (question("b1", level=1, stream="B"), result("b1", 0.5))]
    assert run("sum_of_level_means", items, samm()).score == pytest.approx((0.75 + 0.5) / 2)


def test_outcome_and_plain_float_both_work() -> None:
    assert isinstance(run("weighted_mean", [(question("a"), result("a", 2.0))],
                          framework("weighted_mean")), Outcome)
    assert METHODS["cumulative"].score(practices(("p", 1, 3)), c2m2(), {}) == 3 - 2


# --- the worked examples (docs/scoring.md quotes these numbers) -----------------------------


@pytest.mark.parametrize(("example", "scores"), [
    ("weighted-mean", {"wp_devices": 2.75, "wp_service_desk": 1.0}),
    ("c2m2-style", {"ot_assets": 1.0, "ot_access": 0.0, "ot_response": 1.0}),
    ("iso33020-style", {"incident_process": 1.0, "change_process": 1.0}),
    ("samm-style", {"threat_assessment": 1.25, "security_testing": 1.5}),
])
def test_worked_examples(example: str, scores: dict[str, float]) -> None:
    result_ = score_assessment(load_workspace(ROOT / "examples" / "methods" / example)
                               .scoring_inputs())
    assert {c.id: c.score for c in result_.capabilities()} == scores


# --- parameters and questions are checked, with file, line and field ----------------------


def validate(tmp_path: Path, name: str, text: str) -> tuple[int, str]:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text))
    out = CliRunner().invoke(main, ["validate", str(path)])
    return out.exit_code, out.output.replace(str(tmp_path) + "/", "")


FRAMEWORK_HEAD = """\
    schema_version: 1
    id: bad
    name: Bad
    levels:
      - {level: 0, name: Zero, description: none}
      - {level: 1, name: One, description: some}
      - {level: 2, name: Two, description: more}
"""


def test_cumulative_parameters_are_checked(tmp_path: Path) -> None:
    code, out = validate(tmp_path, "fw.yaml", FRAMEWORK_HEAD + """\
    answer_scale:
      - {label: NI, name: Not, value: 0}
      - {label: PI, name: Partly, value: 1, achieves: true}
      - {label: LI, name: Largely, value: 2}
    method:
      name: cumulative
      params: {achieving: [PI, XX], weights: true}
    """)
    assert code == 3
    assert out == (
        "fw.yaml:14: method.params.achieving[1]: 'XX' is not a label of the answer scale "
        "(known: NI, PI, LI)\n"
        "fw.yaml:14: method.params.weights: unknown parameter 'weights' for method "
        "'cumulative' (known: achieving)\n")


def test_an_achieving_set_with_a_hole_is_refused(tmp_path: Path) -> None:
    code, out = validate(tmp_path, "fw.yaml", FRAMEWORK_HEAD + """\
    answer_scale:
      - {label: NI, name: Not, value: 0}
      - {label: PI, name: Partly, value: 1, achieves: true}
      - {label: LI, name: Largely, value: 2}
    method: {name: cumulative}
    """)
    assert code == 3
    assert out == ("fw.yaml:12: method: the achieving answers must be the highest-valued "
                   "ones, but LI (not achieving) scores at least as high as an achieving "
                   "answer\n")


def test_practice_methods_need_an_answer_scale(tmp_path: Path) -> None:
    code, out = validate(tmp_path, "fw.yaml", FRAMEWORK_HEAD + "    method: {name: cumulative}\n")
    assert code == 3
    assert out == ("fw.yaml:8: method: method 'cumulative' needs an 'answer_scale' (labels and "
                   "values)\n")


def test_rated_attributes_parameters_are_checked(tmp_path: Path) -> None:
    code, out = validate(tmp_path, "fw.yaml", FRAMEWORK_HEAD + """\
    answer_scale:
      - {label: N, name: Not, value: 0}
      - {label: F, name: Fully, value: 120}
    method:
      name: rated_attributes
      params:
        attributes: {PA1.1: 1, PA9.9: 9}
        bands: {N: 15, P: 50, L: 40, F: 100}
    """)
    assert code == 3
    assert out == (
        "fw.yaml:10: answer_scale[1].value: 120 is not a percentage (0-100)\n"
        "fw.yaml:14: method.params.attributes: levels [2] have no process attribute, so "
        "they could never be achieved\n"
        "fw.yaml:14: method.params.attributes.PA9.9: attribute 'PA9.9': level 9 is not a "
        "level of the framework above 0\n"
        "fw.yaml:15: method.params.bands: expected upper bounds {N: .., P: .., L: .., F: 100} "
        "rising from above 0, e.g. {N: 15, P: 50, L: 85, F: 100}\n")


def test_sum_of_level_means_parameters_are_checked(tmp_path: Path) -> None:
    code, out = validate(tmp_path, "fw.yaml", FRAMEWORK_HEAD + """\
    answer_scale:
      - {label: None, name: Nothing, value: 0}
      - {label: Most, name: Most, value: 2}
    method: {name: sum_of_level_means, params: {streams: [A, A]}}
    """)
    assert code == 3
    assert out == (
        "fw.yaml:10: answer_scale[1].value: 2 is outside 0-1 (each level adds at most 1 to "
        "the score)\n"
        "fw.yaml:11: method.params.streams: expected a list of distinct stream names, "
        "e.g. [A, B]\n")


def test_practice_questions_need_their_tags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = validate(tmp_path, "q.yaml", """\
    schema_version: 1
    id: q
    name: Q
    framework: samm-style
    capabilities: [{id: cap, name: Cap}]
    questions:
      - {id: Q1, capability: cap, text: One?, level: 1}
      - {id: Q2, capability: cap, text: Two?, level: 0, stream: A}
      - {id: Q3, capability: cap, text: Three?, level: 2, stream: C}
      - {id: Q4, capability: cap, text: Four?, stream: B}
    """)
    assert code == 3
    assert out == (
        "q.yaml:7: questions[0]: method 'sum_of_level_means' needs the question's 'stream' "
        "(one of A, B)\n"
        "q.yaml:8: questions[1].level: a practice cannot belong to the lowest level 0; use 1 "
        "or higher\n"
        "q.yaml:9: questions[2].stream: unknown stream 'C' (known: A, B)\n"
        "q.yaml:10: questions[3]: method 'sum_of_level_means' scores practices: the question "
        "needs 'level' (a level above 0)\n")


def test_attribute_questions_need_a_known_attribute(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out = validate(tmp_path, "q.yaml", """\
    schema_version: 1
    id: q
    name: Q
    framework: iso33020-style
    capabilities: [{id: cap, name: Cap}]
    questions:
      - {id: Q1, capability: cap, text: One?}
      - {id: Q2, capability: cap, text: Two?, attribute: PA7.1}
      - {id: Q3, capability: cap, text: Three?, attribute: PA2.1, level: 3}
    """)
    assert code == 3
    known = "PA1.1, PA2.1, PA2.2, PA3.1, PA3.2, PA4.1, PA4.2, PA5.1, PA5.2"
    assert out == (
        f"q.yaml:7: questions[0]: method 'rated_attributes' scores process attributes: the "
        f"question needs 'attribute' (one of {known})\n"
        f"q.yaml:8: questions[1].attribute: unknown process attribute 'PA7.1' (known: {known})\n"
        "q.yaml:9: questions[2].level: level 3 contradicts attribute PA2.1 (level 2)\n")
