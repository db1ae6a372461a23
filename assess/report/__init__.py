"""The gap-analysis report: HTML, Markdown, PDF, XLSX and Word from one plain context.

::

    inputs = load_inputs(Path("examples/northshire"))       # load, score, prioritise
    ctx = build_context(inputs, title=None, logo=None)     # plain data (context.py)
    paths = write_reports(Path("examples/northshire"), ["html", "pdf"], Path("out"))

Rendering modules (html, markdown, pdf, xlsx, charts) import jinja2, matplotlib,
openpyxl and WeasyPrint inside their functions; importing this package is cheap.
"""

from __future__ import annotations

import functools
import os
import pickle
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assess.errors import AssessError, NotFound, OutputError, UsageError
from assess.load.yamlio import display_path
from assess.render.attribution import DEFAULT_MODE, Mode

from .context import Logo, ReportInputs, build_context

if TYPE_CHECKING:
    from assess.load.workspace import Workspace
    from assess.prioritise import Recommendations
    from assess.scoring.results import ScoreResult

    from .figures import Chart

__all__ = [
    "FORMATS",
    "Logo",
    "ReportInputs",
    "ReportOptions",
    "annex_path",
    "available_formats",
    "build_context",
    "inputs_for",
    "load_inputs",
    "output_paths",
    "read_logo",
    "read_reference",
    "references_by_format",
    "write_reports",
]

FORMATS = {"html": ".html", "markdown": ".md", "pdf": ".pdf", "xlsx": ".xlsx",
           "docx": ".docx", "pptx": ".pptx"}
"""Format name -> file suffix."""
SUFFIXES = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown",
            ".pdf": "pdf", ".xlsx": "xlsx", ".docx": "docx", ".pptx": "pptx"}
BASENAME = "report"
STAGES = {"html": "HTML", "markdown": "Markdown", "pdf": "PDF (laying out pages)",
          "xlsx": "workbook", "docx": "Word document", "pptx": "slide deck"}
"""Stage names shown while each format renders."""
ANNEXED = ("html", "markdown", "pdf", "docx")
"""Formats written with an annex beside the report (answers and notes, for the working
team). The deck (pptx) has none: it is for the board, and the annex of another format
serves the working team."""
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
              ".gif": "image/gif", ".svg": "image/svg+xml", ".webp": "image/webp"}
LOGO_MAX_BYTES = 2 * 1024 * 1024
REFERENCE_FORMATS = {".pptx": "pptx", ".docx": "docx"}
"""Reference-template suffix -> the format it styles."""
REFERENCE_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class ReportOptions:
    templates: Path | None = None
    """Folder searched for templates (and report.css) before the shipped reports/."""
    title: str | None = None
    logo: Path | None = None
    respondents: Mode = DEFAULT_MODE
    """How respondents are shown: named, roles (default) or anonymous
    (assess.render.attribution)."""
    draft: bool = False
    """Show consultant notes (what to add, which command draws what) as draft notes; the
    default report is the client deliverable and holds no tool instructions."""
    references: tuple[Path, ...] = ()
    """The firm's own templates (``--reference``): a .pptx whose slide master and layouts
    the deck uses, a .docx whose styles the document uses (pandoc's reference
    documents). Matched to formats by :func:`references_by_format`."""


def load_inputs(path: Path) -> ReportInputs:
    """Load, check, score and prioritise the assessment at ``path``."""
    from assess.load.workspace import load_workspace
    from assess.prioritise import recommend
    from assess.scoring import score_assessment

    ws = load_workspace(path)
    result = score_assessment(ws.scoring_inputs())
    return inputs_for(ws, result, recommend(ws.dependencies, result, ws.assessment.must_do,
                              ws.out_of_scope_needs))


