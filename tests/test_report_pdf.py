"""The PDF (skipped without WeasyPrint, the 'pdf' extra): several pages, a contents list
with page numbers, running page numbers, and a clear error when WeasyPrint is missing."""

from __future__ import annotations

import builtins
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from assess.errors import OutputError
from assess.report import write_reports
from assess.report.pdf import render_document

from .report_support import FIXTURE, fixture_context

pytest.importorskip("weasyprint")


def _labels(bookmarks: list[Any]) -> list[str]:
    out = []
    for mark in bookmarks:
        label, _target, children, _state = mark
        out.append(label)
        out.extend(_labels(children))
    return out


@pytest.fixture(scope="module")
def document() -> Any:
    return render_document(fixture_context())


def test_pdf_has_pages_and_a_contents_list(document: Any) -> None:
    assert len(document.pages) > 1
    labels = _labels(document.make_bookmark_tree())
    assert "Contents" in labels
    assert "1 Executive summary" in labels and "3.1 Hosting" in labels
    assert "B Respondents" in labels


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler)")
def test_pdf_text_has_page_numbers_and_contents(tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    list(write_reports(FIXTURE, ["pdf"], out))
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "Contents" in text
    assert "Page 2 of" in text
    assert "Prepared for Fixture Borough Council" in text


def test_missing_weasyprint_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_weasyprint(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise ImportError("No module named 'weasyprint'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    with pytest.raises(OutputError, match=r"pip install 'assess\[pdf\]'"):
        render_document(fixture_context(), {})


def test_pdf_fetches_nothing_even_from_a_template_override(tmp_path: Path) -> None:
    import http.server
    import threading

    hits: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        (tmp_path / "partials").mkdir()
        (tmp_path / "partials" / "vision.html.j2").write_text(
            f'<section id="vision"><img src="{base}/logo.png">'
            f'<style>@import url({base}/brand.css);</style></section>')
        render_document(fixture_context(), {}, tmp_path)
    finally:
        server.shutdown()
    assert hits == []


def _poppler(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    file = tmp_path / f"{len(list(tmp_path.iterdir()))}.pdf"
    file.write_bytes(pdf)
    last = [] if tool == "pdfimages" else ["-"]  # pdfimages -list writes no files
    return subprocess.run([tool, *args, str(file), *last], check=True, capture_output=True,
                          text=True).stdout


@pytest.mark.skipif(shutil.which("pdfimages") is None, reason="needs poppler-utils")
def test_charts_given_later_are_the_charts_drawn_now(tmp_path: Path) -> None:
    from assess.report.figures import charts_to_come, render_charts
    from assess.report.pdf import render_pdf

    ctx = fixture_context()
    png = render_charts(ctx, "png")
    asked = []

    def images() -> dict[str, bytes]:
        asked.append(True)
        return {name: chart.png for name, chart in png.items()}

    later = render_pdf(ctx, charts_to_come(ctx), images=images)
    now = render_pdf(ctx, png)
    assert asked
    # The same pages, words and pictures (only the pictures' internal names differ).
    assert _poppler("pdftotext", later, tmp_path) == _poppler("pdftotext", now, tmp_path)
    listed = [_poppler("pdfimages", pdf, tmp_path, "-list").splitlines()
              for pdf in (later, now)]
    assert len(listed[0]) == len(png) + 2  # a header of two lines, then one per chart
    strip = [[" ".join(line.split()[:9] + line.split()[11:]) for line in lines]
             for lines in listed]  # without the object numbers
    assert strip[0] == strip[1]
    assert all(" rgb " in line and " smask " not in line for line in listed[0][2:])


def test_charts_that_never_come_are_an_error_not_a_missing_picture() -> None:
    from assess.report.figures import charts_to_come
    from assess.report.pdf import render_pdf

    ctx = fixture_context()

    def images() -> dict[str, bytes]:
        raise OutputError("the charts were never drawn")

    with pytest.raises(OutputError, match="never drawn"):
        render_pdf(ctx, charts_to_come(ctx), images=images)
