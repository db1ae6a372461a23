"""assess recommend, roadmap and graph on the command line; broken dependency models."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main
from assess.load.loader import load_model
from assess.models import Questionnaire

from .conftest import DATA, ROOT

WORKED = DATA / "prioritise" / "worked"


def test_recommend_formats(runner: CliRunner) -> None:
    table = runner.invoke(main, ["recommend", str(WORKED)])
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[2].startswith("1  Identity        1 -> 2 Developing    104.25")
    data = json.loads(runner.invoke(main, ["recommend", str(WORKED), "--format", "json"]).stdout)
    assert [r["id"] for r in data["recommendations"]] == [
        "identity:2", "identity:3", "cloud:2", "cloud:3", "network:3"]
    csv_out = runner.invoke(main, ["recommend", str(WORKED), "--format", "csv"]).stdout
    assert csv_out.splitlines()[0].startswith("rank,id,capability,capability_name,domain")
    md = runner.invoke(main, ["recommend", str(WORKED), "--format", "markdown"]).stdout
    assert md.startswith("# Prioritised recommendations")


def test_recommend_filters(runner: CliRunner) -> None:
    out = runner.invoke(main, ["recommend", str(WORKED), "--format", "json", "--top", "2",
                               "--programme", "ops"])
    assert [r["rank"] for r in json.loads(out.stdout)["recommendations"]] == [1, 2]
    out = runner.invoke(main, ["recommend", str(WORKED), "--format", "json",
                               "--programme", "digital", "--domain", "infra"])
    assert "network:3" not in [r["id"] for r in json.loads(out.stdout)["recommendations"]]
    bad = runner.invoke(main, ["recommend", str(WORKED), "--domain", "cloud"])
    assert bad.exit_code == 3
    assert bad.stderr == "error: unknown domain 'cloud' (known: infra)\n"
    # An id the input does not hold is invalid input (3), not a usage error (2).
    bad = runner.invoke(main, ["recommend", str(WORKED), "--programme", "nosuch"])
    assert bad.exit_code == 3
    assert bad.stderr == "error: unknown programme 'nosuch' (known: digital, ops)\n"
    assert runner.invoke(main, ["recommend", str(WORKED), "--top", "0"]).exit_code == 2


def test_an_empty_filtered_view_does_not_claim_every_target_met(runner: CliRunner,
                                                                 tmp_path: Path) -> None:
    # A domain nobody answered used to print "every assessed capability meets its target"
    # and list the unscored capabilities of every domain.
    acme = tmp_path / "acme"
    assert runner.invoke(main, ["init", str(acme)]).exit_code == 0
    example = ROOT / "examples" / "northshire" / "responses"
    for path in example.glob("cloud.*.yaml"):
        shutil.copy(path, acme / "responses" / path.name)
    out = runner.invoke(main, ["recommend", str(acme), "--domain", "network"])
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    assert lines[0] == "No recommendations in domain 'network'."
    assert lines[1].startswith("Not scored (no answers counted), so nothing recommended: "
                               "WAN and SD-WAN, ")  # names, not ids, in human output
    assert "power_cooling" not in out.stdout
    md = runner.invoke(main, ["recommend", str(acme), "--domain", "network", "--format",
                              "markdown"]).stdout
    assert "No recommendations in domain 'network'." in md
    assert "meets its target" not in md
    data = json.loads(runner.invoke(main, ["recommend", str(acme), "--domain", "network",
                                           "--format", "json"]).stdout)
    assert data["recommendations"] == []
    network, _ = load_model(ROOT / "questionnaires" / "network.yaml", Questionnaire)
    assert data["unscored"] == [c.id for c in network.capabilities]
    whole = runner.invoke(main, ["recommend", str(acme), "--domain", "cloud"]).stdout
    assert "Not scored" not in whole


def test_recommend_programmes_shows_readiness(runner: CliRunner) -> None:
    out = runner.invoke(main, ["recommend", str(WORKED), "--programmes", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert [p["id"] for p in json.loads(out.stdout)["programmes"]] == ["digital", "ops"]
    table = runner.invoke(main, ["recommend", str(WORKED), "--programmes"]).stdout
    assert table.startswith("Programme      Weight  Readiness  Status")


@pytest.mark.parametrize("option", [["--top", "2"], ["--domain", "infra"],
                                    ["--programme", "ops"]])
def test_programmes_refuses_recommendation_filters(runner: CliRunner, option: list[str]) -> None:
    # They used to be ignored silently.
    out = runner.invoke(main, ["recommend", str(WORKED), "--programmes", *option])
    assert out.exit_code == 2
    assert "cannot be combined with --programmes" in out.stderr


def test_graph_format_follows_the_output_name(runner: CliRunner, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # --format used to be required although SPEC.md shows it optional.
    monkeypatch.chdir(tmp_path)
    out = runner.invoke(main, ["graph", str(WORKED)])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "dependency-graph.png").read_bytes().startswith(b"\x89PNG")
    out = runner.invoke(main, ["graph", str(WORKED), "-o", "g.svg"])
    assert out.exit_code == 0, out.output
    assert b"<svg" in (tmp_path / "g.svg").read_bytes()[:400]
    out = runner.invoke(main, ["graph", str(WORKED), "-o", "g.json"])
    assert json.loads((tmp_path / "g.json").read_text())["nodes"]
    out = runner.invoke(main, ["graph", str(WORKED), "--format", "png", "-o", "x.svg"])
    assert out.exit_code == 2
    assert "does not match the output name" in out.stderr
    assert not (tmp_path / "x.svg").exists()


def test_roadmap(runner: CliRunner, tmp_path: Path) -> None:
    out = runner.invoke(main, ["roadmap", str(WORKED), "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert [p["recommendations"] for p in data["phases"]] == [
        ["identity:2", "identity:3"], ["cloud:2", "network:3"], ["cloud:3"]]
    target = tmp_path / "roadmap.md"
    out = runner.invoke(main, ["roadmap", str(WORKED), "--capacity", "200", "--format",
                               "markdown", "-o", str(target)])
    assert out.exit_code == 0, out.output
    assert "## 0-6 months (months 0-6): 130 of 200 person-days, 5 steps" in target.read_text()
    assert runner.invoke(main, ["roadmap", str(WORKED), "--capacity", "0"]).exit_code == 2
    table = runner.invoke(main, ["roadmap", str(WORKED)]).stdout
    assert table.startswith("0-6 months (months 0-6): 50 of 50 person-days, 2 steps\n")
    out = runner.invoke(main, ["roadmap", str(WORKED), "--capacity", "20", "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[-1] == \
        "backlog,2,network:3,network,Network,infra,2,3,25.0,Network Team,S,20.0,5," \
        ",0.0,25000.0,0.0,5000.0"


def test_recommend_table_names_the_steps_needed_first(runner: CliRunner) -> None:
    table = runner.invoke(main, ["recommend", str(WORKED)]).stdout
    row = next(line for line in table.splitlines() if line.startswith("4  "))
    assert row.endswith("Cloud platform to 2, Network to 3")
    markdown = runner.invoke(main, ["recommend", str(WORKED), "--format", "markdown"]).stdout
    assert "| Cloud platform to 2, Network to 3 |" in markdown
    assert "cloud:2" not in table and "cloud:2" not in markdown
    csv_out = runner.invoke(main, ["recommend", str(WORKED), "--format", "csv"]).stdout
    assert ",cloud:2;network:3," in csv_out  # ids stay in CSV (and JSON)


def test_graph_outputs(runner: CliRunner, tmp_path: Path,
                       monkeypatch: pytest.MonkeyPatch) -> None:
    out = runner.invoke(main, ["graph", str(WORKED), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert len(json.loads(out.stdout)["nodes"]) == 9
    graphml = runner.invoke(main, ["graph", str(WORKED), "--format", "graphml"]).stdout
    assert graphml.startswith("<graphml")
    png = tmp_path / "g.png"
    out = runner.invoke(main, ["graph", str(WORKED), "--format", "png", "-o", str(png)])
    assert out.exit_code == 0 and png.read_bytes()[:4] == b"\x89PNG"
    monkeypatch.chdir(tmp_path)
    out = runner.invoke(main, ["graph", str(WORKED), "--format", "svg"])
    assert out.stderr == "wrote dependency-graph.svg\n"
    assert (tmp_path / "dependency-graph.svg").read_text().startswith("<?xml")


def _broken(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dependencies: str) -> None:
    """The worked example with its dependency model replaced; run from tmp_path."""
    shutil.copytree(WORKED, tmp_path / "ws")
    (tmp_path / "ws" / "dependencies.yaml").write_text(MODEL_HEAD + textwrap.dedent(dependencies))
    monkeypatch.chdir(tmp_path)


MODEL_HEAD = textwrap.dedent("""\
    schema_version: 1
    programmes:
      - {id: digital, name: Digital First}
    technologies:
      - {id: idp, name: Identity platform, programmes: [{programme: digital}]}
    """)


@pytest.mark.parametrize("command", ["recommend", "roadmap", "graph", "validate"])
def test_prerequisite_cycle_exits_3_naming_it(command: str, runner: CliRunner, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    _broken(tmp_path, monkeypatch, """\
    capabilities:
      - capability: identity
        prerequisites: [{capability: cloud, level: 2}]
      - capability: cloud
        prerequisites: [{capability: network, level: 2}]
      - capability: network
        prerequisites: [{capability: identity, level: 3}]
    """)
    args = {"graph": ["graph", "ws", "--format", "json"],
            "validate": ["validate", "ws/assessment.yaml"]}.get(command, [command, "ws"])
    result = runner.invoke(main, args)
    assert result.exit_code == 3
    assert result.stderr == ("ws/dependencies.yaml:8: capabilities[0].prerequisites[0]: "
                             "prerequisite cycle: identity:1 -> cloud:2 -> cloud:1 -> network:2 -> "
                             "network:1 -> identity:3 -> identity:1\n")


def test_dangling_ids_exit_3_naming_them(runner: CliRunner, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _broken(tmp_path, monkeypatch, """\
      - {id: lz, name: Landing zone, programmes: [{programme: modernisation}]}
    capabilities:
      - capability: identity
        technologies: [{technology: crm}]
        prerequisites: [{capability: ghost, level: 2}]
    """)
    from assess.load.checks import _known
    from assess.load.workspace import all_capability_ids

    known = _known(all_capability_ids(tmp_path / "ws"))
    result = runner.invoke(main, ["recommend", "ws"])
    assert result.exit_code == 3
    assert result.stderr == (
        "ws/dependencies.yaml:6: technologies[1].programmes[0].programme: unknown programme "
        "'modernisation' (known: digital)\n"
        "ws/dependencies.yaml:9: capabilities[0].technologies[0].technology: unknown "
        "technology 'crm' (known: idp, lz)\n"
        f"ws/dependencies.yaml:10: capabilities[0].prerequisites[0].capability: unknown "
        f"capability 'ghost' {known}\n")


def test_demo_prints_the_top_recommendations(runner: CliRunner) -> None:
    if not (ROOT / "examples" / "northshire" / "responses").is_dir():
        pytest.skip("example responses not present")
    result = runner.invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    tail = result.stdout.split("Top recommendations", 1)[1]
    assert [line[:2] for line in tail.splitlines() if line[:1].isdigit()] == [
        "1 ", "2 ", "3 ", "4 ", "5 "]


def test_demo_writes_recommendations_and_roadmap(tmp_path: Path) -> None:
    if not (ROOT / "examples" / "northshire" / "responses").is_dir():
        pytest.skip("example responses not present")
    from assess.pipeline import run_demo

    out = tmp_path / "out"
    # run_demo yields as it goes; stop once our files are written (the reports written
    # after them are another test's business and take seconds)
    for line in run_demo(out):
        if line.endswith("roadmap.md"):
            break
    for name in ("recommendations.json", "roadmap.json", "roadmap.md"):
        assert (out / name).is_file(), name
    data = json.loads((out / "recommendations.json").read_text())
    assert data["recommendations"][0]["rank"] == 1
    assert json.loads((out / "roadmap.json").read_text())["phases"][0]["name"] == "0-6 months"


def test_recommend_and_roadmap_import_no_drawing_libraries() -> None:
    code = ("import sys; from assess.cli import main\n"
            f"for cmd in (['recommend', {str(WORKED)!r}], ['roadmap', {str(WORKED)!r}]):\n"
            "    try: main(cmd)\n"
            "    except SystemExit: pass\n"
            "print(sorted(m for m in ('matplotlib', 'jinja2', 'openpyxl', 'weasyprint') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