def inputs_for(ws: Workspace, result: ScoreResult, recs: Recommendations) -> ReportInputs:
    """Report inputs from a workspace already loaded, scored and prioritised."""
    from assess.prioritise import programme_readiness, roadmap_for
    from assess.progress import delivery, progress_since_baseline
    from assess.render.progress import progress_block

    from .peers import peers_block

    roadmap = roadmap_for(ws.assessment, recs, result)
    progress = progress_since_baseline(ws.root, result, ws.questionnaires)
    outcome = progress.comparison.plan if progress is not None else None
    return ReportInputs(
        result=result, framework=ws.framework, questionnaires=ws.questionnaires,
        model=ws.dependencies, recommendations=recs, roadmap=roadmap,
        readiness=programme_readiness(ws.dependencies, result),
        vision=ws.assessment.vision, principles=ws.assessment.principles,
        progress=progress_block(progress),
        delivery=delivery(outcome, roadmap, recs) if outcome is not None else None,
        crosswalks=_crosswalks(ws, result),
        peers=peers_block(ws.root, ws.assessment, ws.questionnaires, result),
        classification=ws.assessment.classification, document=ws.assessment.document,
        governance=ws.assessment.governance,
        excluded=[(name, reason) for _, name, reason in ws.excluded],
    )


def _crosswalks(ws: Workspace, result: ScoreResult) -> tuple[Any, ...]:
    """The crosswalks the assessment asks for (``crosswalks:``), none when it asks none."""
    if not ws.assessment.crosswalks:
        return ()
    from assess.crosswalk_run import crosswalk_of
    from assess.models import crosswalk_target

    return tuple(crosswalk_of(ws, result, *crosswalk_target(entry))
                 for entry in ws.assessment.crosswalks)


def read_logo(path: Path) -> Logo:
    """Read and check a logo file (PNG, JPEG, GIF, WebP or SVG, at most 2 MB): a raster
    image must carry its format's signature; an SVG is parsed and rewritten from an
    allow-list, or refused with the reason (assess.report.logo)."""
    from .logo import check_raster, sanitise_svg

    mime = LOGO_TYPES.get(path.suffix.lower())
    name = display_path(path)
    if mime is None:
        raise AssessError(f"{name}: a logo must be one of {', '.join(sorted(LOGO_TYPES))}")
    if not path.exists():
        raise NotFound(f"{name}: logo file not found")
    from assess.load.files import read_limited

    data = read_limited(path, LOGO_MAX_BYTES, "a logo")
    if mime == "image/svg+xml":
        return Logo(sanitise_svg(data, name), mime)
    check_raster(data, mime, name)
    return Logo(data, mime)


def references_by_format(files: Sequence[Path], formats: Sequence[str]) -> dict[str, Path]:
    """Each ``--reference`` file under the format it styles (by suffix): one per format,
    and only for a format being written, so a template is never silently ignored."""
    chosen: dict[str, Path] = {}
    for path in files:
        fmt = REFERENCE_FORMATS.get(path.suffix.lower())
        name = display_path(path)
        if fmt is None:
            raise UsageError(f"{name}: a reference template must be a .pptx (the deck) or a "
                             ".docx (the document)")
        if fmt in chosen:
            raise UsageError(f"{name}: two reference templates for {fmt}; give one")
        if fmt not in formats:
            raise UsageError(f"{name}: a reference for {fmt}, but --format {fmt} is not "
                             "being written")
        if not path.exists():
            raise NotFound(f"{name}: reference template not found")
        chosen[fmt] = path
    return chosen


def read_reference(path: Path) -> bytes:
    """The bytes of a reference template: a regular file of at most 50 MB holding a zip
    package (every .pptx and .docx is one); anything else is refused by name."""
    from assess.load.files import read_limited

    name = display_path(path)
    data = read_limited(path, REFERENCE_MAX_BYTES, "a reference template")
    if not data.startswith(b"PK\x03\x04"):
        raise AssessError(f"{name}: not an Office file (a .pptx or .docx is a zip package)")
    return data


def annex_path(report: Path) -> Path:
    """Where a report's annex for the working team goes: ``<stem>-annex<suffix>`` beside
    it (HTML, Markdown, PDF and Word; the workbook has its own Answers sheet)."""
    return report.with_name(f"{report.stem}-annex{report.suffix}")


