"""Reading user files (issue 19): regular files only, never more than the size limit; a
responses/ that is not a folder and a response without answers are located errors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main
from assess.errors import InvalidInput
from assess.load import files

from .conftest import DATA
from .report_support import FIXTURE

MINI = DATA / "mini"


def _assess(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """A real process under a timeout: a read that blocks fails the test, not the suite."""
    return subprocess.run([sys.executable, "-m", "assess", *args], cwd=cwd, text=True,
                          capture_output=True, timeout=timeout)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    shutil.copytree(MINI, tmp_path / "mini")
    return tmp_path / "mini"


def test_a_fifo_in_responses_is_refused_not_waited_for(mini: Path) -> None:
    os.mkfifo(mini / "responses" / "alpha.carl.yaml")
    result = _assess("validate", "mini", cwd=mini.parent, timeout=60)
    assert result.returncode == 3
    assert ("mini/responses/alpha.carl.yaml: <root>: refused: a named pipe (FIFO), not a "
            "regular file") in result.stderr + result.stdout


def test_a_symlink_to_dev_zero_is_refused_not_read(mini: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    (mini / "responses" / "alpha.zero.yaml").symlink_to("/dev/zero")
    result = _assess("score", "mini", cwd=mini.parent, timeout=60)
    assert result.returncode == 3
    assert "alpha.zero.yaml: <root>: refused: a character device, not a regular file" \
        in result.stderr


def test_a_folder_named_like_a_response_is_a_located_error(mini: Path,
                                                          runner: CliRunner) -> None:
    (mini / "responses" / "alpha.dir.yaml").mkdir()
    result = runner.invoke(main, ["score", str(mini)])
    assert result.exit_code == 3
    assert f"{mini}/responses/alpha.dir.yaml: <root>: refused: a folder, not a regular file" \
        in result.stderr


def test_a_fifo_logo_and_a_fifo_template_are_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "logo.png")
    result = _assess("report", str(FIXTURE), "--logo", "logo.png", "-o", "r.html",
                     cwd=tmp_path, timeout=60)
    assert result.returncode == 3
    assert "logo.png: <root>: refused: a named pipe (FIFO), not a regular file" in result.stderr
    branding = tmp_path / "branding"
    branding.mkdir()
    os.mkfifo(branding / "report.css")
    result = _assess("report", str(FIXTURE), "--templates", "branding", "-o", "r.html",
                     cwd=tmp_path, timeout=60)
    assert result.returncode == 3
    assert "branding/report.css: <root>: refused: a named pipe (FIFO)" in result.stderr
    assert not (tmp_path / "r.html").exists()


def test_never_reads_more_than_the_limit_whatever_the_size_says(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file whose size reads 0 (as a device's does) but holds more than the limit.
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * 10_000)
    real_fstat, real_read = os.fstat, os.read
    read: list[int] = []

    def fstat(fd: int) -> os.stat_result:
        st = list(real_fstat(fd))
        st[6] = 0  # st_size
        return os.stat_result(st)

    def counting_read(fd: int, n: int) -> bytes:
        data = real_read(fd, n)
        read.append(len(data))
        return data

    monkeypatch.setattr(files.os, "fstat", fstat)
    monkeypatch.setattr(files.os, "read", counting_read)
    with pytest.raises(InvalidInput) as caught:
        files.read_limited(big, 100)
    assert sum(read) == 101
    assert str(caught.value).endswith("refused: more than 100 bytes, the limit for one file")


def test_a_file_at_the_limit_is_read_whole(tmp_path: Path) -> None:
    exact = tmp_path / "exact.yaml"
    exact.write_bytes(b"y" * 100)
    assert files.read_limited(exact, 100) == b"y" * 100
    exact.write_bytes(b"y" * 101)
    with pytest.raises(InvalidInput, match="101 bytes is over the 100-byte limit"):
        files.read_limited(exact, 100)


def test_responses_that_is_a_file_is_a_located_error(mini: Path, runner: CliRunner) -> None:
    # Used to score every domain at 0% coverage with exit code 0.
    shutil.rmtree(mini / "responses")
    (mini / "responses").write_text("not a folder\n")
    result = runner.invoke(main, ["score", str(mini)])
    assert result.exit_code == 3
    assert result.stderr == (f"{mini}/responses: <root>: expected the folder of response "
                             "files, found a file; move it aside and create a folder named "
                             "responses\n")


def test_capture_refuses_responses_that_is_a_file_before_asking(mini: Path) -> None:
    from assess.workshop.capture import open_session

    shutil.rmtree(mini / "responses")
    (mini / "responses").write_text("")
    with pytest.raises(InvalidInput, match="expected the folder of response files"):
        open_session(mini, "alpha", "Dee")


def test_a_response_without_answers_is_a_located_error(mini: Path, runner: CliRunner) -> None:
    # Used to be accepted as an empty response.
    (mini / "responses" / "alpha.dee.yaml").write_text(
        "schema_version: 1\nquestionnaire: alpha\nrespondent: {name: Dee}\n")
    result = runner.invoke(main, ["validate", str(mini / "responses" / "alpha.dee.yaml")])
    assert result.exit_code == 3
    assert f"{mini}/responses/alpha.dee.yaml:1: <root>: missing required key 'answers'" \
        in result.stdout + result.stderr
    (mini / "responses" / "alpha.dee.yaml").write_text(
        "schema_version: 1\nquestionnaire: alpha\nrespondent: {name: Dee}\nanswers: {}\n")
    assert runner.invoke(main, ["score", str(mini)]).exit_code == 0


def test_a_fifo_named_like_a_workbook_is_refused_at_the_path(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "mini")
    os.mkfifo(tmp_path / "returned.xlsx")
    result = _assess("import", "returned.xlsx", "-o", "mini/responses", cwd=tmp_path,
                     timeout=60)
    assert result.returncode == 3
    assert result.stderr == ("returned.xlsx: <root>: refused: a named pipe (FIFO), not a "
                             "regular file\n")


def test_a_fifo_as_assessment_yaml_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    os.mkfifo(tmp_path / "a" / "assessment.yaml")
    result = _assess("score", "a", cwd=tmp_path, timeout=60)
    assert result.returncode == 3
    assert result.stderr == ("a/assessment.yaml: <root>: refused: a named pipe (FIFO), not a "
                             "regular file\n")


def test_a_pinned_questionnaire_that_is_a_fifo_is_refused_not_replaced(mini: Path) -> None:
    # Used to be passed over: the shipped questionnaire of that id used in its place
    # without a word (here there is none, so "unknown questionnaire").
    (mini / "questionnaires" / "alpha.yaml").unlink()
    os.mkfifo(mini / "questionnaires" / "alpha.yaml")
    result = _assess("score", "mini", cwd=mini.parent, timeout=60)
    assert result.returncode == 3
    assert "mini/questionnaires/alpha.yaml: <root>: refused: a named pipe (FIFO)" \
        in result.stderr
