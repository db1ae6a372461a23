"""Every example in every command's --help runs as written, in a fresh folder, after
`assess demo --copy work` (what a user who installed with pip has: no repository)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import COMMANDS, main


def examples(name: str | None) -> list[str]:
    """The example lines of ``assess [name] --help``, continuation lines joined."""
    result = CliRunner().invoke(main, [*([name] if name else []), "--help"])
    assert result.exit_code == 0
    lines = result.output.split("Example:", 1)[1].splitlines()
    found: list[str] = []
    joining = False
    for line in lines:
        text = line.strip()
        if joining:
            found[-1] = found[-1][:-1].rstrip() + " " + text
        elif text.startswith("assess "):
            found.append(text)
        elif found and not text:
            break
        joining = bool(found) and found[-1].endswith("\\")
    return found


def test_examples_are_found() -> None:
    assert examples("report")[-1] == ('assess report work/northshire --templates work/branding '
                                      '--title "ICT review" --logo work/branding/logo.svg '
                                      '-o work/report')
    assert "assess demo --copy work && assess score work/northshire" in examples("demo")


@pytest.fixture
def shell_env(tmp_path: Path) -> dict[str, str]:
    """An environment where `assess` is this interpreter's assess, nothing else."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "assess"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m assess "$@"\n')
    shim.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}


@pytest.mark.parametrize("name", [None, *COMMANDS])
def test_every_help_example_runs_as_written(name: str | None, tmp_path: Path,
                                            shell_env: dict[str, str]) -> None:
    lines = examples(name)
    assert lines
    work = tmp_path / "here"
    work.mkdir()
    if not any("demo --copy" in line for line in lines):
        subprocess.run(["assess", "demo", "--copy", "work"], cwd=work, env=shell_env,
                       check=True, capture_output=True)
    for line in lines:
        # capture is interactive: with no input it saves what it has (nothing) and stops
        done = subprocess.run(line, shell=True, cwd=work, env=shell_env, text=True,
                              capture_output=True, stdin=subprocess.DEVNULL, timeout=300)
        assert done.returncode == 0, f"{line}\n{done.stderr}"
