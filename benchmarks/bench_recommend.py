"""Recommendations at scale (SPEC.md section 9): a synthetic 10,000-capability dependency
model in under 2 s, and doubling the model at most 2.3x the time.

Times recommend() plus its JSON (what `assess recommend --format json` does once the files
are loaded) on synthetic models of 1,000, 10,000 and 20,000 capabilities, best of several
interleaved runs so noise only ever adds. The floor, timed in the same run, is one plain
pass over the model reading every capability's links, prerequisites and actions: the
least any prioritisation must do. Roadmap and readiness times are shown for information.

Run: python benchmarks/bench_recommend.py [--runs N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from functools import partial

from assess.models import DependencyModel
from assess.prioritise import phases_for, plan_roadmap, programme_readiness, recommend
from assess.prioritise.synthetic import synthetic
from assess.render.recommendations import render_recommendations
from assess.scoring.results import ScoreResult

SIZES = (1_000, 10_000, 20_000)
BUDGET_SECONDS = 2.0
BUDGET_DOUBLING = 2.3


def floor_pass(model: DependencyModel, result: ScoreResult) -> int:
    """Touch every capability's score, links, prerequisites and actions once."""
    scores = {c.id: c.score for c in result.capabilities()}
    count = 0
    for entry in model.capabilities:
        if scores.get(entry.capability) is not None:
            count += len(entry.technologies) + len(entry.prerequisites)
            count += sum(1 for a in entry.actions.values() if a.effort > 0)
    return count


def recommend_json(model: DependencyModel, result: ScoreResult) -> str:
    return render_recommendations(recommend(model, result), "json")


def best(fn: Callable[[], object], runs: int = 1) -> float:
    fastest = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per size (best counts)")
    runs = parser.parse_args().runs

    models = {}
    for n in SIZES:
        start = time.perf_counter()
        models[n] = synthetic(n)
        print(f"synthetic model of {n:>6,} capabilities built in "
              f"{time.perf_counter() - start:5.2f} s")
    times: dict[str, dict[int, float]] = {"floor": {}, "recommend": {}, "roadmap": {},
                                          "readiness": {}}
    for key in times:
        times[key] = dict.fromkeys(SIZES, float("inf"))
    # interleave the sizes so a noisy moment hurts each of them alike
    for _ in range(runs):
        for n, (model, result) in models.items():
            times["floor"][n] = min(times["floor"][n], best(partial(floor_pass, model, result)))
            times["recommend"][n] = min(times["recommend"][n],
                                        best(partial(recommend_json, model, result)))
    for n, (model, result) in models.items():
        recs = recommend(model, result)
        phases = phases_for(None, capacity=20.0 * n)
        times["roadmap"][n] = best(partial(plan_roadmap, recs, result, phases), 3)
        times["readiness"][n] = best(partial(programme_readiness, model, result), 3)

    print()
    print(f"{'capabilities':>12}  {'recommend+json':>14}  {'floor':>8}  {'x floor':>7}  "
          f"{'roadmap':>8}  {'readiness':>9}  {'steps':>7}")
    for n, (model, result) in models.items():
        steps = len(recommend(model, result).items)
        rec, floor = times["recommend"][n], times["floor"][n]
        print(f"{n:>12,}  {rec * 1000:11.0f} ms  {floor * 1000:5.1f} ms  {rec / floor:7.1f}  "
              f"{times['roadmap'][n] * 1000:5.0f} ms  {times['readiness'][n] * 1000:6.0f} ms  "
              f"{steps:>7,}")
    print()
    ten, twenty = times["recommend"][10_000], times["recommend"][20_000]
    doubling = twenty / ten
    floor_doubling = times["floor"][20_000] / times["floor"][10_000]
    ok_time = ten <= BUDGET_SECONDS
    ok_doubling = doubling <= BUDGET_DOUBLING
    print(f"10,000 capabilities: {ten:.2f} s  (budget {BUDGET_SECONDS:.1f} s)  "
          f"{'ok' if ok_time else 'OVER'}")
    print(f"20,000 / 10,000:     {doubling:.2f}x (budget {BUDGET_DOUBLING:.1f}x; the floor "
          f"itself doubles {floor_doubling:.2f}x)  {'ok' if ok_doubling else 'OVER'}")
    print(f"10,000 / 1,000:      {ten / times['recommend'][1_000]:.1f}x (information)")
    return 0 if ok_time and ok_doubling else 1


if __name__ == "__main__":
    sys.exit(main())
