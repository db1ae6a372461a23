"""Native PowerPoint charts for the deck, from the plain records of
:mod:`assess.report.chart_data`: the data stay editable in PowerPoint (right-click, Edit
Data) and the charts take the template's fonts.

Values are the figures as shown (:func:`assess.numbers.score_value`,
:func:`assess.numbers.percent_value`), so a chart's data sheet reads as the report's
tables do and never shows 2.00 for a score that has not reached level 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from assess.numbers import percent_value, score_value
from assess.render.money import SYMBOLS, days, money

from .chart_data import CURRENT, STATUS_COLOURS, GanttData, ProjectionData, RadarData, ReadinessData
from .pptx_kit import INK, MUTED, Box

if TYPE_CHECKING:
    from pptx.slide import Slide

GRID = "D9D9D9"
TARGET_GREY = "404040"
BASELINE = "A6A6A6"
PHASE_BLUES = ("56B4E9", "0072B2", "004C7A", "002B45", "001A2B")
GANTT_ROWS = 16
"""Capabilities shown on the roadmap slide; the rest are named in the notes."""


def _rgb(hex_colour: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _add(slide: Slide, box: Box, kind: Any, categories: Sequence[str],
         series: Sequence[tuple[str, Sequence[float]]], number_format: str) -> Any:
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_LEGEND_POSITION
    from pptx.util import Pt

    data = CategoryChartData(number_format=number_format)
    data.categories = list(categories)
    for name, values in series:
        data.add_series(name, list(values))
    chart = slide.shapes.add_chart(kind, box.left, box.top, box.width, box.height,
                                   data).chart
    chart.font.size = Pt(12)
    chart.font.color.rgb = _rgb(INK)
    chart.has_title = False
    chart.has_legend = len(series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    return chart


def _colour_series(chart: Any, colours: Sequence[str], line: bool = False) -> None:
    for s, colour in zip(chart.plots[0].series, colours, strict=False):
        if line:
            s.format.line.color.rgb = _rgb(colour)
            s.format.line.width = 28575
        else:
            s.format.fill.solid()
            s.format.fill.fore_color.rgb = _rgb(colour)


def _value_axis(chart: Any, low: float, high: float, unit: float, fmt: str = "0") -> None:
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale, axis.major_unit = low, high, unit
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = _rgb(GRID)
    axis.tick_labels.number_format = fmt
    axis.tick_labels.number_format_is_linked = False


def radar_chart(slide: Slide, box: Box, data: RadarData) -> Any:
    """Current against target per domain: a radar from three domains, paired bars below
    (a radar of two spokes is a line)."""
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Pt

    series = [("Current", [score_value(v) for v in data.current]),
              ("Target", [float(v) for v in data.target])]
    if len(data.labels) >= 3:
        chart = _add(slide, box, XL_CHART_TYPE.RADAR_MARKERS, data.labels, series, "0.00")
        chart.font.size = Pt(11)
        _colour_series(chart, [CURRENT, TARGET_GREY], line=True)
        for s, colour in zip(chart.plots[0].series, [CURRENT, TARGET_GREY], strict=True):
            s.marker.format.fill.solid()
            s.marker.format.fill.fore_color.rgb = _rgb(colour)
            s.marker.format.line.color.rgb = _rgb(colour)
        chart.plots[0].series[1].format.line.dash_style = 4  # dash: the target
    else:
        chart = _add(slide, box, XL_CHART_TYPE.BAR_CLUSTERED, data.labels, series, "0.00")
        _colour_series(chart, [CURRENT, TARGET_GREY])
        chart.category_axis.reverse_order = True
    _value_axis(chart, 0, data.scale_max, 1)
    return chart


def readiness_chart(slide: Slide, box: Box, data: ReadinessData) -> Any:
    """Readiness of each programme's foundations, least ready on top, coloured by status."""
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION

    values = [percent_value(r) for r in data.readiness]
    chart = _add(slide, box, XL_CHART_TYPE.BAR_CLUSTERED, data.labels,
                 [("Readiness (%)", values)], '0"%"')
    plot = chart.plots[0]
    plot.gap_width = 60
    for i, status in enumerate(data.statuses):
        point = plot.series[0].points[i]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(STATUS_COLOURS.get(status, "#999999"))
    plot.has_data_labels = True
    plot.data_labels.number_format, plot.data_labels.number_format_is_linked = '0"%"', False
    plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    chart.category_axis.reverse_order = True
    _value_axis(chart, 0, 100, 25, '0"%"')
    return chart


def gantt_rows(data: GanttData, limit: int = GANTT_ROWS) -> list[int]:
    """The rows shown: the capabilities whose work starts first, in roadmap order."""
    start = {r: min(b.start for b in data.bars if b.row == r) for r in range(len(data.rows))}
    shown = sorted(start, key=lambda r: (start[r], r))[:limit]
    return sorted(shown)


