"""`assess report`: formats, where the files go, options, errors and exit codes; and
`assess demo -o DIR` writing every report format."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from assess.cli import main

from .report_support import FIXTURE

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082")


def test_one_format_to_a_file(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "client.html"
    result = runner.invoke(main, ["report", str(FIXTURE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out.with_name('client-annex.html')}\nwrote {out}\n"
    assert out.read_text().startswith("<!DOCTYPE html>")


def test_without_output_the_path_is_shown_as_given(tmp_path: Path, runner: CliRunner,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # Used to print the absolute path of the working folder.
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["report", str(FIXTURE)])
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == (
        "", "wrote report-annex.html\nwrote report.html\n")
    assert (tmp_path / "report.html").read_text().startswith("<!DOCTYPE html>")
    result = runner.invoke(main, ["report", str(FIXTURE), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == "wrote report.md"
    assert all(line.startswith(("wrote report-charts/", "wrote report-annex.md"))
               for line in result.stderr.splitlines()[:-1])


def test_several_formats_to_a_folder(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["report", str(FIXTURE), "--format", "html", "--format",
                                  "markdown", "--format", "xlsx", "-o", str(out),
                                  "--title", "Foundations review"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "report-annex.html", "report-annex.md", "report-charts", "report.html", "report.md",
        "report.xlsx"]
    assert "# Foundations review" in (out / "report.md").read_text()


def test_the_file_name_picks_the_format(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "results.xlsx"
    assert runner.invoke(main, ["report", str(FIXTURE), "-o", str(out)]).exit_code == 0
    assert out.read_bytes().startswith(b"PK")


def test_one_format_to_a_folder_without_suffix(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "reports"
    result = runner.invoke(main, ["report", str(FIXTURE), "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "report.xlsx").is_file()


def test_name_and_format_disagreeing_is_an_error(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "report.pdf"
    result = runner.invoke(main, ["report", str(FIXTURE), "--format", "html", "-o", str(out)])
    # Options that contradict each other: a usage error (SPEC.md section 7), not bad input.
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].endswith(" report [OPTIONS] ASSESSMENT")
    assert result.stderr.endswith(f"Error: {out}: the name says pdf but the format is html; "
                                  "give a .html name or a folder\n")
    assert not out.exists()


def test_a_name_of_no_known_format_needs_format(tmp_path: Path, runner: CliRunner) -> None:
    # client.odt used to receive an HTML report under an OpenDocument name (client.docx,
    # before the Word document, too).
    out = tmp_path / "client.odt"
    result = runner.invoke(main, ["report", str(FIXTURE), "-o", str(out)])
    assert result.exit_code == 2
    assert "Error: " in result.stderr
    assert ("cannot tell the format from the name; give --format (html, markdown, pdf, xlsx, "
            "docx, pptx)") in result.stderr
    assert not out.exists()
    # Nor does --format html make it right (issue 19: the suffix must fit).
    result = runner.invoke(main, ["report", str(FIXTURE), "--format", "html", "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: {out}: the format is html, so the name must end "
                                  "in .html or .htm\n")
    assert not out.exists()


def test_several_formats_into_a_file_is_an_error(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "taken"
    out.write_text("")
    result = runner.invoke(main, ["report", str(FIXTURE), "--format", "html", "--format",
                                  "xlsx", "-o", str(out)])
    assert result.exit_code == 3
    assert "several formats need a folder" in result.stderr


def test_templates_folder_must_exist(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["report", str(FIXTURE), "--templates",
                                  str(tmp_path / "missing"), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2


def test_logo_is_checked(tmp_path: Path, runner: CliRunner) -> None:
    fake = tmp_path / "logo.png"
    fake.write_text("not a picture")
    result = runner.invoke(main, ["report", str(FIXTURE), "--logo", str(fake), "-o",
                                  str(tmp_path / "r.html")])
    assert result.exit_code == 3
    assert "is not a PNG image" in result.stderr
    fake.write_bytes(PNG_1PX)
    result = runner.invoke(main, ["report", str(FIXTURE), "--logo", str(fake), "-o",
                                  str(tmp_path / "r.html")])
    assert result.exit_code == 0
    assert "data:image/png;base64," in (tmp_path / "r.html").read_text()


def test_invalid_assessment_exits_3(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(main, ["report", str(tmp_path), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 3
    assert "no assessment here" in result.stderr


def test_pdf_without_weasyprint_writes_nothing(tmp_path: Path, runner: CliRunner,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any) -> Any:
        return None if name == "weasyprint" else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    out = tmp_path / "out"
    result = runner.invoke(main, ["report", str(FIXTURE), "--format", "html", "--format",
                                  "pdf", "-o", str(out)])
    assert result.exit_code == 3
    assert "pip install 'assess[pdf]'" in result.stderr
    assert not out.exists()


def test_demo_writes_every_report_format(tmp_path: Path, runner: CliRunner,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # The pipeline on the small fixture: the same code path as the example, much faster.
    monkeypatch.setattr("assess.pipeline.example_path", lambda: FIXTURE)
    result = runner.invoke(main, ["demo", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    expected = {"report.html", "report.md", "report.xlsx"}
    if importlib.util.find_spec("weasyprint") is not None:
        expected.add("report.pdf")
    else:
        assert "skipped the pdf report" in result.stdout
    assert expected <= {p.name for p in tmp_path.iterdir()}
    assert f"wrote {tmp_path / 'report.html'}" in result.stdout


def test_report_command_imports_nothing_heavy_until_it_runs() -> None:
    code = ("import sys, assess.cli.report, assess.report; "
            "heavy = {'matplotlib', 'jinja2', 'openpyxl', 'weasyprint'} & set(sys.modules); "
            "print(sorted(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(("name", "message"), [
    ("firm.potx", "a reference template must be a .pptx (the deck) or a .docx"),
    ("firm.pptx", "a reference for pptx, but --format pptx is not being written"),
])
def test_a_reference_template_is_never_silently_ignored(
        tmp_path: Path, runner: CliRunner, name: str, message: str) -> None:
    reference = tmp_path / name
    reference.write_bytes(b"PK\x03\x04")
    out = tmp_path / "client.html"
    result = runner.invoke(main, ["report", str(FIXTURE), "--reference", str(reference),
                                  "-o", str(out)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert not out.exists()
