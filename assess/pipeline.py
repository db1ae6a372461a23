"""The whole flow on one assessment: load -> score -> (prioritise -> render)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from assess.resources import content_path

EXAMPLE = ("examples", "northshire")


def example_path() -> Path:
    return content_path(*EXAMPLE)


def run_demo(out: Path | None) -> Iterator[str]:
    """Score the bundled example; with ``out``, write every output there. Yields lines to show."""
    from assess.render.scores import render_scores
    from assess.scoring import score_assessment
    from assess.workspace import load_workspace
    from assess.yamlio import write_text

    ws = load_workspace(example_path())
    result = score_assessment(ws.scoring_inputs())
    yield render_scores(result, "table").rstrip("\n")
    if out is None:
        return
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fmt in (("scores.json", "json"), ("scores.csv", "csv"),
                      ("scores.md", "markdown")):
        write_text(out / name, render_scores(result, fmt))
        written.append(out / name)
    yield ""
    yield from (f"wrote {path}" for path in written)
