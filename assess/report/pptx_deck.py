"""The board deck (``assess report --format pptx``): 10-13 slides from the report context.

Slides, in order: the cover (title, classification, document control), key messages with
the headline figures, progress since the baseline (only with a baseline), maturity
against target (native radar), the capability heatmap, the top gaps and why, programmes
at risk (native bar), the roadmap (native stacked bar shaped as a Gantt), projected
maturity (native columns), resourcing (native columns and the figures), decisions
required, and the method (:mod:`.pptx_findings`, :mod:`.pptx_plan`). Speaker notes carry
the detail behind each slide; ``--draft`` notes go only there. Every number is shown by
assess.numbers / assess.render.money, as in the report; names follow the respondents
mode the context was built with. python-pptx is imported inside the functions.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .pptx_findings import cover, gaps, heatmap, maturity, messages, programmes, progress
from .pptx_kit import Deck
from .pptx_plan import decisions, method, projection, resourcing, roadmap

Ctx = Mapping[str, Any]

SLIDES = (cover, messages, progress, maturity, heatmap, gaps, programmes, roadmap,
          projection, resourcing, decisions, method)
"""The slide builders in deck order; one returning early adds no slide."""


def render_pptx(ctx: Ctx, reference: Path | None = None) -> bytes:
    """The deck as .pptx bytes, on the reference template's master when one is given."""
    from . import read_reference
    from .pptx_kit import measuring, open_deck

    meta = ctx["meta"]
    deck = open_deck(read_reference(reference) if reference is not None else None,
                     meta["classification"], f"{meta['organisation']} · {meta['date_long']}")
    with measuring(deck):
        for slide in SLIDES:
            slide(deck, ctx)
    _properties(deck, ctx)
    out = io.BytesIO()
    deck.prs.save(out)
    return repeatable(out.getvalue(), meta["document"]["date"])


def _properties(deck: Deck, ctx: Ctx) -> None:
    import datetime as dt

    meta = ctx["meta"]
    props = deck.prs.core_properties
    props.title = f"{meta['organisation']}: {meta['title']}"
    props.subject = meta["title"]
    props.author = meta["document"]["prepared_by"] or meta["organisation"]
    props.last_modified_by = props.author
    props.revision = 1
    props.keywords = meta["classification"]
    props.category = meta["classification"]
    props.comments = ""
    try:
        day = dt.datetime.fromisoformat(meta["document"]["date"])
    except ValueError:
        day = dt.datetime(2000, 1, 1)
    props.created = props.modified = day




def repeatable(data: bytes, date: str) -> bytes:
    """The package with every zip entry (the charts' embedded workbooks included) dated
    ``date`` and their document dates set to it, so equal input gives equal bytes."""
    import datetime as dt

    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        day = dt.date(2000, 1, 1)
    stamp = (max(1980, day.year), day.month, day.day, 0, 0, 0)
    iso = f"{max(1980, day.year):04d}-{day.month:02d}-{day.day:02d}T00:00:00Z"
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            blob = src.read(item.filename)
            if item.filename.endswith(".xlsx"):
                blob = repeatable(blob, date)
            elif item.filename == "docProps/core.xml":
                blob = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                              rb"\g<1>" + iso.encode(), blob)
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, blob)
    return out.getvalue()
