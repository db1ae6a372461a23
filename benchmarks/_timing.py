"""Timing helpers: best-of-N wall time of a command, so noise only ever adds."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Sequence


def best_of(argv: Sequence[str], runs: int = 7, cwd: str | None = None) -> float:
    """Best wall time in seconds of ``runs`` runs of ``argv`` (output discarded)."""
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(list(argv), cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=True)
        best = min(best, time.perf_counter() - start)
    return best


def best_of_each(commands: dict[str, Sequence[str]], runs: int = 7,
                 cwd: str | None = None) -> dict[str, float]:
    """Best wall time of each command over ``runs`` rounds, the commands taking turns
    within a round: a machine whose speed drifts (other jobs on a shared host) then
    weighs on every command alike, and their ratios hold."""
    best = dict.fromkeys(commands, float("inf"))
    for _ in range(runs):
        for name, argv in commands.items():
            best[name] = min(best[name], best_of(argv, runs=1, cwd=cwd))
    return best


def report(name: str, value: float, floor: float, budget: float) -> bool:
    ratio = value / floor
    ok = ratio <= budget
    print(f"{name:<40} {value * 1000:8.1f} ms  floor {floor * 1000:8.1f} ms  "
          f"ratio {ratio:5.2f}  budget {budget:.2f}  {'ok' if ok else 'OVER'}")
    return ok
