"""The results workbook: one sheet per subject (Summary, Capabilities, Recommendations,
Roadmap, Resourcing, Programmes, Progress with a baseline, Crosswalk when the assessment
lists ``crosswalks:``, Answers), each an Excel table
with filters, printed A4 landscape at one page wide with its header row repeated.

Numbers are stored as numbers (with a number format), never as text; every text (what
a respondent or the content wrote, and the headers) is written by
:func:`assess.render.text.literal_text`: an explicit string cell, with Excel's
``quotePrefix`` style when it starts with = + - @ tab or CR, so a note such as
"+44 20 7946 0000" or "=HYPERLINK(...)" reads exactly as written and is never a formula.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from typing import Any

from assess.numbers import percent_value, score_value, show_target, shown_delta, shown_gap
from assess.render.text import literal_text

SCORE = "0.00"
PERCENT = "0%"
TARGET = "General"
"""With the target stored as shown (:func:`_target`), it reads as everywhere else: 3, 3.5,
3.25."""
DAYS = "#,##0"
DATE = "d mmm yyyy"
HEADER_FILL = "1F4E79"
WIDEST = 80


def _value(value: Any) -> Any:
    if value == "–":  # the reports' "no value" mark: an empty cell in a workbook
        return None
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    return value


def _put(ws: Any, row: int, col: int, value: Any) -> Any:
    """Write one cell: text as literal text (never a formula), anything else as is."""
    value = _value(value)
    if isinstance(value, str):
        return literal_text(ws.cell(row, col), value)
    return ws.cell(row, col, value)


class _Sheet:
    """A sheet written as one table: a header row, then rows, with formats per column."""

    def __init__(self, wb: Any, title: str, columns: Sequence[tuple[str, str | None, int]],
                 first: bool = False) -> None:
        self.ws = wb.active if first else wb.create_sheet()
        self.ws.title = title
        self.columns = columns
        self.start = 1
        self.tables = 0

    def preamble(self, rows: Sequence[tuple[str, Any, str | None]]) -> None:
        """Label/value lines above the table (the summary's key figures)."""
        from openpyxl.styles import Font

        for label, value, number_format in rows:
            _put(self.ws, self.start, 1, label).font = Font(bold=True)
            target = _put(self.ws, self.start, 2, value)
            if number_format:
                target.number_format = number_format
            self.start += 1
        self.start += 1

    def table(self, rows: Sequence[Sequence[Any]]) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        header = self.start
        for col, (name, _, width) in enumerate(self.columns, 1):
            c = _put(self.ws, header, col, name)
            c.font = Font(bold=True, color="FFFFFF")
            c.fill = PatternFill("solid", fgColor=HEADER_FILL)
            c.alignment = Alignment(vertical="center", wrap_text=True)
            letter = get_column_letter(col)
            current = self.ws.column_dimensions[letter].width or 0
            self.ws.column_dimensions[letter].width = max(current, min(width, WIDEST))
        wrapped = Alignment(wrap_text=True, vertical="top")  # one style object for all
        for r, row in enumerate(rows, header + 1):
            for col, value in enumerate(row, 1):
                c = _put(self.ws, r, col, value)
                fmt = self.columns[col - 1][1]
                if fmt and isinstance(value, int | float) and not isinstance(value, bool):
                    c.number_format = fmt
                if self.columns[col - 1][2] >= 40:
                    c.alignment = wrapped
        last = header + max(len(rows), 1)
        ref = f"A{header}:{get_column_letter(len(self.columns))}{last}"
        if not self.tables:
            # The first table's header row stays in view and is printed on every page.
            self.ws.freeze_panes = self.ws.cell(header + 1, 1)
            self.ws.print_title_rows = f"{header}:{header}"
        self.tables += 1
        _excel_table(self.ws, ref, f"{self.ws.title}{self.tables}")
        self.start = last + 2


def _excel_table(ws: Any, ref: str, name: str) -> None:
    """An Excel table over ``ref``: filter buttons, banded rows, a name for formulas."""
    from openpyxl.worksheet.table import Table, TableStyleInfo

    table = Table(displayName="".join(ch for ch in name if ch.isalnum()), ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)


def _print_setup(ws: Any) -> None:
    """A4 landscape, every column on one page width, as many pages down as needed."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False


def _date(iso: str) -> Any:
    """An ISO date as a date cell (left as text when it is not one)."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(iso)
    except ValueError:
        return iso


def _score(value: float | None) -> float | None:
    """A score cell holds the score as shown (assess.numbers): 1.9954 is 1.99 beside level
    1, never 2.00 through Excel's own rounding."""
    return None if value is None else score_value(value)


def _target(value: float) -> float:
    return float(show_target(value))


def _gap(row: Mapping[str, Any]) -> float | None:
    return shown_gap(row["target"], row["score"])


def _share(value: float | None) -> float | None:
    """A coverage or readiness cell: the share as shown, 100% only when complete."""
    return None if value is None else percent_value(value) / 100


def _summary(wb: Any, ctx: Mapping[str, Any]) -> None:
    phases = ctx["projection"]["phases"]
    sheet = _Sheet(wb, "Summary", [
        ("Domain", None, 28), ("Score", SCORE, 9), ("Level", None, 14), ("Target", TARGET, 9),
        ("Gap", SCORE, 9), ("Coverage", PERCENT, 10), ("Capabilities", None, 13),
        ("Below target", None, 13), *((f"After {p}", SCORE, 14) for p in phases)], first=True)
    o, meta = ctx["overall"], ctx["meta"]
    doc = meta["document"]
    sheet.preamble([
        *([("Classification", meta["classification"], None)] if meta["classification"]
          else []),
        (meta["title"], "", None), ("Organisation", meta["organisation"], None),
        ("Assessment date", _date(meta["date"]), DATE), ("Framework", meta["framework"], None),
        ("Overall score", _score(o["score"]), SCORE),
        ("Overall level", o["level_label"], None),
        ("Overall target", _target(o["target"]), TARGET), ("Overall gap", _gap(o), SCORE),
        ("Coverage", _share(o["coverage"]), PERCENT),
        ("Capabilities scored", ctx["scope"]["scored"], None),
        ("Capabilities in scope", ctx["scope"]["capabilities"], None),
        *([("Out of scope", ctx["scope"]["excluded"], None)] if ctx["scope"]["excluded"]
          else []),
        *([("Partial coverage", ctx["scope"]["caveat"], None)] if ctx["scope"]["caveat"]
          else []),
        ("Recommended steps", len(ctx["recommendations"]), None),
        ("Total effort (person-days)", ctx["total_effort"], DAYS),
        *([("Prepared by", doc["prepared_by"], None)] if doc["prepared_by"] else []),
        ("Version", doc["version"], None), ("Date of issue", _date(doc["date"]), DATE),
        *([("Distribution", doc["distribution"], None)] if doc["distribution"] else []),
    ])
    projected = {d["id"]: d["phases"] for d in ctx["projection"]["domains"]}
    rows = [[d["name"], _score(d["score"]), d["level_label"], _target(d["target"]), _gap(d),
             _share(d["coverage"]), len(d["capabilities"]), d["below_target"],
             *map(_score, projected.get(d["id"], []))]
            for d in ctx["domains"]]
    rows.append(["Overall", _score(o["score"]), o["level_label"], _target(o["target"]),
                 _gap(o),
                 _share(o["coverage"]), sum(len(d["capabilities"]) for d in ctx["domains"]),
                 sum(d["below_target"] for d in ctx["domains"]),
                 *map(_score, ctx["projection"]["overall"]["phases"])])
    sheet.table(rows)


def _programmes(wb: Any, ctx: Mapping[str, Any]) -> None:
    sheet = _Sheet(wb, "Programmes", [
        ("Programme", None, 28), ("Weight", SCORE, 9), ("Readiness", PERCENT, 11),
        ("Status", None, 14), ("Main blockers", None, 60), ("Capabilities scored", None, 13),
        ("Not scored (left out of readiness)", None, 60)])
    sheet.table([[p["name"], p["weight"], _share(p["readiness"]), p["status"],
                  [b["name"] for b in p["blockers"][:3]], p["scored_capabilities"],
                  p["unscored_capabilities"]] for p in ctx["programmes"]])


def _progress(wb: Any, ctx: Mapping[str, Any]) -> None:
    """Change since the baseline per capability (only with a baseline)."""
    progress = ctx["progress"]
    if not progress:
        return
    label = progress["label"]
    sheet = _Sheet(wb, "Progress", [
        ("Domain", None, 18), ("Capability", None, 36), (label, SCORE, 12), ("Now", SCORE, 9),
        ("Change", SCORE, 9), ("Status", None, 12), ("Comparable", PERCENT, 11)])
    rows = []
    for d in progress["domains"]:
        for c in d["capabilities"]:
            base, now = c.get("baseline"), c.get("current")
            change = shown_delta(base, now)
            rows.append([d["name"], c["name"], _score(base), _score(now), change,
                         c.get("status", ""), _share(c.get("coverage"))])
    sheet.table(rows)


def _capabilities(wb: Any, ctx: Mapping[str, Any]) -> None:
    sheet = _Sheet(wb, "Capabilities", [
        ("Domain", None, 18), ("Capability", None, 40),
        ("Score", SCORE, 8), ("Level", None, 14), ("Target", TARGET, 8), ("Gap", SCORE, 8),
        ("Coverage", PERCENT, 10), ("Spread", SCORE, 8), ("Disagreement", None, 13),
        ("Confidence", None, 11), ("Next step rank", None, 10), ("Next step", None, 60)])
    rows = []
    for d in ctx["domains"]:
        for c in d["capabilities"]:
            step = c["next_step"]
            rows.append([d["name"], c["name"], _score(c["score"]), c["level_label"],
                         _target(c["target"]), _gap(c), _share(c["coverage"]), c["spread"],
                         "yes" if c["disagreement"] else "", c["confidence"] or "",
                         step["rank"] if step else None, step["action"] if step else ""])
    sheet.table(rows)


def _recommendations(wb: Any, ctx: Mapping[str, Any]) -> None:
    sheet = _Sheet(wb, "Recommendations", [
        ("Rank", None, 7), ("Domain", None, 18),
        ("Capability", None, 32), ("From level", None, 8), ("To level", None, 8),
        ("Priority", SCORE, 9), ("Phase", None, 14), ("Action", None, 60),
        ("Owner", None, 22), ("Effort (person-days)", DAYS, 10), ("Cost band", None, 9),
        ("Needs first", None, 32), ("Programmes", None, 32), ("Technologies", None, 32),
        ("Rationale", None, 70)])
    sheet.table([[r["rank"], r["domain_name"], r["capability_name"],
                  r["from_level"], r["to_level"], r["priority"], r["phase"], r["action"],
                  r["owner"], r["effort"], r["cost_band"], r["requires"], r["programmes"],
                  r["technologies"], r["rationale"]] for r in ctx["recommendations"]])


def _roadmap(wb: Any, ctx: Mapping[str, Any]) -> None:
    sheet = _Sheet(wb, "Roadmap", [
        ("Phase", None, 14), ("Start month", None, 8), ("End month", None, 8),
        ("Order", None, 7), ("Rank", None, 7), ("Capability", None, 32),
        ("To level", None, 8), ("Action", None, 60),
        ("Owner", None, 22), ("Effort (person-days)", DAYS, 10), ("Cost band", None, 9),
        ("Needs first", None, 32)])
    rows = []
    for p in ctx["phases"]:
        for i, r in enumerate(p["recommendations"], 1):
            rows.append([p["name"], p["start_month"], p["end_month"], i, r["rank"],
                         r["capability_name"], r["to_level"], r["action"], r["owner"],
                         r["effort"], r["cost_band"], r["requires"]])
    for i, r in enumerate(ctx["backlog"], 1):
        rows.append(["Backlog", None, None, i, r["rank"], r["capability_name"],
                     r["to_level"], r["action"], r["owner"], r["effort"], r["cost_band"],
                     r["requires"]])
    sheet.table(rows)


MONEY = "#,##0"
FTE = "0.0"


def _resourcing(wb: Any, ctx: Mapping[str, Any]) -> None:
    """Per phase, the plan's total and the backlog: effort, FTE, capex and opex ranges as
    numbers in the cost model's currency (so a finance team can sum and chart them)."""
    res = ctx["resourcing"]
    cur = res["currency"] or "no cost model"
    sheet = _Sheet(wb, "Resourcing", [
        ("Phase", None, 16), ("Steps", None, 7), ("Person-days", DAYS, 12), ("FTE", FTE, 7),
        (f"Capex low ({cur})", MONEY, 14), (f"Capex high ({cur})", MONEY, 14),
        (f"Opex a year low ({cur})", MONEY, 16), (f"Opex a year high ({cur})", MONEY, 16),
        ("Steps without cost figures", None, 12)])
    sheet.table([[r["name"], r["steps"], r["effort"], r["fte"], r["capex"][0], r["capex"][1],
                  r["opex_per_year"][0], r["opex_per_year"][1], r["uncosted"]]
                 for r in res["rows"]])


def _crosswalk(wb: Any, ctx: Mapping[str, Any]) -> None:
    """Every item of each standard the assessment lists under ``crosswalks:`` (only then),
    from the report's crosswalk context: one table, filterable by standard."""
    sections = ctx.get("crosswalks") or []
    if not sections:
        return
    sheet = _Sheet(wb, "Crosswalk", [
        ("Standard", None, 24), ("Id", None, 10), ("Name", None, 40), ("Kind", None, 12),
        ("Parent", None, 8), ("Score (indicative)", SCORE, 10), ("On the standard's scale",
                                                                   None, 22),
        ("Maturity", SCORE, 9), ("Coverage", PERCENT, 10), ("Groups", None, 12),
        ("Questions answered", None, 10), ("Questions", None, 50)])
    sheet.table([[cw["name"], i["id"], i["name"], i["kind"], i["parent"], _score(i["score"]),
                  i["label"], _score(i["maturity"]), _share(i["coverage"]), i["groups"],
                  i["answered"], i["questions"]]
                 for cw in sections for i in cw["items"]])


def _answers(wb: Any, ctx: Mapping[str, Any]) -> None:
    sheet = _Sheet(wb, "Answers", [
        ("Domain", None, 16), ("Capability", None, 28), ("Question id", None, 12),
        ("Question", None, 60), ("Combined", SCORE, 10), ("Spread", SCORE, 8),
        ("Disagreement", None, 12), ("Respondent", None, 18), ("Role", None, 24),
        ("Answer", None, 8), ("Confidence", None, 11), ("Evidence", None, 40),
        ("Notes", None, 70)])
    rows = []
    for d in ctx["domains"]:
        for c in d["questions"]:
            for q in c["questions"]:
                head = [d["name"], c["name"], q["id"], q["text"],
                        q["value"] if q["value"] is not None else q["state"], q["spread"],
                        "yes" if q["disagreement"] else ""]
                if not q["answers"]:
                    rows.append([*head, "", "", "", "", "", ""])
                for a in q["answers"]:
                    rows.append([*head, a["respondent"], a["role"], a["raw"],
                                 a["confidence"] or "", a["evidence"], a["notes"]])
    sheet.table(rows)


def _mark(ws: Any, classification: str) -> None:
    """The handling marking in every printed page's header and footer."""
    if not classification:
        return
    text = classification.replace("&", "&&")  # & starts an Excel header code
    ws.oddHeader.center.text = ws.evenHeader.center.text = text
    ws.oddFooter.center.text = ws.evenFooter.center.text = text
    ws.oddHeader.center.font = ws.oddFooter.center.font = "Calibri,Bold"


def render_xlsx(ctx: Mapping[str, Any]) -> bytes:
    """The workbook as bytes."""
    import datetime as dt

    from openpyxl import Workbook

    wb = Workbook()
    for build in (_summary, _capabilities, _recommendations, _roadmap, _resourcing,
                  _programmes, _progress, _crosswalk, _answers):
        build(wb, ctx)
    for ws in wb.worksheets:
        _mark(ws, ctx["meta"]["classification"])
        _print_setup(ws)
    # Stamp the assessment date, not the time of writing, so reruns give the same workbook.
    try:
        stamp = dt.datetime.fromisoformat(ctx["meta"]["date"])
    except ValueError:
        stamp = dt.datetime(2000, 1, 1)
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = ctx["meta"]["generator"]
    wb.properties.title = ctx["meta"]["title"]
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
