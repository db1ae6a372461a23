"""Every deliberately broken file in tests/data/invalid/ gives exactly its .expected text."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main

INVALID = Path(__file__).parent / "data" / "invalid"
CASES = sorted(p for p in INVALID.glob("*.yaml") if p.with_suffix(".expected").exists())


def test_every_invalid_file_has_an_expectation() -> None:
    missing = [p.name for p in INVALID.glob("*.yaml") if not p.with_suffix(".expected").exists()]
    assert missing == []


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_invalid_file_reports_exact_errors(path: Path, in_root: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", str(path.relative_to(in_root))])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr == path.with_suffix(".expected").read_text(encoding="utf-8")


def test_oversized_file_is_refused(tmp_path: Path, runner: CliRunner) -> None:
    from assess import yamlio

    big = tmp_path / "big.yaml"
    big.write_text("schema_version: 1\n" + "# padding\n" * (yamlio.MAX_FILE_BYTES // 10 + 1))
    result = runner.invoke(main, ["validate", str(big)])
    assert result.exit_code == 3
    assert "byte limit for one file" in result.stderr
    assert str(big) in result.stderr


def test_errors_from_several_files_are_all_listed(tmp_path: Path, runner: CliRunner) -> None:
    one = tmp_path / "one.yaml"
    two = tmp_path / "two.yaml"
    one.write_text("schema_version: 1\nquestionnaire: alpha\nrespondent: {name: A}\nextra: 1\n")
    two.write_text("schema_version: 1\nquestionnaire: alpha\nrespondent: {name: 5}\n")
    result = runner.invoke(main, ["validate", str(one), str(two)])
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert any(line.endswith("one.yaml:4: extra: unknown key 'extra'") for line in lines)
    assert any(line.endswith("two.yaml:3: respondent.name: expected text, got 5") for line in lines)