def output_paths(formats: Sequence[str], out: Path | None) -> dict[str, Path]:
    """Where each format goes.

    Several formats: ``out`` is a folder (created), holding ``report.<ext>`` files. One
    format: ``out`` is a file when it has a suffix, a folder when it is an existing
    folder or has no suffix. No ``out``: the current folder. No format: the one the
    suffix of ``out`` names (report.pdf), else html.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise UsageError(f"unknown format {unknown[0]!r} (known: {', '.join(FORMATS)})")
    # Path(".") rather than the absolute cwd: "wrote report.html" is what users expect.
    out = out if out is not None else Path(".")
    implied = SUFFIXES.get(out.suffix.lower()) if not out.is_dir() else None
    if not formats and implied is None and out.suffix and not out.is_dir():
        # Without this, client.docx received HTML under a Word name.
        raise UsageError(f"{display_path(out)}: cannot tell the format from the name; "
                         f"give --format ({', '.join(FORMATS)}) or a "
                         f"{', '.join(FORMATS.values())} name")
    chosen = list(dict.fromkeys(formats)) or [implied or "html"]
    if len(chosen) == 1 and not out.is_dir() and out.suffix:
        fmt = chosen[0]
        meant = SUFFIXES.get(out.suffix.lower())
        if meant is not None and meant != fmt:
            raise UsageError(f"{display_path(out)}: the name says {meant} but the format is "
                             f"{fmt}; give a {FORMATS[fmt]} name or a folder")
        return {fmt: out}
    if out.exists() and not out.is_dir():
        raise OutputError(f"{display_path(out)}: is a file; several formats need a folder")
    return {fmt: out / f"{BASENAME}{FORMATS[fmt]}" for fmt in chosen}


def write_reports(path: Path, formats: Sequence[str], out: Path | None,
                  options: ReportOptions | None = None,
                  inputs: ReportInputs | None = None,
                  stage: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Write the report of the assessment at ``path`` in each format; yield each file
    written (a Markdown report's chart images included).

    The files replace their previous versions as one set (:func:`assess.outputs.replace_set`):
    each format is rendered into a staging folder beside the targets, and only when every
    format is complete are they moved into place, so an error or a kill part-way leaves the
    previous set as it was. ``stage`` is told the name of each stage as it starts (the
    command line shows it on a terminal).
    """
    stage = stage or (lambda name: None)
    from assess.outputs import check_folder, check_output, refuse_own, replace_set

    from .background import Jobs
    from .figures import charts_to_come, render_charts
    from .html import ANNEX as HTML_ANNEX
    from .markdown import charts_folder
    from .pdf import render_pdf

    options = options or ReportOptions()
    if options.templates is not None and not options.templates.is_dir():
        raise NotFound(f"{display_path(options.templates)}: templates folder not found")
    if out is not None:
        refuse_own(out)
    targets = output_paths(formats, out)
    references = references_by_format(options.references, list(targets))
    for fmt, target in targets.items():
        check_output(target, fmt)
        if fmt in ANNEXED:
            check_output(annex_path(target), fmt)
        if fmt == "markdown":
            check_folder(target.parent / charts_folder(target))
    logo = read_logo(options.logo) if options.logo is not None else None
    if "pdf" in targets:
        _check_weasyprint()
    stage("loading and scoring")
    inputs = inputs or load_inputs(path)
    ctx = build_context(inputs, title=options.title, logo=logo, progress=inputs.progress,
                        draft=options.draft, respondents=options.respondents)
    folder = next(iter(targets.values())).parent
    drawn = {"markdown", "pdf", "docx"} & set(targets)
    with Jobs() as pdfs:
        if "pdf" in targets:
            # Both PDFs start now, while the charts are drawn: the annex has none, and the
            # report reads its HTML and stylesheet first and waits for the PNGs only when
            # its layout reaches the first.
            pdfs.start("annex", lambda: render_pdf(ctx, {}, options.templates, HTML_ANNEX))
            pngs = pdfs.handover()
            pdfs.start("report", lambda: render_pdf(
                ctx, charts_to_come(ctx), options.templates,
                images=functools.cache(lambda: pickle.loads(pngs.take()))))
        if drawn:
            stage("drawing charts")
        png = render_charts(ctx, "png") if drawn else {}
        annex: bytes | None = None  # collected early on two cores (below)
        if "pdf" in targets:
            pngs.give(pickle.dumps({name: chart.png for name, chart in png.items()}))
            if _cores() < 3:
                # Two cores carry three processes badly: the report's PDF, the longest,
                # would get two thirds of one. So the rest waits for the annex here, then
                # runs beside the report's PDF.
                stage(STAGES["pdf"])
                annex = pdfs.result("annex")
        if "html" in targets:
            stage("drawing charts")
        svg = render_charts(ctx, "svg") if "html" in targets else {}

        def rendered() -> Iterator[tuple[str, bytes]]:
            # The PDFs last: they are laid out in other processes meanwhile.
            for fmt, target in sorted(targets.items(), key=lambda item: item[0] == "pdf"):
                stage(STAGES.get(fmt, fmt))
                files = ([(annex_path(target),
                           pdfs.result("annex") if annex is None else annex),
                          (target, pdfs.result("report"))] if fmt == "pdf" else
                         _render(fmt, target, ctx, svg if fmt == "html" else png,
                                 options.templates, references.get(fmt)))
                for file, data in files:
                    yield str(file.relative_to(folder)), data

        yield from replace_set(folder, rendered())
    stage("done")


