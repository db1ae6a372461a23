"""The portfolio's contents as tables, JSON and CSV (machine outputs unrounded)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from assess.numbers import show_percent, show_score
from assess.portfolio.records import Record
from assess.portfolio.store import Entry

from .text import table, to_csv, to_json

NONE = "–"


def _versions(content: dict[str, str]) -> str:
    return ", ".join(f"{q} {v}" for q, v in content.items())


def render_entries(entries: Sequence[Entry], fmt: str) -> str:
    if fmt == "json":
        return to_json({"assessments": [
            {k: v for k, v in asdict(e).items() if k != "scores"} for e in entries]})
    header = ["organisation", "date", "sector", "size", "region", "framework", "score"]
    rows: list[list[Any]] = [[e.organisation, e.date, e.sector or "", e.size or "",
                              e.region or "", e.framework, e.score] for e in entries]
    if fmt == "csv":
        return to_csv([*header, "content"], [[*r, _versions(e.content)]
                                             for r, e in zip(rows, entries, strict=True)])
    shown = [[*(str(c) for c in r[:-1]), show_score(r[-1])] for r in rows]
    return (table(header, shown, "llllllr") if shown else "") + \
        f"{len(entries)} assessment{'' if len(entries) == 1 else 's'} in the portfolio\n"


def record_dict(r: Record) -> dict[str, Any]:
    return {
        "organisation": r.organisation, "date": r.date, "sector": r.sector, "size": r.size,
        "region": r.region, "framework": r.framework, "method": r.method,
        "content": r.content,
        "overall": {"score": r.score, "target": r.target, "coverage": r.coverage},
        "domains": [{"id": d.id, "name": d.name, "score": d.score, "target": d.target,
                     "coverage": d.coverage,
                     "capabilities": [{"id": c.id, "name": c.name, "score": c.score,
                                       "target": c.target, "coverage": c.coverage}
                                      for c in r.capabilities if c.domain == d.id]}
                    for d in r.domains],
        "answers": [{"questionnaire": a.questionnaire, "question": a.question,
                     "capability": a.capability, "value": a.value, "na": a.na}
                    for a in r.answers],
    }


def render_record(r: Record, fmt: str) -> str:
    if fmt == "json":
        return to_json(record_dict(r))
    head = [f"{r.organisation}, {r.date}",
            f"framework {r.framework}; {_versions(r.content)}",
            "; ".join(f"{k} {v}" for k, v in r.group().items() if v) or "no sector, size "
            "or region", ""]
    rows = [["Overall", show_score(r.score), show_percent(r.coverage)]]
    for d in r.domains:
        rows.append([d.name, show_score(d.score), show_percent(d.coverage)])
        rows += [["  " + c.name, show_score(c.score), show_percent(c.coverage)]
                 for c in r.capabilities if c.domain == d.id]
    answered = sum(1 for a in r.answers if a.value is not None)
    return ("\n".join(head) + "\n" + table(["", "score", "coverage"], rows, "lrr")
            + f"\n{answered} of {len(r.answers)} questions answered\n")


EXPORT_HEADER = ["organisation", "date", "sector", "size", "region", "framework", "level",
                 "domain", "capability", "id", "version", "score", "target", "coverage", "na"]


def render_export(records: Iterable[Record], fmt: str) -> str:
    """csv: one row per overall, domain, capability and question value of every
    assessment; json: every assessment as ``portfolio show --format json`` gives it."""
    if fmt == "json":
        return to_json({"assessments": [record_dict(r) for r in records]})
    rows: list[list[Any]] = []
    for r in records:
        meta = [r.organisation, r.date, r.sector or "", r.size or "", r.region or "",
                r.framework]
        rows.append([*meta, "overall", "", "", "overall", "", r.score, r.target, r.coverage,
                     ""])
        for d in r.domains:
            rows.append([*meta, "domain", d.id, "", d.id, r.content.get(d.id, ""), d.score,
                         d.target, d.coverage, ""])
        for c in r.capabilities:
            rows.append([*meta, "capability", c.domain, c.id, c.id, "", c.score, c.target,
                         c.coverage, ""])
        for a in r.answers:
            rows.append([*meta, "question", a.questionnaire, a.capability, a.question, "",
                         a.value, "", "", a.na])
    return to_csv(EXPORT_HEADER, rows)
