"""``assess crosswalk`` output: table, JSON, CSV and Markdown of a :class:`Crosswalk`."""

from __future__ import annotations

from typing import Any

from assess.crosswalk import Crosswalk, CrosswalkItem
from assess.numbers import level_of, show_percent, show_score
from assess.render.text import md_escape, md_table, table, to_csv, to_json


def crosswalk_data(cw: Crosswalk) -> dict[str, Any]:
    """The JSON shape (SPEC section 8), full precision, plus what it rests on."""
    return {
        "target": cw.target,
        "name": cw.name,
        "group": cw.group,
        "scale": None if not cw.scale else {"name": cw.scale_name,
                                            "levels": {str(n): t for n, t in cw.scale}},
        "via": list(cw.via),
        "items": [{"id": i.id, "name": i.name, "kind": i.kind, "parent": i.parent,
                   "score": i.score, "maturity": i.maturity, "coverage": i.coverage,
                   "questions": list(i.questions), "answered": i.answered,
                   "groups": list(i.groups)} for i in cw.items],
        "untouched": cw.untouched,
    }


def scale_label(cw: Crosswalk, item: CrosswalkItem) -> str:
    """An item's score in words, e.g. 'Tier 2 Risk Informed' (empty without a scale)."""
    if item.score is None or not cw.scale:
        return ""
    names = dict(cw.scale)
    step = level_of(item.score)
    return f"{cw.scale_name} {step} {names.get(step, '')}".rstrip()


def _columns(cw: Crosswalk) -> tuple[list[str], str]:
    score = f"{cw.scale_name} (indicative)" if cw.scale else "Score (indicative)"
    header = ["Id", "Name", "Kind", score, *(["Maturity"] if cw.scale else []), "Coverage",
              *(["Groups"] if any(i.groups for i in cw.items) else []), "Questions"]
    align = "".join("r" if h in (score, "Maturity", "Coverage") else "l" for h in header)
    return header, align


def rows(cw: Crosswalk, *, escape: bool = False) -> list[list[str]]:
    """Human rows: id, name, kind, score (and tier, maturity), coverage, groups, questions."""
    groups = any(i.groups for i in cw.items)
    out = []
    for item in cw.items:
        name = md_escape(item.name) if escape else item.name
        label = scale_label(cw, item)
        score = show_score(item.score) + (f" ({label})" if label else "")
        out.append([item.id, name, item.kind, score,
                    *([show_score(item.maturity)] if cw.scale else []),
                    show_percent(item.coverage), *([" ".join(item.groups)] if groups else []),
                    _questions(item)])
    return out


def _questions(item: CrosswalkItem, limit: int = 6) -> str:
    shown = ", ".join(item.questions[:limit])
    more = len(item.questions) - limit
    return shown + (f" (+{more})" if more > 0 else "") if item.questions else "none"


def render_crosswalk(cw: Crosswalk, fmt: str) -> str:
    if fmt == "json":
        return to_json(crosswalk_data(cw))
    if fmt == "csv":
        return to_csv(["id", "name", "kind", "parent", "score", "maturity", "coverage",
                       "questions"],
                      [[i.id, i.name, i.kind, i.parent or "", "" if i.score is None
                        else i.score, "" if i.maturity is None else i.maturity, i.coverage,
                        " ".join(i.questions)] for i in cw.items])
    name = f"{cw.name}, implementation group {cw.group}" if cw.group else cw.name
    note = (f"{len(cw.untouched)} of {len(cw.items)} items of {name} are reached by no "
            "question. Scores are carried across from the assessment: an indication, not "
            "an audit (docs/crosswalk.md).")
    header, align = _columns(cw)
    if fmt == "markdown":
        body = md_table(header, rows(cw, escape=True), align)
        return f"# {md_escape(name)}: crosswalk\n\n{body}\n{md_escape(note)}\n"
    return f"{name}: crosswalk\n\n" + table(header, rows(cw), align) + "\n" + note + "\n"