def _cores() -> int:
    """The CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1  # pragma: no cover - macOS, Windows


def _render(fmt: str, target: Path, ctx: dict[str, Any], charts: Mapping[str, Chart],
            templates: Path | None, reference: Path | None = None
            ) -> list[tuple[Path, bytes]]:
    """The files of one format: (path, bytes), the report itself last. ``charts`` are the
    figures drawn for it (SVG for HTML, PNG otherwise); ``reference`` is the firm's
    template for a format that takes one (pptx, docx)."""
    if fmt == "html":
        from .html import ANNEX, render_html

        html = render_html(ctx, charts, templates)
        annex = render_html(ctx, {}, templates, template=ANNEX)
        return [(annex_path(target), annex.encode("utf-8")), (target, html.encode("utf-8"))]
    if fmt == "markdown":
        from .markdown import charts_folder, render_markdown, render_markdown_annex

        text, extra = render_markdown(ctx, charts_folder(target), charts, templates)
        return [*((target.parent / rel, data) for rel, data in extra.items()),
                (annex_path(target), render_markdown_annex(ctx, templates).encode("utf-8")),
                (target, text.encode("utf-8"))]
    if fmt == "docx":
        from .docx_document import render_docx, render_docx_annex

        return [(annex_path(target), render_docx_annex(ctx, templates, reference)),
                (target, render_docx(ctx, charts, templates, reference))]
    if fmt == "pptx":
        from .pptx_deck import render_pptx

        return [(target, render_pptx(ctx, reference))]
    from .xlsx import render_xlsx

    return [(target, render_xlsx(ctx))]


def available_formats() -> tuple[list[str], dict[str, str]]:
    """Formats that can be written here, and why any others cannot (PDF needs the
    optional WeasyPrint)."""
    import importlib.util

    from .pdf import INSTALL_HINT

    if importlib.util.find_spec("weasyprint") is None:
        return [f for f in FORMATS if f != "pdf"], {"pdf": INSTALL_HINT}
    return list(FORMATS), {}


def _check_weasyprint() -> None:
    """Fail before any file is written when the PDF cannot be made."""
    import importlib.util

    if importlib.util.find_spec("weasyprint") is None:
        from .pdf import INSTALL_HINT

        raise OutputError(INSTALL_HINT)
