"""The full HTML report of the example against a bare matplotlib script drawing the same
figures (SPEC.md section 9: within 1.5x).

Measured: ``assess report examples/northshire --format html`` (load, score, prioritise,
seven charts as SVG, templates). Floor: benchmarks/_bare_charts.py drawing the same seven
figures from the same numbers with plain matplotlib calls and saving them as SVG. Both
are timed as fresh processes, best of N, in the same run.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import best_of, report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "northshire"
PY = sys.executable
BUDGET = 1.5


def dump_chart_data(path: Path) -> None:
    """The numbers each chart draws, as JSON for the bare script (not timed)."""
    from assess.graph import build_graph
    from assess.render.graph_picture import layout
    from assess.report import build_context, chart_data, load_inputs

    inputs = load_inputs(EXAMPLE)
    ctx = build_context(inputs)
    data = {name: dataclasses.asdict(fn(ctx)) for name, fn in (
        ("radar", chart_data.radar), ("heatmap", chart_data.heatmap),
        ("gaps", chart_data.gap_bars), ("readiness", chart_data.readiness),
        ("gantt", chart_data.gantt), ("projection", chart_data.projection))}
    picture = layout(build_graph(inputs.model, inputs.result))
    data["dependencies"] = {
        "height": picture.height,
        "boxes": [dataclasses.asdict(b) for b in picture.boxes],
        "edges": [[u, v] for u, v, _ in picture.edges] + [list(e) for e in
                                                           picture.prerequisites],
    }
    if (ctx.get("progress") or {}).get("trend"):
        from assess.render.progress import trend_chart_data

        trend = trend_chart_data(ctx)
        data["trend"] = {"dates": len(trend.dates), "lines": [
            {"label": line.label, "scores": line.scores} for line in trend.lines]}
    path.write_text(json.dumps(data))


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "charts.json"
        dump_chart_data(data)
        floor = best_of([PY, str(Path(__file__).parent / "_bare_charts.py"), str(data),
                         str(folder)], runs=runs)
        measured = best_of([PY, "-m", "assess", "report", str(EXAMPLE), "--format", "html",
                            "-o", str(folder / "report.html")], runs=runs)
    ok = report("assess report --format html (example)", measured, floor, BUDGET)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
