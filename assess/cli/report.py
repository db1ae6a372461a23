from __future__ import annotations

from pathlib import Path
from typing import cast

import click

from ._common import assessment_argument, handle_errors


@click.command()
@assessment_argument
@click.option("--format", "formats", multiple=True,
              type=click.Choice(["html", "markdown", "pdf", "xlsx", "docx", "pptx"]),
              help="Output format; repeat for several (default: the one the -o name "
              "implies, else html). docx is an editable Word document, pptx a board "
              "deck with native charts. PDF needs the "
              "'pdf' extra (WeasyPrint).")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="With several formats, a folder (created) that receives report.<ext>; "
              "with one format, a file name (e.g. client.html) or a folder. Default: the "
              "current folder.")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder searched for templates (report.html.j2, report.md.j2, "
              "report.css, partials/...) before the built-in ones.")
@click.option("--title", help="Report title (default: the framework's report_title, "
              "else 'Infrastructure and digital foundations: gap analysis').")
@click.option("--logo", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Logo for the cover (PNG, JPEG, GIF, WebP or SVG, at most 2 MB); "
              "embedded in the file.")
@click.option("--draft", is_flag=True,
              help="Add consultant notes (what is missing and how to add it with assess) "
              "as clearly marked draft notes. Without it the report is the client "
              "deliverable: no tool instructions.")
@click.option("--respondents", type=click.Choice(["named", "roles", "anonymous"]),
              default="roles", show_default=True,
              help="How quotes, answers and disagreements are attributed: by name and "
              "role, by role only, or as Respondent A, B ...")
@click.option("--reference", "references", multiple=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="The firm's own template, the way pandoc's reference documents work: "
              "a .pptx whose slide master and layouts the deck uses, a .docx whose styles "
              "the document uses. Repeat for both.")
@handle_errors
def report(assessment: Path, formats: tuple[str, ...], output: Path | None,
           templates: Path | None, title: str | None, logo: Path | None,
           draft: bool, respondents: str, references: tuple[Path, ...]) -> None:
    """Write the gap-analysis report: HTML, Markdown, PDF, Word, an Excel workbook and/or
    a PowerPoint board deck.

    ASSESSMENT is a folder holding assessment.yaml (or that file). The report is shaped
    like an ICT strategy: executive summary, vision and principles, foundations by
    domain, core technologies, programmes, governance, resourcing, action plan and
    appendices, with charts. HTML is one self-contained file; Markdown writes its charts
    as PNG files into <name>-charts/ beside it. --draft adds consultant notes for a review
    copy; the default is the version to hand to the client. The deck (pptx) has about a
    dozen slides with native, editable charts and the detail in the speaker notes;
    --reference builds it on the firm's own slide master.

    \b
    Example:
      assess report work/northshire -o northshire.html
      assess report work/northshire --format html --format pdf --format xlsx -o out
      assess report work/northshire --format markdown -o out/report.md
      assess report work/northshire -o northshire.docx
      assess report work/northshire --draft -o review.html
      assess report work/northshire --respondents anonymous -o board.pdf
      assess report work/northshire -o board.pptx
      assess report work/northshire --format pptx --reference board.pptx -o deck
      assess report work/northshire --templates work/branding --title "ICT review" \\
          --logo work/branding/logo.svg -o work/report
    """
    from assess.render.attribution import Mode
    from assess.report import ReportOptions, write_reports

    options = ReportOptions(templates=templates, title=title, logo=logo, draft=draft,
                            respondents=cast("Mode", respondents),
                            references=references)
    from ._progress import StageLine

    with StageLine("report") as stage:
        written = list(write_reports(assessment, list(formats), output, options, stage=stage))
    for path in written:
        click.echo(f"wrote {path}", err=True)
