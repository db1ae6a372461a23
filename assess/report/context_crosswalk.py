"""The report's crosswalk appendix: one table per standard the assessment lists under
``crosswalks:``, at the standard's two upper levels (CSF functions and categories, CIS
controls, CAF objectives and principles); the full detail is ``assess crosswalk``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assess.crosswalk import Crosswalk
from assess.render.crosswalk import scale_label

CROSSWALK_NOTE = ("Carried across from this assessment's answers through the questions' "
                  "citations of the standard: an indication of where the organisation "
                  "stands, not an audit against it.")


def crosswalk_sections(crosswalks: Sequence[Crosswalk]) -> list[dict[str, Any]]:
    """Plain data per crosswalk: name, scale and the rows of its two upper levels."""
    sections = []
    for cw in crosswalks:
        tops = {i.id for i in cw.items if i.parent is None}
        shown = [i for i in cw.items if i.parent is None or i.parent in tops]
        sections.append({
            "target": cw.target, "name": cw.name, "scale_name": cw.scale_name,
            "note": CROSSWALK_NOTE, "untouched": len(cw.untouched), "total": len(cw.items),
            "rows": [{"id": i.id, "name": i.name, "kind": i.kind, "top": i.parent is None,
                      "score": i.score, "label": scale_label(cw, i),
                      "coverage": i.coverage, "questions": len(i.questions)}
                     for i in shown],
            # Every item, for the results workbook's Crosswalk sheet (filters make the
            # detail navigable there).
            "items": [{"id": i.id, "name": i.name, "kind": i.kind, "parent": i.parent or "",
                       "score": i.score, "label": scale_label(cw, i), "maturity": i.maturity,
                       "coverage": i.coverage, "groups": list(i.groups),
                       "questions": list(i.questions), "answered": i.answered}
                      for i in cw.items],
        })
    return sections
