"""`assess --help` and `assess score` against their import floors (SPEC.md section 9)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_of, report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "northshire")
PY = sys.executable


def main() -> int:
    click_floor = best_of([PY, "-c", "import click"])
    help_time = best_of([PY, "-m", "assess", "--help"])
    score_floor = best_of([PY, "-c", "import yaml, pydantic, networkx"])
    score_time = best_of([PY, "-m", "assess", "score", EXAMPLE, "--format", "json"])
    ok = report("assess --help", help_time, click_floor, 1.5)
    ok &= report("assess score (example)", score_time, score_floor, 1.5)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
