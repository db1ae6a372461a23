"""`assess portfolio ...` and `assess benchmark` on the command line."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from assess.cli import main

from .conftest import EXAMPLE, ROOT
from .portfolio_support import example_record


def _copy(tmp_path: Path, name: str, **replace: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(EXAMPLE, folder)
    yaml = folder / "assessment.yaml"
    text = yaml.read_text().replace("baseline: ../northshire-2025", "")
    for old, new in replace.items():
        text = text.replace(old, new)
    yaml.write_text(text)
    return folder


def test_add_many_skips_a_bad_one_with_its_located_errors(tmp_path: Path) -> None:
    good = _copy(tmp_path, "good")
    other = _copy(tmp_path, "other", **{"organisation: Northshire Council":
                                        "organisation: Southshire Council"})
    bad = _copy(tmp_path, "bad", **{"date: 2026-10-20": "date: someday"})
    db = f"sqlite:///{tmp_path / 'p.sqlite'}"
    result = CliRunner().invoke(main, ["portfolio", "add", str(good), str(bad), str(other),
                                       "--db", db], catch_exceptions=False)
    assert result.exit_code == 3
    assert f"skipped {bad}:" in result.stderr
    assert "assessment.yaml:" in result.stderr and ": date: " in result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"added 2, replaced 0, skipped 1 (errors above) in {db}")
    listed = CliRunner().invoke(main, ["portfolio", "list", "--db", db, "--format", "json"],
                                catch_exceptions=False)
    assert [a["organisation"] for a in json.loads(listed.stdout)["assessments"]] == [
        "Northshire Council", "Southshire Council"]
    again = CliRunner().invoke(main, ["portfolio", "add", str(good), "--db", db],
                               catch_exceptions=False)
    assert again.exit_code == 0
    assert "added 0, replaced 1" in again.stderr


def test_show_remove_and_export(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'p.sqlite'}"
    run = CliRunner().invoke
    assert run(main, ["portfolio", "add", str(EXAMPLE), "--db", db]).exit_code == 0
    shown = run(main, ["portfolio", "show", "Northshire Council", "--db", db])
    assert shown.stdout.startswith("Northshire Council, 2026-10-20\n")
    questions = len(example_record().answers)
    assert f"of {questions} questions answered" in shown.stdout
    exported = run(main, ["portfolio", "export", "--format", "csv", "--db", db]).stdout
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert {r["level"] for r in rows} == {"overall", "domain", "capability", "question"}
    assert sum(r["level"] == "question" for r in rows) == questions
    as_json = json.loads(run(main, ["portfolio", "export", "--format", "json",
                                    "--db", db]).stdout)
    assert "Grace Lin" not in json.dumps(as_json)
    removed = run(main, ["portfolio", "remove", "Northshire Council", "--db", db])
    assert removed.exit_code == 0 and "removed Northshire Council: 2026-10-20" in removed.stderr
    missing = run(main, ["portfolio", "show", "Northshire Council", "--db", db])
    assert missing.exit_code == 3
    assert "no assessment of 'Northshire Council' in the portfolio" in missing.stderr


def test_benchmark_json_has_the_fixed_keys(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'p.sqlite'}"
    peers = [_copy(tmp_path, f"peer{i}", **{"organisation: Northshire Council":
                                            f"organisation: Peer {i}"}) for i in range(5)]
    CliRunner().invoke(main, ["portfolio", "add", *map(str, peers), "--db", db],
                       catch_exceptions=False)
    out = CliRunner().invoke(main, ["benchmark", str(EXAMPLE), "--db", db, "--format",
                                    "json"], catch_exceptions=False)
    data = json.loads(out.stdout)
    assert {"peers", "group", "overall", "domains"} <= set(data)
    assert data["peers"] == 5
    assert set(data["overall"]) >= {"score", "percentile", "quartiles"}
    assert {"id", "score", "percentile", "quartiles"} <= set(data["domains"][0])
    assert data["overall"]["percentile"] == 50.0  # five peers with the same answers
    usage = CliRunner().invoke(main, ["benchmark", str(EXAMPLE), "--db", db,
                                      "--peers", "colour=red"])
    assert usage.exit_code == 2 and "unknown key 'colour'" in usage.stderr


def test_help_and_score_never_import_sqlalchemy() -> None:
    code = ("import sys\nfrom assess.cli import main\n"
            "for argv in (['--help'], ['score', sys.argv[1], '--format', 'json']):\n"
            "    try:\n        main(argv)\n    except SystemExit:\n        pass\n"
            "print(sorted(m for m in ('sqlalchemy', 'rich', 'psycopg') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "examples" / "northshire")],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_a_progress_bar_on_a_terminal_and_one_line_otherwise(tmp_path: Path) -> None:
    import pexpect

    folders = [str(_copy(tmp_path, f"org{i}", **{"organisation: Northshire Council":
                                                 f"organisation: Org {i}"})) for i in range(3)]
    db = f"sqlite:///{tmp_path / 'p.sqlite'}"
    argv = ["-m", "assess", "portfolio", "add", *folders, "--db", db]
    child = pexpect.spawn(sys.executable, argv, encoding="utf-8", timeout=120,
                          dimensions=(24, 120))
    child.expect(pexpect.EOF)
    assert "adding" in child.before and "3/3" in child.before
    assert "added 3, replaced 0" in child.before
    piped = subprocess.run([sys.executable, *argv], capture_output=True, text=True,
                           check=True)
    assert piped.stderr == f"added 0, replaced 3 in {db}\n"


def test_benchmark_reads_the_assessments_portfolio_key(tmp_path: Path) -> None:
    subject = _copy(tmp_path, "subject")
    with (subject / "assessment.yaml").open("a") as f:
        f.write("portfolio:\n  db: sqlite:///peers.sqlite\n  peers: {region: UK}\n"
                "  min_peers: 2\n")
    peers = [_copy(tmp_path, f"peer{i}", **{"organisation: Northshire Council":
                                            f"organisation: Peer {i}"}) for i in range(2)]
    db = f"sqlite:///{subject / 'peers.sqlite'}"
    CliRunner().invoke(main, ["portfolio", "add", *map(str, peers), "--db", db],
                       catch_exceptions=False)
    out = CliRunner().invoke(main, ["benchmark", str(subject), "--format", "json"],
                             catch_exceptions=False)
    data = json.loads(out.stdout)
    assert (data["peers"], data["group"], data["min_peers"]) == (2, {"region": "UK"}, 2)
    assert data["overall"]["quartiles"] is not None