def gantt_chart(slide: Slide, box: Box, data: GanttData, rows: Sequence[int]) -> Any:
    """The roadmap as a stacked bar chart shaped as a Gantt: per phase one coloured series
    (the phase's months where a capability is raised, labelled with the level reached) and
    one transparent series (its months where it is not), so bars sit in their phase."""
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
    from pptx.util import Pt

    labels = [data.rows[r] for r in rows]
    series: list[tuple[str, list[float]]] = []
    reached: list[list[str]] = []
    for name, start, end in data.phases:
        bars = {b.row: b for b in data.bars if b.phase == name}
        series.append((name, [float(end - start) if r in bars else 0.0 for r in rows]))
        series.append((f"{name} (no step)", [0.0 if r in bars else float(end - start)
                                             for r in rows]))
        reached.append([bars[r].label.split(" ·")[0].replace("to L", "L") if r in bars else ""
                        for r in rows])
    chart = _add(slide, box, XL_CHART_TYPE.BAR_STACKED, labels, series, "0")
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = 40, 100
    for i, s in enumerate(plot.series):
        if i % 2:
            s.format.fill.background()
            continue
        s.format.fill.solid()
        s.format.fill.fore_color.rgb = _rgb(PHASE_BLUES[(i // 2) % len(PHASE_BLUES)])
        for j, text in enumerate(reached[i // 2]):
            if text:
                label = s.points[j].data_label
                label.position = XL_LABEL_POSITION.CENTER
                label.text_frame.text = text
                run = label.text_frame.paragraphs[0].runs[0]
                run.font.size, run.font.bold = Pt(10), True
                run.font.color.rgb = _rgb("FFFFFF")
    chart.category_axis.reverse_order = True
    chart.category_axis.tick_labels.font.size = Pt(10)
    end = max((e for _, _, e in data.phases), default=12)
    _value_axis(chart, 0, end, _month_step(end))
    chart.has_legend = False  # the slide draws its own key: the phases only
    return chart


def phase_key(slide: Slide, box: Box, names: Sequence[str]) -> None:
    """The roadmap's key: a swatch and the name of each phase, in one row."""
    from pptx.enum.shapes import MSO_SHAPE

    from .pptx_kit import text_box

    step = box.width // max(1, len(names))
    swatch = int(box.height * 0.55)
    for i, name in enumerate(names):
        left = box.left + i * step
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, box.top + box.height // 5,
                                       swatch, swatch)
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(PHASE_BLUES[i % len(PHASE_BLUES)])
        shape.line.fill.background()
        shape.shadow.inherit = False
        text_box(slide, Box(left + swatch, box.top, step - swatch, box.height), [name], 12,
                 colour=INK)


def _month_step(months: float) -> int:
    return 3 if months <= 12 else 6 if months <= 36 else 12


def cost_chart(slide: Slide, box: Box, names: Sequence[str],
               phases: Sequence[dict[str, Any]], currency: str) -> Any:
    """One-off cost per phase, low and high estimate, in thousands of the currency; with no
    cost model, the person-days per phase."""
    from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
    from pptx.util import Pt

    if currency:
        symbol = SYMBOLS.get(currency, "")
        unit = f'"{symbol}"#,##0"k"' if symbol else f'#,##0"k {currency}"'
        series = [("One-off cost, low", [round(p["capex"][0] / 1000) for p in phases]),
                  ("One-off cost, high", [round(p["capex"][1] / 1000) for p in phases])]
        colours = ["9ECAE1", "0072B2"]
    else:
        unit = "#,##0"
        series = [("Person-days", [round(p["effort"], 1) for p in phases])]
        colours = ["0072B2"]
    chart = _add(slide, box, XL_CHART_TYPE.COLUMN_CLUSTERED, names, series, unit)
    _colour_series(chart, colours)
    plot = chart.plots[0]
    plot.gap_width = 80
    for s, key in zip(plot.series, (0, 1), strict=False):
        for i, p in enumerate(phases):
            label = s.points[i].data_label
            label.position = XL_LABEL_POSITION.OUTSIDE_END
            label.text_frame.text = (money(p["capex"][key], currency) if currency
                                     else days(p["effort"]))
            label.text_frame.paragraphs[0].runs[0].font.size = Pt(11)
    axis = chart.value_axis
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = _rgb(GRID)
    axis.tick_labels.number_format, axis.tick_labels.number_format_is_linked = unit, False
    axis.minimum_scale = 0
    return chart


def paired_chart(slide: Slide, box: Box, labels: Sequence[str],
                 series: Sequence[tuple[str, Sequence[float]]], scale_max: float,
                 colours: Sequence[str], across: bool = False) -> Any:
    """Scores side by side per domain (progress since the baseline, projection); bars
    ``across`` the slide, first domain on top, for long names in a narrow box."""
    from pptx.enum.chart import XL_CHART_TYPE

    kind = XL_CHART_TYPE.BAR_CLUSTERED if across else XL_CHART_TYPE.COLUMN_CLUSTERED
    chart = _add(slide, box, kind, labels, series, "0.00")
    _colour_series(chart, colours)
    chart.plots[0].gap_width = 60 if across else 80
    if across:
        chart.category_axis.reverse_order = True
    _value_axis(chart, 0, scale_max, 1)
    return chart


def projection_series(data: ProjectionData) -> list[tuple[str, list[float]]]:
    """Today, after each phase, and the target, as shown."""
    out = [(name, [score_value(v) for v in values]) for name, values in data.series]
    return [*out, ("Target", [float(t) for t in data.targets])]


def projection_colours(count: int) -> list[str]:
    phases = count - 2
    return [BASELINE, *(PHASE_BLUES[i % len(PHASE_BLUES)] for i in range(phases)), MUTED]
