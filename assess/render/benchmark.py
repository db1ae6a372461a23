"""A benchmark as JSON (fixed keys, SPEC.md section 8), a text table and Markdown."""

from __future__ import annotations

from typing import Any

from assess.numbers import show_percentile, show_score
from assess.portfolio.benchmark import Benchmark, Standing

from .text import md_escape, md_table, table, to_json


def standing_dict(s: Standing) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "score": s.score, "peers": s.peers,
            "percentile": s.percentile,
            "quartiles": None if s.quartiles is None else list(s.quartiles)}


def benchmark_dict(b: Benchmark) -> dict[str, Any]:
    return {
        "peers": b.peers, "group": b.group,
        "overall": standing_dict(b.overall),
        "domains": [{**standing_dict(d), "capabilities": [standing_dict(c)
                                                          for c in d.capabilities]}
                    for d in b.domains],
        "assessment": {"organisation": b.organisation, "date": b.date},
        "min_peers": b.min_peers, "as_of": b.as_of,
    }


def group_words(b: Benchmark) -> str:
    """'sector local-government, size large' or 'every organisation in the portfolio'."""
    return (", ".join(f"{k} {v}" for k, v in b.group.items())
            or "every organisation in the portfolio")


def headline(b: Benchmark) -> str:
    head = (f"{b.organisation} ({b.date}) compared with {b.peers} "
            f"peer{'' if b.peers == 1 else 's'}: {group_words(b)}")
    if b.as_of:
        head += f", as of {b.as_of}"
    if b.peers < b.min_peers:
        head += (f". Fewer than {b.min_peers} peers: only the group's size is shown, so no "
                 f"organisation can be singled out")
    return head + "."


def _row(s: Standing, indent: str = "", markdown: bool = False) -> list[str]:
    q = s.quartiles
    return [indent + (md_escape(s.name) if markdown else s.name), show_score(s.score), str(s.peers),
            *(show_score(v) for v in (q or (None, None, None))), show_percentile(s.percentile)]


HEADER = ["", "score", "peers", "lower quartile", "median", "upper quartile", "percentile"]
ALIGN = "lrrrrrr"


def _rows(b: Benchmark, indent: str, markdown: bool = False) -> list[list[str]]:
    rows = [_row(b.overall, "", markdown)]
    for d in b.domains:
        rows.append(_row(d, "", markdown))
        rows += [_row(c, indent, markdown) for c in d.capabilities]
    return rows


def render_benchmark(b: Benchmark, fmt: str) -> str:
    if fmt == "json":
        return to_json(benchmark_dict(b))
    if fmt == "markdown":
        rows = _rows(b, "&nbsp;&nbsp;", markdown=True)
        return f"# Benchmark\n\n{md_escape(headline(b))}\n\n" + md_table(HEADER, rows, ALIGN)
    return headline(b) + "\n\n" + table(HEADER, _rows(b, "  "), ALIGN)
