"""assess demo --copy DIR: the example's files in a folder of the user's, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from assess.cli import main


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(catch_exceptions=False)


def test_copy_gives_both_assessments_with_the_baseline_link_working(
        runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "work").mkdir()  # an empty folder is fine
    result = runner.invoke(main, ["demo", "--copy", "work"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "next: assess score work/northshire"
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == [
        "branding", "imports", "northshire", "northshire-2025", "returned"]
    assert [p.name for p in tmp_path.iterdir()] == ["work"]  # no staging folder left
    compare = runner.invoke(main, ["compare", "work/northshire", "--format", "json"])
    assert compare.exit_code == 0, compare.output
    # the returned workbook imports into the answers it was made from
    runner.invoke(main, ["init", "fresh"])
    # in the same sector, so the questions carry the same words as the workbook's
    with Path("fresh", "assessment.yaml").open("a", encoding="utf-8") as fh:
        fh.write("sector: local-government\n")
    imported = runner.invoke(main, ["import", "work/returned/network.tom-okafor.xlsx",
                                    "-o", "fresh/responses"])
    assert imported.exit_code == 0, imported.output
    got, sent = (yaml.safe_load(Path(folder, "responses", "network.tom-okafor.yaml")
                                .read_text(encoding="utf-8"))
                 for folder in ("fresh", "work/northshire"))
    assert got["respondent"] == sent["respondent"]
    assert got["answers"] == sent["answers"]


@pytest.mark.parametrize("make", ["file", "full"])
def test_copy_refuses_a_file_or_a_folder_with_something_in_it(
        make: str, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    if make == "file":
        Path("work").write_text("mine\n")
    else:
        Path("work").mkdir()
        Path("work/notes.txt").write_text("mine\n")
    result = runner.invoke(main, ["demo", "--copy", "work"])
    assert result.exit_code == 3
    reason = "is a file, not a folder" if make == "file" else "folder is not empty"
    assert result.stderr == (f"error: work: {reason}; give a new or empty folder (nothing "
                             "was copied)\n")
    assert sorted(str(p) for p in Path().rglob("*")) == (
        ["work"] if make == "file" else ["work", "work/notes.txt"])


def test_copy_and_output_are_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["demo", "--copy", str(tmp_path / "a"), "-o",
                                  str(tmp_path / "b")])
    assert result.exit_code == 2
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_copy_into_the_empty_working_folder(runner: CliRunner, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["demo", "--copy", "."])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "branding", "imports", "northshire", "northshire-2025", "returned"]  # nothing hidden left
