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
