"""docs/scoring.md shows exactly what the tool prints on the worked examples.

Every ```console block starting with ``$ assess ...`` is run; its output must match the
block byte for byte. To refresh after a deliberate change of output, rerun each command
from the repository root and paste its output under the ``$`` line.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main

from .conftest import ROOT

BLOCK = re.compile(r"^```console\n\$ assess (?P<args>[^\n]*)\n(?P<out>.*?)^```$", re.M | re.S)
DOC = (ROOT / "docs" / "scoring.md").read_text(encoding="utf-8")
BLOCKS = [(m["args"], m["out"]) for m in BLOCK.finditer(DOC)]


def test_the_doc_has_a_block_per_example_and_view() -> None:
    assert len(BLOCKS) >= 8
    for example in ("weighted-mean", "c2m2-style", "iso33020-style", "samm-style"):
        assert any(f"examples/methods/{example}" in args for args, _ in BLOCKS), example


@pytest.mark.parametrize(("args", "expected"), BLOCKS, ids=[a for a, _ in BLOCKS])
def test_block_matches_the_tool(args: str, expected: str, in_root: Path) -> None:
    result = CliRunner().invoke(main, shlex.split(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.stdout == expected
