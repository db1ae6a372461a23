"""The capability heatmap of the deck: a column per domain (split into several when a
domain has many capabilities), a tile per capability coloured by the level it has
reached (the report's colours, :func:`assess.report.charts.level_colour`), showing its
score against its target; a key of the levels below.

Tiles are editable shapes rather than a picture; the layout picks the number of rows that
gives the largest readable text.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from assess.numbers import show_score, show_target

from .chart_data import HeatmapData
from .pptx_kit import EMU_PER_INCH, INK, MUTED, Box, fits, fitted_size, lines_needed, text_box

if TYPE_CHECKING:
    from pptx.slide import Slide

UNSCORED = "#D9D9D9"
SIZES = (16, 14, 13, 12, 11, 10, 9, 8)
MARGIN = 38100
"""Inner margin of a tile (3 pt)."""


def _layout(data: HeatmapData, area: Box) -> tuple[int, int]:
    """(rows per column, text size) giving the largest text that fits every tile; when
    nothing fits at the smallest size (a narrow template, a wide font), the rows at which
    the longest name overflows its tile least."""
    counts = [max(1, len(c.cells)) for c in data.columns]
    names = [name for c in data.columns for name, _, _ in c.cells] or [""]
    fitting: list[tuple[tuple[int, int], int]] = []
    overflow: list[tuple[float, int]] = []
    for rows in range(1, max(counts) + 1):
        columns = sum(math.ceil(n / rows) for n in counts)
        tile = Box(0, 0, area.width // columns, area.height // rows)
        size = next((s for s in SIZES
                     if all(fits([n, "0.00 / 0.0"], tile, s, spacing=0, margin=MARGIN)
                            for n in names)), 0)
        if size:
            fitting.append(((size, -columns), rows))
            continue
        small = SIZES[-1]
        if not all(fits([w], Box(0, 0, tile.width, EMU_PER_INCH * 9), small, margin=MARGIN)
                   for n in names for w in n.split()):
            continue  # a word would break across lines
        lines = max(lines_needed([n, "0.00 / 0.0"], tile.width - 2 * MARGIN, small)
                    for n in names)
        overflow.append((lines * small * 1.2 / 72 * EMU_PER_INCH / tile.height, rows))
    if fitting:
        (size, _), rows = max(fitting)
        return rows, size
    return (min(overflow)[1] if overflow else max(counts)), SIZES[-1]


def heatmap_tiles(slide: Slide, body: Box, data: HeatmapData) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.enum.text import MSO_ANCHOR
    from pptx.util import Pt

    from .charts import _text_colour, level_colour

    key_height = int(EMU_PER_INCH * 0.4)
    head_height = int(EMU_PER_INCH * 0.55)
    area = Box(body.left, body.top + head_height, body.width,
               body.height - head_height - key_height)
    rows, size = _layout(data, area)
    counts = [max(1, len(c.cells)) for c in data.columns]
    columns = sum(math.ceil(n / rows) for n in counts)
    width, height = area.width // columns, area.height // rows
    pad = int(EMU_PER_INCH * 0.03)
    levels = [lv for lv, _ in data.levels]
    x = area.left
    for column, n in zip(data.columns, counts, strict=True):
        span = math.ceil(n / rows)
        head = Box(x, body.top, span * width - pad, head_height - pad)
        text_box(slide, head, [column.domain],
                 fitted_size([column.domain], head, 14, spacing=0, smallest=8), bold=True,
                 colour=INK, anchor="bottom")
        for i, (name, score, target) in enumerate(column.cells):
            left = x + (i // rows) * width
            top = area.top + (i % rows) * height
            fill = UNSCORED if score is None else level_colour(score, levels)
            shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width - pad,
                                           height - pad)
            shape.fill.solid()
            shape.fill.fore_color.rgb = RGBColor.from_string(fill.lstrip("#").upper())
            shape.line.fill.background()
            shape.shadow.inherit = False
            frame = shape.text_frame
            frame.word_wrap = True
            frame.vertical_anchor = MSO_ANCHOR.MIDDLE
            for side in ("left", "right", "top", "bottom"):
                setattr(frame, f"margin_{side}", MARGIN)
            ink = RGBColor.from_string(_text_colour(fill).lstrip("#").upper())
            figure = ("not scored" if score is None
                      else f"{show_score(score)} / {show_target(target)}")
            for j, (text, bold) in enumerate(((name, False), (figure, True))):
                p = frame.paragraphs[0] if j == 0 else frame.add_paragraph()
                p.alignment = 1
                run = p.add_run()
                run.text = text
                run.font.size, run.font.bold = Pt(size), bold
                run.font.color.rgb = ink
        x += span * width
    _key(slide, Box(body.left, body.top + body.height - key_height + pad, body.width,
                    key_height - pad), data, levels)


def _key(slide: Slide, box: Box, data: HeatmapData, levels: list[int]) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE

    from .charts import level_colour

    items: list[Any] = [(f"{lv} {name}", level_colour(lv, levels)) for lv, name in data.levels]
    label = "Level reached (score / target):"
    first = int(box.width * 0.22)
    head = Box(box.left, box.top, first, box.height)
    text_box(slide, head, [label], fitted_size([label], head, 11, spacing=0, smallest=8),
             colour=MUTED)
    step = (box.width - first) // max(1, len(items))
    swatch = int(box.height * 0.6)
    cell = Box(0, 0, step - swatch, box.height)
    size = min(fitted_size([text], cell, 11, spacing=0, smallest=8) for text, _ in items)
    for i, (text, colour) in enumerate(items):
        left = box.left + first + i * step
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, box.top + box.height // 5,
                                       swatch, swatch)
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
        shape.line.color.rgb = RGBColor.from_string("BFBFBF")
        shape.shadow.inherit = False
        text_box(slide, Box(left + swatch, box.top, step - swatch, box.height), [text], size,
                 colour=INK)
