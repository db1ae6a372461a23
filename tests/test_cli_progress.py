"""Stage names on stderr during a long report: on a terminal only, after a second."""

from __future__ import annotations

import io
import time

import pytest

from assess.cli import _progress
from assess.cli._progress import StageLine


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_silent_when_stderr_is_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_progress, "DELAY", 0.0)
    out = io.StringIO()
    with StageLine("report", out) as stage:
        time.sleep(0.05)
        stage("PDF")
        time.sleep(0.05)
    assert out.getvalue() == ""


def test_stage_names_on_a_terminal_once_it_takes_long(monkeypatch: pytest.MonkeyPatch
                                                      ) -> None:
    monkeypatch.setattr(_progress, "DELAY", 0.0)
    out = Terminal()
    with StageLine("report", out) as stage:
        stage("loading and scoring")
        deadline = time.monotonic() + 5
        while not stage.shown and time.monotonic() < deadline:
            time.sleep(0.01)
        stage("PDF (laying out pages)")
    text = out.getvalue()
    assert "report: loading and scoring" in text and "report: PDF (laying out pages)" in text
    assert text.endswith("\r\033[K")  # the line is erased at the end


def test_a_quick_run_stays_silent_on_a_terminal() -> None:
    out = Terminal()
    with StageLine("report", out) as stage:
        stage("HTML")
    assert out.getvalue() == ""


def test_write_reports_names_its_stages(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from assess.report import write_reports

    from .report_support import FIXTURE

    seen: list[str] = []
    list(write_reports(FIXTURE, ["html", "xlsx"], tmp_path, stage=seen.append))
    assert seen == ["loading and scoring", "drawing charts", "HTML", "workbook", "done"]
