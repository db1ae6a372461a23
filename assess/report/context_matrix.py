"""The dependency picture the report prints: which capability gaps hold back which
programmes, as a capability x programme matrix (plain data; a table in every format, so
its text is the body text's size on A4 and on a phone). The full graph stays with
``assess graph``.

A cell is the gap's share of the programme's shortfall (from programme readiness,
docs/prioritisation.md section 4). Rows: the gaps whose shares add up to most across the
programmes, at most :data:`ROWS`, largest first. A cell is *strong* from
:data:`STRONG` (a tenth of a programme's shortfall).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from assess.numbers import show_percent

ROWS = 15
STRONG = 0.1
Row = dict[str, Any]


def dependency_matrix(programmes: Sequence[Mapping[str, Any]]) -> Row:
    """``programmes`` as in the report context -> ``{programmes, rows, more, caption}``."""
    shown = [p for p in programmes if p["blockers"]]
    shares: dict[str, dict[str, float]] = {}
    info: dict[str, Mapping[str, Any]] = {}
    for p in shown:
        for b in p["blockers"]:
            shares.setdefault(b["capability"], {})[p["id"]] = b["share"]
            info.setdefault(b["capability"], b)
    # The gaps that weigh most on the programmes together come first.
    order = sorted(shares, key=lambda c: (-sum(shares[c].values()), c))
    rows = [{"capability": c, "name": info[c]["name"], "domain_name": info[c]["domain_name"],
             "score": info[c]["score"], "target": info[c]["target"],
             "programmes": len(shares[c]),
             "cells": [shares[c].get(p["id"]) for p in shown]} for c in order[:ROWS]]
    return {"programmes": [p["name"] for p in shown], "rows": rows,
            "more": max(0, len(order) - ROWS), "caption": _caption(rows, shown)}


def _caption(rows: Sequence[Row], programmes: Sequence[Mapping[str, Any]]) -> str:
    """The message of the matrix, not its every cell."""
    if not rows:
        return "No capability gap holds back a programme."
    top = rows[:2]
    names = " and ".join(r["name"] for r in top)
    lead = (f"{names} weigh most on the programmes together"
            if len(top) > 1 else f"{names} weighs most on the programmes")
    biggest = max(((r, s, p) for r in rows for s, p in zip(r["cells"], programmes,
                                                           strict=True) if s is not None),
                  key=lambda x: (x[1], x[0]["name"]))
    r, share, p = biggest
    return (f"{lead}: closing them lifts several programmes at once. The largest single "
            f"share is {r['name']}'s, {show_percent(share)} of {p['name']}'s shortfall.")
