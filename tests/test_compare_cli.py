"""`assess compare` and `assess trend` on the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from assess.cli import main

from .conftest import DATA, EXAMPLE, ROOT

BASE = DATA / "progress" / "base"
CURRENT = DATA / "progress" / "current"


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_compare_json_and_its_fixed_keys() -> None:
    code, out, _ = run("compare", BASE, CURRENT, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {"baseline", "current", "delta"} <= set(data["overall"])
    assert data["domains"][0]["capabilities"][0]["id"] == "alpha_cap"
    assert data["baseline"]["date"] == "2025-06-01" and data["months"] == 12


def test_compare_one_folder_uses_its_baseline() -> None:
    explicit = run("compare", BASE, CURRENT, "--format", "json")
    implied = run("compare", CURRENT, "--format", "json")
    assert implied[0] == 0 and implied[1] == explicit[1]


def test_compare_without_baseline_is_an_error() -> None:
    code, _, err = run("compare", BASE)
    assert code == 3
    assert err.startswith("error: ") and "names none" in err


def test_compare_more_than_two_is_a_usage_error() -> None:
    code, _, err = run("compare", BASE, CURRENT, BASE)
    assert code == 2 and "not 3 folders" in err


def test_compare_table_markdown_and_output_file(tmp_path: Path) -> None:
    code, out, _ = run("compare", BASE, CURRENT)
    assert code == 0
    assert "Progress Ltd — progress since the baseline" in out
    assert "Matched through `replaces`: AL-B-OLD → AL-B-02" in out
    assert "AL-B-GONE: removed since the baseline" in out
    target = tmp_path / "progress.md"
    code, out, err = run("compare", CURRENT, "--format", "markdown", "-o", target)
    assert code == 0 and out == "" and err == f"wrote {target}\n"
    text = target.read_text()
    assert text.startswith("# Progress Ltd — progress since the baseline")
    assert "| alpha | AL-B-NEW | – | added since the baseline |" in text
    assert "| alpha_cap:2 | Alpha capability | 1 → 2 | 2 | 0-6 months |" in text


def test_compare_tolerance_option() -> None:
    wide = json.loads(run("compare", CURRENT, "--format", "json", "--tolerance", "5")[1])
    assert wide["summary"]["unchanged"] == 3
    assert run("compare", CURRENT, "--tolerance", "-1")[0] == 2


def test_compare_refuses_other_organisations(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "assessment.yaml").write_text(
        (CURRENT / "assessment.yaml").read_text().replace("Progress Ltd", "Elsewhere plc")
        .replace("baseline: ../base", ""))
    (other / "questionnaires").symlink_to(CURRENT / "questionnaires")
    code, _, err = run("compare", BASE, other)
    assert code == 3
    assert err == ("error: baseline and current assess different organisations "
                   "('Progress Ltd' and 'Elsewhere plc'); progress is measured within one "
                   "organisation\n")


def test_trend_outputs_and_chart(tmp_path: Path) -> None:
    code, out, _ = run("trend", CURRENT, BASE, "--format", "csv")
    assert code == 0 and out.startswith("date,source,domain,capability,")
    chart = tmp_path / "trend.svg"
    code, out, err = run("trend", CURRENT, "--follow", "--chart", chart, "--format", "json")
    assert code == 0, err
    assert [a["date"] for a in json.loads(out)["assessments"]] == ["2025-06-01", "2026-06-01"]
    assert chart.read_bytes().startswith(b"<?xml") and f"wrote {chart}" in err


def test_trend_usage_errors() -> None:
    assert run("trend", CURRENT, "--chart", "trend.gif")[0] == 2
    assert run("trend", CURRENT, BASE, "--follow")[0] == 2
    code, _, err = run("trend", CURRENT)
    assert code == 3 and "at least two assessments" in err
    assert "or one with --follow" in err
    # The base names no baseline: --follow used to say "at least two ..., got 1".
    code, _, err = run("trend", BASE, "--follow")
    assert code == 3 and "names no baseline to follow" in err


def test_compare_does_not_import_drawing_libraries() -> None:
    code = ("import sys; from click.testing import CliRunner; from assess.cli import main; "
            f"r = CliRunner().invoke(main, ['compare', {str(CURRENT)!r}]); "
            "assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in ('matplotlib', 'jinja2', 'openpyxl') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"


def test_example_compared_with_itself_is_unchanged() -> None:
    data = json.loads(run("compare", EXAMPLE, EXAMPLE, "--format", "json")[1])
    assert data["overall"]["delta"] == 0
    statuses = {c["status"] for d in data["domains"] for c in d["capabilities"]}
    assert statuses == {"unchanged"}


def test_old_ids_without_the_old_questionnaire_point_at_the_fix(tmp_path: Path,
                                                                in_root: Path) -> None:
    folder = tmp_path / "base"
    (folder / "responses").mkdir(parents=True)
    (folder / "assessment.yaml").write_text((BASE / "assessment.yaml").read_text())
    (folder / "questionnaires").mkdir()
    for name in ("alpha.yaml", "gamma.yaml"):  # version 2 of alpha, not the one answered
        (folder / "questionnaires" / name).write_text(
            (CURRENT / "questionnaires" / name).read_text())
    for response in (BASE / "responses").iterdir():
        (folder / "responses" / response.name).write_text(response.read_text())
    code, _, err = run("compare", folder, CURRENT)
    assert code == 3
    lines = err.splitlines()
    assert lines[0].endswith("answers.AL-B-OLD: unknown question 'AL-B-OLD' in questionnaire "
                             "'alpha' (replaced by 'AL-B-02' in version 2: keep the version "
                             "this assessment was answered with in its questionnaires/ "
                             "folder, or rename the answer; docs/progress.md)")
    assert lines[1].endswith("answers.AL-B-GONE: unknown question 'AL-B-GONE' in "
                             "questionnaire 'alpha'")


def test_example_against_its_baseline() -> None:
    code, out, err = run("compare", EXAMPLE, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["baseline"]["date"] == "2025-10-14" and data["months"] == 12
    assert data["baseline"]["questionnaires"]["network"] == "2025.1"
    assert data["overall"]["status"] == "improved"
    assert data["summary"]["improved"] > data["summary"]["declined"] >= 1
    questions = data["questions"]
    assert data["baseline"]["questionnaires"]["cybersecurity"] == "2026.1"
    assert [(r["baseline"], r["current"]) for r in questions["renamed"]] == [
        ("NW-CHG-01", "NW-AUT-04"), ("NW-MGT-01", "NW-SEG-05"),
        ("CY-DS-04", "CY-BR-01"), ("CY-IR-04", "CY-BR-04")]  # backups moved into one home
    added = [a["id"] for a in questions["added"]]
    assert {"NW-AUT-05", "NW-RA-04", "NW-TEL-01", "CY-BR-02", "CY-OT-04"} <= set(added)
    assert [r["id"] for r in questions["removed"]] == ["NW-WAN-06"]
    # New questions since the baseline (split halves, new capabilities, digital governance)
    # count but cannot be compared.
    assert 0.7 < questions["coverage"] < 0.9
    assert data["recommendations"]["due"] > 0
