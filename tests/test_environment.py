"""Failures of the machine (issue 19): exit code 4, one line naming the path, nothing left
behind; and a broken --templates override: exit code 3 naming the template file and line."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess.cli import main

from .conftest import DATA
from .report_support import FIXTURE

MINI = DATA / "mini"


def _everything(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_an_output_under_a_file_is_exit_4_naming_the_path(tmp_path: Path,
                                                         runner: CliRunner) -> None:
    (tmp_path / "notes.txt").write_text("a file, not a folder\n")
    target = tmp_path / "notes.txt" / "out" / "scores.json"
    result = runner.invoke(main, ["score", str(MINI), "--format", "json", "-o", str(target)])
    assert result.exit_code == 4
    assert result.stderr == (f"error: {tmp_path}/notes.txt/out: a part of the path is a file, "
                             "not a folder\n")
    assert _everything(tmp_path) == ["notes.txt"]


def test_permission_denied_is_exit_4_and_leaves_no_temporary(
        tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    # As root, permissions do not stop a write; refuse it at the OS boundary instead.
    def denied(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", src)

    monkeypatch.setattr("assess.load.yamlio.os.replace", denied)
    target = tmp_path / "out" / "scores.json"
    result = runner.invoke(main, ["score", str(MINI), "--format", "json", "-o", str(target)])
    assert result.exit_code == 4
    assert result.stderr == f"error: {target}: permission denied\n"
    assert _everything(tmp_path) == []  # neither the temporary file nor the folder made


def test_an_unreadable_input_is_exit_4(tmp_path: Path, runner: CliRunner,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def guarded(path: object, flags: int, *args: int) -> int:
        if str(path).endswith("alpha.bob.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr("assess.load.files.os.open", guarded)
    result = runner.invoke(main, ["score", str(MINI)])
    assert result.exit_code == 4
    assert result.stderr.startswith("error: ")
    assert result.stderr.endswith("data/mini/responses/alpha.bob.yaml: permission denied\n")
    assert result.stderr.count("\n") == 1


def _mount(folder: Path, options: str) -> bool:
    if shutil.which("mount") is None or os.geteuid() != 0:
        return False
    folder.mkdir(exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True)
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    disk = tmp_path / "disk"
    if not _mount(disk, "size=64k"):
        pytest.skip("cannot mount a small tmpfs here (needs root and mount)")
    yield disk
    subprocess.run(["umount", str(disk)], check=False)


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "ro"
    if not _mount(folder, "ro,size=64k"):
        pytest.skip("cannot mount a read-only tmpfs here (needs root and mount)")
    yield folder
    subprocess.run(["umount", str(folder)], check=False)


def test_a_full_disk_is_exit_4_and_leaves_no_folder(small_disk: Path,
                                                   runner: CliRunner) -> None:
    # Used to end in "unexpected error: OSError" and leave an empty folder.
    out = small_disk / "out"
    result = runner.invoke(main, ["report", str(FIXTURE), "--format", "html", "--format",
                                  "markdown", "-o", str(out)])
    assert result.exit_code == 4
    assert result.stderr == (f"error: {out}/report.html: no space left on the device "
                             "(disk full)\n")
    assert _everything(small_disk) == []


def test_a_read_only_folder_is_exit_4(read_only: Path, runner: CliRunner) -> None:
    target = read_only / "scores.json"
    result = runner.invoke(main, ["score", str(MINI), "--format", "json", "-o", str(target)])
    assert result.exit_code == 4
    assert result.stderr.startswith(f"error: {read_only}/")
    assert result.stderr.endswith(": read-only file system\n")
    assert _everything(read_only) == []


# --- broken template overrides ----------------------------------------------------------

BROKEN = {
    "syntax": ("report.html.j2", "<html>\n{% if meta %}\n{{ meta.title }\n{% endif %}\n",
               "report.html.j2:3: <root>: template error: unexpected '}'"),
    "missing partial": ("report.html.j2", "<html>\n\n{% include 'partials/nope.html.j2' %}\n",
                        "report.html.j2:3: <root>: template error: template "
                        "'partials/nope.html.j2' not found (not in the --templates folder "
                        "nor among the built-in templates)"),
    "undefined name": ("report.md.j2", "# Report\n\n\n{{ no_such_thing.title }}\n",
                       "report.md.j2:4: <root>: template error: undefined name: "
                       "'no_such_thing' is undefined"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_template_override_is_exit_3_naming_file_and_line(
        case: str, tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    name, text, expected = BROKEN[case]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "branding").mkdir()
    (tmp_path / "branding" / name).write_text(text)
    fmt = "markdown" if name.endswith(".md.j2") else "html"
    result = runner.invoke(main, ["report", str(FIXTURE), "--templates", "branding",
                                  "--format", fmt, "-o", "out"])
    assert result.exit_code == 3, result.output
    assert result.stderr == f"branding/{expected}\n"
    assert _everything(tmp_path) == ["branding", f"branding/{name}"]


def test_a_template_pack_on_a_full_disk_leaves_nothing(small_disk: Path,
                                                      runner: CliRunner) -> None:
    out = small_disk / "pack"
    result = runner.invoke(main, ["template", "--all", "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 4
    assert result.stderr.startswith(f"error: {out}/")
    assert result.stderr.endswith(".xlsx: no space left on the device (disk full)\n")
    assert _everything(small_disk) == []


def test_init_on_a_full_disk_leaves_no_half_made_workspace(small_disk: Path,
                                                          runner: CliRunner) -> None:
    result = runner.invoke(main, ["init", str(small_disk / "client" / "2026"), "--pin"])
    assert result.exit_code == 4
    assert "no space left on the device (disk full)" in result.stderr
    assert result.stderr.count("\n") == 1
    assert _everything(small_disk) == []
