"""The whole flow on one assessment: load -> score -> (prioritise -> render)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from assess.load.resources import content_path

if TYPE_CHECKING:
    from assess.report import ReportInputs

EXAMPLE = ("examples", "northshire")


def example_path() -> Path:
    return content_path(*EXAMPLE)


def run_demo(out: Path | None) -> Iterator[str]:
    """Score the bundled example; with ``out``, write every output there. Yields lines to show."""
    from assess.load.workspace import load_workspace
    from assess.load.yamlio import write_text
    from assess.prioritise import recommend, select
    from assess.render.recommendations import render_recommendations
    from assess.render.roadmap import render_roadmap
    from assess.render.scores import render_scores
    from assess.scoring import score_assessment

    ws = load_workspace(example_path())
    result = score_assessment(ws.scoring_inputs())
    yield render_scores(result, "table").rstrip("\n")
    recs = recommend(ws.dependencies, result, ws.assessment.must_do,
                              ws.out_of_scope_needs)
    yield ""
    yield "Top recommendations (all of them: assess recommend; the plan: assess roadmap)"
    yield ""
    yield render_recommendations(select(recs, top=5), "table").rstrip("\n")
    if out is None:
        return
    from assess.outputs import check_folder

    check_folder(out)
    written = []
    for name, fmt in (("scores.json", "json"), ("scores.csv", "csv"),
                      ("scores.md", "markdown")):
        write_text(out / name, render_scores(result, fmt))
        written.append(out / name)
    from assess.report import inputs_for

    inputs = inputs_for(ws, result, recs)
    for name, text in (("recommendations.json", render_recommendations(recs, "json")),
                       ("roadmap.json", render_roadmap(inputs.roadmap, recs, "json",
                                                       inputs.delivery)),
                       ("roadmap.md", render_roadmap(inputs.roadmap, recs, "markdown",
                                                     inputs.delivery))):
        write_text(out / name, text)
        written.append(out / name)
    yield ""
    yield from (f"wrote {path}" for path in written)
    yield from _write_reports(inputs, out)


def _write_reports(inputs: ReportInputs, out: Path) -> Iterator[str]:
    """The gap-analysis report in every format whose libraries are installed."""
    from assess.report import available_formats, write_reports

    formats, missing = available_formats()
    for fmt, why in missing.items():
        yield f"skipped the {fmt} report: {why}"
    yield from (f"wrote {path}" for path in write_reports(example_path(), formats, out,
                                                          inputs=inputs))
