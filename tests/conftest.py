from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLE = ROOT / "examples" / "northshire"


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run with the repository root as working folder (error paths are shown relative)."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
