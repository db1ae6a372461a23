"""The Word document's title page: the same facts, in the same words, as the HTML cover."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from .docx_markdown import Block, Run
from .docx_parts import style

WORD_PICTURES = {"image/png", "image/jpeg", "image/gif"}
"""Logo types a Word document can hold (an SVG or WebP logo is left off the cover)."""


def cover(doc: Any, ctx: Mapping[str, Any]) -> None:
    """The title page: marking, organisation, title, what was assessed, document control
    (the same facts, in the same words, as the HTML cover)."""
    from docx.shared import Cm, Pt

    from .templating import plural

    meta, counts = ctx["meta"], ctx["counts"]
    if meta.get("classification"):
        doc.add_paragraph(style=style(doc, "Classification")).add_run(
            meta["classification"]).bold = True
    if meta["draft"]:
        note = doc.add_paragraph(style=style(doc, "Draft Note"))
        note.add_run("Draft for review: contains consultant notes (marked “Draft note”). "
                     "Issue the report without --draft.").bold = True
    logo = meta.get("logo")
    if logo is not None and logo["mime"] in WORD_PICTURES:
        doc.add_paragraph().add_run().add_picture(io.BytesIO(logo["data"]), height=Cm(2.0))
    organisation = doc.add_paragraph(style=style(doc, "Cover Detail"))
    organisation.paragraph_format.space_before = Pt(48)
    organisation.add_run(meta["organisation"]).bold = True
    doc.add_paragraph(meta["title"], style=style(doc, "Title"))
    doc.add_paragraph(f"Maturity of {meta['subject']}, current state against target, with "
                      "prioritised recommendations and a phased roadmap.",
                      style=style(doc, "Subtitle"))
    domains = ctx["domains"]
    scored = ", ".join(d["name"] for d in domains if d["score"] is not None) or "none"
    unscored = ", ".join(d["name"] for d in domains if d["score"] is None)
    people = f"{counts['respondents']} people"
    if counts.get("roles"):
        people += f" in {plural(counts['roles'], 'role')}"
    details = [("Assessment date", meta["date_long"]),
               ("Domains assessed",
                scored + (f" (in scope but not scored: {unscored})" if unscored else ""))]
    if ctx["scope"]["caveat"]:
        details.append(("Coverage", ctx["scope"]["caveat"] + " Scores, gaps and programme "
                        "readiness leave out what was not scored."))
    details += [("Maturity framework", meta["framework"]), ("Respondents", people)]
    for label, value in details:
        para = doc.add_paragraph(style=style(doc, "Cover Detail"))
        para.add_run(f"{label}: ").bold = True
        para.add_run(value)
    document = meta["document"]
    control = ([("Classification", meta["classification"])] if meta.get("classification")
               else [])
    if document.get("prepared_by"):
        control.append(("Prepared by", document["prepared_by"]))
    control += [("Version", document["version"] + (" (draft for review)" if meta["draft"]
                                                   else "")),
                ("Date of issue", document["date_long"])]
    if document.get("distribution"):
        control.append(("Distribution", "; ".join(document["distribution"])))
    heading = doc.add_paragraph(style=style(doc, "Cover Detail"))
    heading.paragraph_format.space_before = Pt(24)
    heading.paragraph_format.keep_with_next = True
    heading.add_run("Document control").bold = True
    rows = [[[Run(label, bold=True)], [Run(value)]] for label, value in control]
    from .docx_document import _Writer

    _Writer(doc, {}).table(Block("table", header=[], align=["l", "l"], rows=rows),
                           widths=(0.3, 0.7))
    if meta["draft"]:
        doc.add_paragraph(f"Prepared with {meta['generator']}.",
                          style=style(doc, "Classification"))
    doc.add_page_break()
