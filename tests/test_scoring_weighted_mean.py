"""weighted_mean on the small hand-made assessment in tests/data/mini."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assess.cli import main
from assess.load.workspace import load_workspace
from assess.scoring import score_assessment

from .conftest import DATA


@pytest.fixture
def mini() -> dict:  # type: ignore[type-arg]
    result = CliRunner().invoke(main, ["score", str(DATA / "mini"), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_fixed_json_keys(mini: dict) -> None:  # type: ignore[type-arg]
    assert set(mini) >= {"assessment", "overall", "domains"}
    assert set(mini["assessment"]) >= {"organisation", "date", "framework"}
    assert set(mini["overall"]) >= {"score", "level", "target", "gap", "coverage"}
    domain = mini["domains"][0]
    assert set(domain) >= {"id", "name", "score", "level", "target", "gap", "coverage",
                           "capabilities"}
    assert set(domain["capabilities"][0]) >= {"id", "name", "score", "level", "target", "gap",
                                              "coverage", "spread", "disagreement"}


def test_numbers(mini: dict) -> None:  # type: ignore[type-arg]
    alpha, beta = mini["domains"][0]["capabilities"]
    # AL-A-01: median(1, 3) = 2 (weight 1); AL-A-02: median(3, 1) = 2 (weight 3) -> 2.0
    assert alpha["score"] == 2.0 and alpha["level"] == 2
    assert alpha["spread"] == 2.0 and alpha["disagreement"] is True
    assert alpha["coverage"] == 1.0
    # beta: AL-B-01 is n/a for both (leaves the denominator), AL-B-02 unanswered
    assert beta["score"] is None and beta["coverage"] == 0.0
    assert beta["target"] == 4.0  # capability override
    assert mini["domains"][0]["coverage"] == pytest.approx(2 / 3, abs=1e-4)
    assert mini["overall"]["score"] == 2.0


def test_unanswered_can_count_as_zero() -> None:
    ws = load_workspace(DATA / "mini")
    fw = ws.framework.model_copy(update={"unanswered": "zero"})
    inputs = ws.scoring_inputs()
    result = score_assessment(type(inputs)(inputs.assessment, fw, inputs.questionnaires,
                                           inputs.responses))
    # beta: AL-B-01 stays n/a (out), AL-B-02 unanswered counts as 0
    assert result.capability("beta_cap").score == 0.0


def test_same_input_same_bytes() -> None:
    runner = CliRunner()
    args = ["score", str(DATA / "mini"), "--format", "json"]
    assert runner.invoke(main, args).stdout == runner.invoke(main, args).stdout
