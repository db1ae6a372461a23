"""Scoring 1,000 response files against merely parsing them (SPEC.md section 9: within 2x).

Builds a synthetic assessment in a temporary folder: the five shipped questionnaires, 200
respondents each answering all five (1,000 response files, every question answered with
notes on some). Measures, in-process and best of several runs:

- floor: reading every response file and parsing it with PyYAML's C loader;
- measured: loading the whole workspace (safe loading with line numbers, strict models,
  meaning checks) and scoring it.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from _timing import report

from assess.load.loader import load_model
from assess.load.resources import content_path
from assess.load.workspace import load_workspace
from assess.models import Questionnaire
from assess.scoring import score_assessment

DOMAINS = ["data-centres", "cloud", "network", "user-interaction", "cybersecurity"]
RESPONDENTS = 200


def build(folder: Path) -> list[Path]:
    rng = random.Random(7)
    (folder / "responses").mkdir(parents=True)
    (folder / "assessment.yaml").write_text(
        "schema_version: 1\norganisation: Synthetic\ndate: 2026-01-01\n"
        f"questionnaires: [{', '.join(DOMAINS)}]\n")
    files = []
    for domain in DOMAINS:
        q, _ = load_model(content_path("questionnaires", f"{domain}.yaml"), Questionnaire)
        for r in range(RESPONDENTS):
            lines = ["schema_version: 1", f"questionnaire: {domain}",
                     f"respondent: {{name: Person {r:03d}, role: Tester}}", "answers:"]
            for question in q.questions:
                value = rng.choice(["0", "1", "2", "3", "4", "5", "n/a"])
                note = ', notes: "seen in the estate review"' if rng.random() < 0.3 else ""
                lines.append(f"  {question.id}: {{value: {value}, confidence: medium{note}}}")
            path = folder / "responses" / f"{domain}.person-{r:03d}.yaml"
            path.write_text("\n".join(lines) + "\n")
            files.append(path)
    return files


def best(fn: object, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "synthetic"
        files = build(folder)

        def parse_only() -> None:
            for path in files:
                yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        def load_and_score() -> None:
            ws = load_workspace(folder, dependencies=False)
            score_assessment(ws.scoring_inputs())

        load_and_score()  # warm imports and caches outside the timing
        floor = best(parse_only)
        measured = best(load_and_score)
    print(f"{len(files):,} response files")
    ok = report("load + score 1,000 responses", measured, floor, 2.0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
