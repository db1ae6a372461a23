"""The floor of bench_report.py: a bare matplotlib script drawing the report's figures.

Reads the numbers the report draws (dumped by bench_report.py) and draws the same
figures with plain matplotlib calls, saving each as SVG: what any script producing these
charts must pay (matplotlib import, drawing, SVG output), with none of the report's work
(loading, scoring, prioritising, templates).

Usage: python benchmarks/_bare_charts.py DATA.json OUTDIR
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle


def save(fig: Figure, out: Path, name: str) -> None:
    fig.savefig(out / f"{name}.svg", format="svg", bbox_inches="tight")


def radar(d: dict, out: Path) -> None:
    fig = Figure(figsize=(5.6, 4.6), layout="constrained")
    ax = fig.add_subplot(projection="polar")
    n = len(d["labels"])
    angles = [2 * math.pi * i / n for i in range(n)] + [0.0]
    ax.plot(angles, d["target"] + d["target"][:1], linestyle="--")
    ax.plot(angles, d["current"] + d["current"][:1], marker="o")
    ax.fill(angles, d["current"] + d["current"][:1], alpha=0.2)
    ax.set_xticks(angles[:-1], d["labels"])
    ax.legend(["Target", "Current"])
    save(fig, out, "radar")


def heatmap(d: dict, out: Path) -> None:
    rows = max(len(c["cells"]) for c in d["columns"])
    fig = Figure(figsize=(7.2, 0.95 + 0.5 * rows), layout="constrained")
    ax = fig.add_subplot()
    for x, column in enumerate(d["columns"]):
        ax.text(x + 0.5, -0.1, column["domain"], ha="center")
        for y, (name, score, target) in enumerate(column["cells"]):
            ax.add_patch(Rectangle((x, y), 0.95, 0.9, facecolor="#7fb2da"))
            ax.text(x + 0.5, y + 0.5, f"{name}\n{score} / {target}", ha="center", va="center",
                    fontsize=6.6)
    ax.set_xlim(0, len(d["columns"]))
    ax.set_ylim(rows, -0.5)
    ax.set_axis_off()
    save(fig, out, "heatmap")


def bars(name: str, labels: list[str], values: list[float], out: Path,
         notes: list[str]) -> None:
    fig = Figure(figsize=(7.2, 0.9 + 0.3 * len(labels)), layout="constrained")
    ax = fig.add_subplot()
    ys = range(len(labels))
    ax.barh(ys, values)
    for y, v, note in zip(ys, values, notes, strict=True):
        ax.text(v, y, note, va="center", fontsize=7.5)
    ax.set_yticks(ys, labels)
    ax.invert_yaxis()
    ax.legend(["value"])
    save(fig, out, name)


def gantt(d: dict, out: Path) -> None:
    fig = Figure(figsize=(7.2, 1.2 + 0.3 * len(d["rows"])), layout="constrained")
    ax = fig.add_subplot()
    for name, start, end in d["phases"]:
        ax.axvspan(start, end, alpha=0.1)
        ax.text((start + end) / 2, -0.8, name, ha="center")
    for bar in d["bars"]:
        ax.barh(bar["row"], bar["end"] - bar["start"], left=bar["start"])
        ax.text((bar["start"] + bar["end"]) / 2, bar["row"], bar["label"], ha="center")
    ax.set_yticks(range(len(d["rows"])), d["rows"])
    save(fig, out, "gantt")


def projection(d: dict, out: Path) -> None:
    fig = Figure(figsize=(7.2, 3.4), layout="constrained")
    ax = fig.add_subplot()
    n = len(d["series"])
    for i, (name, values) in enumerate(d["series"]):
        ax.bar([x + i / (n + 1) for x in range(len(values))], values, width=1 / (n + 1),
               label=name)
    ax.hlines(d["targets"], [x - 0.4 for x in range(len(d["labels"]))],
              [x + 0.4 for x in range(len(d["labels"]))])
    ax.set_xticks(range(len(d["labels"])), d["labels"])
    fig.legend()
    save(fig, out, "projection")


def dependency_map(d: dict, out: Path) -> None:
    fig = Figure(figsize=(17, d["height"] * 0.32 + 2.2))
    ax = fig.add_axes((0, 0, 1, 1))
    boxes = {b["node"]: b for b in d["boxes"]}
    for u, v in d["edges"]:
        ax.plot([boxes[u]["x"], boxes[v]["x"]], [boxes[u]["y"], boxes[v]["y"]], alpha=0.3)
    for b in d["boxes"]:
        ax.text(b["x"], b["y"], f"{b['label']}\n{b['detail']}", ha="center", va="center",
                bbox={"boxstyle": "round", "facecolor": b["colour"]})
    ax.set_xlim(-1.4, 2.8)
    ax.set_ylim(-d["height"] - 1, 3)
    ax.axis("off")
    save(fig, out, "dependencies")


def trend(d: dict, out: Path) -> None:
    fig = Figure(figsize=(7.2, 3.4), layout="constrained")
    ax = fig.add_subplot()
    for line in d["lines"]:
        ax.plot(range(d["dates"]), line["scores"], marker="o", label=line["label"])
    ax.legend()
    save(fig, out, "trend")


def main(data_file: str, out_dir: str) -> None:
    data = json.loads(Path(data_file).read_text())
    out = Path(out_dir)
    radar(data["radar"], out)
    if "trend" in data:
        trend(data["trend"], out)
    heatmap(data["heatmap"], out)
    if "gaps" in data:  # charts the report no longer draws (the floor draws what it does)
        g = data["gaps"]
        bars("gaps", g["labels"], g["gaps"], out, [f"{v:.2f}" for v in g["gaps"]])
    if "dependencies" in data:
        dependency_map(data["dependencies"], out)
    r = data["readiness"]
    bars("readiness", r["labels"], [v * 100 for v in r["readiness"]], out,
         [f"{v * 100:.0f}%" for v in r["readiness"]])
    gantt(data["gantt"], out)
    projection(data["projection"], out)


if __name__ == "__main__":
    main(*sys.argv[1:3])
