"""The built wheel carries the content folders and runs from another folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir",
                    str(out), str(ROOT)], check=True, capture_output=True)
    (path,) = out.glob("assess-*.whl")
    return path


def test_wheel_contains_content(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for folder in ("questionnaires", "frameworks", "reports", "examples"):
        assert any(n.startswith(f"assess/_content/{folder}/") for n in names), folder
    assert "assess/_content/frameworks/digital-foundations.yaml" in names
    assert "assess/_content/frameworks/dependencies/default.yaml" in names
    assert "assess/_content/examples/northshire/assessment.yaml" in names


def test_installed_wheel_runs_demo_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--target", str(target), str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run([sys.executable, "-c", "import assess; print(assess.__file__)"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.strip().startswith(str(target))
    demo = subprocess.run([sys.executable, "-m", "assess", "demo", "-o", "out"], cwd=elsewhere,
                          env=env, capture_output=True, text=True)
    assert demo.returncode == 0, demo.stderr
    assert "Northshire Council" in demo.stdout
    assert "OVERALL" in demo.stdout
    assert (elsewhere / "out" / "scores.json").is_file()
    # what the --help examples start from (tests/test_help_examples.py runs them all)
    copy = subprocess.run([sys.executable, "-m", "assess", "demo", "--copy", "work"],
                          cwd=elsewhere, env=env, capture_output=True, text=True)
    assert copy.returncode == 0, copy.stderr
    compare = subprocess.run([sys.executable, "-m", "assess", "compare", "work/northshire"],
                             cwd=elsewhere, env=env, capture_output=True, text=True)
    assert compare.returncode == 0, compare.stderr
    assert (elsewhere / "work" / "branding" / "logo.svg").is_file()
    assert (elsewhere / "work" / "returned" / "network.tom-okafor.xlsx").is_file()
