"""Where commands write (issue 19): never over an assessment's own files, a suffix that fits
the format, and a multi-format report replaced as a whole, also when killed."""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from assess import outputs
from assess.cli import main
from assess.load.yamlio import write_text

from .conftest import ROOT
from .report_support import FIXTURE


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but a staging folder's, path -> bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.relative_to(folder).parts[0].startswith(".assess-set.")}


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """The example and its baseline, copied (compare and trend need both)."""
    for name in ("northshire", "northshire-2025"):
        shutil.copytree(ROOT / "examples" / name, tmp_path / name)
    return tmp_path / "northshire-2025", tmp_path / "northshire"


# Every command with -o (or --chart), aimed at a file of its own format inside the
# assessment's responses/ folder, and at the assessment's own files.
INTO_RESPONSES = [
    ("score", "{a}", "--format", "json", "-o", "{a}/responses/cloud.x.json"),
    ("recommend", "{a}", "--format", "csv", "-o", "{a}/responses/r.csv"),
    ("roadmap", "{a}", "--format", "markdown", "-o", "{a}/responses/r.md"),
    ("report", "{a}", "-o", "{a}/responses/r.html"),
    ("report", "{a}", "--format", "html", "--format", "xlsx", "-o", "{a}/responses"),
    ("report", "{a}", "-o", "{a}/responses/cloud.x.yaml"),
    ("compare", "{a}", "--format", "json", "-o", "{a}/responses/c.json"),
    ("trend", "{b}", "{a}", "--format", "csv", "-o", "{a}/responses/t.csv"),
    ("trend", "{b}", "{a}", "--chart", "{a}/responses/t.png"),
    ("graph", "{a}", "-o", "{a}/responses/g.svg"),
    ("template", "cloud", "-o", "{a}/responses/cloud.new.yaml"),
    ("template", "cloud", "--format", "xlsx", "-o", "{a}/responses/cloud.xlsx"),
    ("template", "--all", "-o", "{a}/responses"),
    ("template", "--all", "--format", "yaml", "-o", "{a}/questionnaires"),
    ("demo", "-o", "{a}/responses"),
    ("score", "{a}", "-o", "{a}/assessment.yaml"),
    ("report", "{a}", "--format", "html", "-o", "{a}/assessment.yaml"),
    ("report", "{a}", "-o", "{a}/assessment.yaml"),
    ("template", "cloud", "-o", "{a}/plan.yaml"),
    ("template", "cloud", "-o", "{a}/frameworks/digital-foundations.yaml"),
]


@pytest.mark.parametrize("args", INTO_RESPONSES, ids=lambda a: " ".join(a))
def test_no_command_writes_over_an_assessments_own_files(
        args: tuple[str, ...], pair: tuple[Path, Path], runner: CliRunner) -> None:
    baseline, current = pair
    before = _snapshot(current.parent)
    argv = [arg.format(a=current, b=baseline) for arg in args]
    result = runner.invoke(main, argv)
    assert result.exit_code == 3, result.output
    named = Path(argv[-1])
    assert result.stderr.startswith(f"error: {named}: refused: "), result.stderr
    assert result.stderr.count("\n") == 1
    assert _snapshot(current.parent) == before


def test_a_symlink_to_an_own_file_is_refused_too(pair: tuple[Path, Path], tmp_path: Path,
                                                 runner: CliRunner) -> None:
    current = pair[1]
    link = tmp_path / "scores.json"
    link.symlink_to(current / "assessment.yaml")
    before = (current / "assessment.yaml").read_bytes()
    result = runner.invoke(main, ["score", str(current), "--format", "json", "-o", str(link)])
    assert result.exit_code == 3
    assert "refused: is the assessment's own file" in result.stderr
    assert (current / "assessment.yaml").read_bytes() == before


def test_reports_may_still_go_into_the_assessment_folder(tmp_path: Path,
                                                        runner: CliRunner) -> None:
    shutil.copytree(FIXTURE, tmp_path / "a")
    result = runner.invoke(main, ["score", str(tmp_path / "a"), "--format", "json",
                                  "-o", str(tmp_path / "a" / "scores.json")])
    assert result.exit_code == 0, result.output


SUFFIX_MISMATCH = [
    (("score", "{a}", "--format", "json", "-o", "s.csv"), "json", ".json"),
    (("score", "{a}", "-o", "s.json"), "table", ".txt (or no suffix)"),
    (("recommend", "{a}", "--format", "markdown", "-o", "r.html"), "markdown", ".md or .markdown"),
    (("roadmap", "{a}", "--format", "csv", "-o", "r.yaml"), "csv", ".csv"),
    (("compare", "{a}", "--format", "json", "-o", "c.md"), "json", ".json"),
    (("trend", "{b}", "{a}", "--format", "csv", "-o", "t.json"), "csv", ".csv"),
    (("report", "{a}", "--format", "html", "-o", "r.yaml"), "html", ".html or .htm"),
    (("graph", "{a}", "--format", "graphml", "-o", "g.xml"), "graphml", ".graphml"),
    (("template", "cloud", "--format", "xlsx", "-o", "t.yaml"), "xlsx", ".xlsx"),
    (("template", "cloud", "--format", "html", "-o", "t.md"), "html", ".html or .htm"),
]


@pytest.mark.parametrize(("args", "fmt", "suffixes"), SUFFIX_MISMATCH,
                         ids=lambda a: " ".join(a) if isinstance(a, tuple) else a)
def test_an_output_suffix_must_fit_the_format(args: tuple[str, ...], fmt: str, suffixes: str,
                                              pair: tuple[Path, Path], tmp_path: Path,
                                              runner: CliRunner,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    baseline, current = pair
    argv = [arg.format(a=current, b=baseline) for arg in args]
    result = runner.invoke(main, argv)
    assert result.exit_code == 2, result.output
    assert result.stderr.endswith(f"Error: {argv[-1]}: the format is {fmt}, so the name must "
                                  f"end in {suffixes}\n")
    assert not (tmp_path / argv[-1]).exists()


# --- the report set ----------------------------------------------------------------------

OLD_SET = {"report.html": b"OLD html", "report.md": b"OLD md",
           "report-charts/radar.png": b"OLD png", "report-charts/gone.png": b"OLD gone",
           "report.pdf": b"OLD pdf"}


def _old_set(folder: Path) -> dict[str, bytes]:
    for rel, data in OLD_SET.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
    return _snapshot(folder)


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*.tmp"))


def test_a_set_replaces_the_previous_one_as_a_whole(tmp_path: Path) -> None:
    _old_set(tmp_path)
    outputs.replace_set(tmp_path, [("report.html", b"new html"),
                                   ("report-charts/radar.png", b"new png"),
                                   ("report.md", b"new md")])
    assert _snapshot(tmp_path) == {"report.html": b"new html", "report.md": b"new md",
                                   "report-charts/radar.png": b"new png",
                                   "report.pdf": b"OLD pdf"}
    assert _temporaries(tmp_path) == []


def test_a_failure_part_way_leaves_the_previous_set_and_nothing_else(tmp_path: Path) -> None:
    before = _old_set(tmp_path)

    def rendered():  # type: ignore[no-untyped-def]
        yield "report.html", b"new html"
        raise RuntimeError("the markdown template broke")

    with pytest.raises(RuntimeError):
        outputs.replace_set(tmp_path, rendered())
    assert _snapshot(tmp_path) == before
    assert _temporaries(tmp_path) == []
    fresh = tmp_path / "new" / "deeper"
    with pytest.raises(RuntimeError):
        outputs.replace_set(fresh, rendered())
    assert not (tmp_path / "new").exists()


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(proc.stdout)


def test_a_set_killed_while_moving_in_is_completed_by_the_next_run(tmp_path: Path) -> None:
    # What SIGKILL leaves between two renames of the final moves: the set marked ready,
    # report.html already moved in, report-charts set aside but not yet replaced.
    _old_set(tmp_path)
    work = tmp_path / f".assess-set.{_dead_pid()}.abcd1234.tmp"
    (work / "new" / "report-charts").mkdir(parents=True)
    (work / "new" / "report-charts" / "radar.png").write_bytes(b"new png")
    (work / "new" / "report.md").write_bytes(b"new md")
    (work / "old").mkdir()
    (tmp_path / "report-charts").rename(work / "old" / "report-charts")
    (tmp_path / "report.html").write_bytes(b"new html")
    (work / "ready").touch()
    stale_staging = tmp_path / f".assess-set.{_dead_pid()}.ffff0000.tmp"
    (stale_staging / "new").mkdir(parents=True)
    (stale_staging / "new" / "report.html").write_bytes(b"half")
    outputs.replace_set(tmp_path, [("report.xlsx", b"xlsx")])
    assert _snapshot(tmp_path) == {"report.html": b"new html", "report.md": b"new md",
                                   "report-charts/radar.png": b"new png",
                                   "report.pdf": b"OLD pdf", "report.xlsx": b"xlsx"}
    assert _temporaries(tmp_path) == []


def test_a_temporary_file_of_a_killed_write_is_removed_by_the_next(tmp_path: Path) -> None:
    left = tmp_path / f".scores.json.{_dead_pid()}.k1ll3d.tmp"
    left.write_text("half")
    ours = tmp_path / f".scores.json.{os.getpid()}.l1v3.tmp"  # a live writer's: kept
    ours.write_text("busy")
    write_text(tmp_path / "scores.json", "{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == [ours.name, "scores.json"]


def _report_process(out: Path, *formats: str) -> subprocess.Popen[str]:
    argv = [sys.executable, "-m", "assess", "report", str(FIXTURE)]
    for fmt in formats:
        argv += ["--format", fmt]
    return subprocess.Popen([*argv, "-o", str(out)], text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def _wait_for_staged(out: Path, name: str, proc: subprocess.Popen[str]) -> bool:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if any(out.glob(f".assess-set.*.tmp/new/{name}")):
            return True
        time.sleep(0.005)
    return False


needs_pdf = pytest.mark.skipif(importlib.util.find_spec("weasyprint") is None,
                               reason="the PDF (WeasyPrint) keeps the set open long enough")


@needs_pdf
def test_sigkill_between_two_formats_leaves_the_previous_set(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = _old_set(out)
    proc = _report_process(out, "html", "markdown", "pdf")
    try:
        assert _wait_for_staged(out, "report.html", proc), proc.communicate()
        proc.send_signal(signal.SIGKILL)  # the PDF is still being laid out
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert _snapshot(out) == before
    # The staging folder of the killed run is left; the next run into the folder removes it.
    assert [p.name.split(".")[1] for p in out.glob(".assess-set.*")] == ["assess-set"]
    next_run = subprocess.run([sys.executable, "-m", "assess", "report", str(FIXTURE),
                               "--format", "xlsx", "-o", str(out / "report.xlsx")],
                              capture_output=True, text=True, timeout=120)
    assert next_run.returncode == 0, next_run.stderr
    assert _temporaries(out) == []
    assert not list(out.glob(".assess-set.*"))
    assert _snapshot(out) == {**before, "report.xlsx": (out / "report.xlsx").read_bytes()}


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc), zombies included."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")


@needs_pdf
@needs_proc
def test_sigkill_during_the_pdf_layout_leaves_no_process_behind(tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = _report_process(out, "html", "pdf")
    try:
        assert _wait_for_staged(out, "report.html", proc), proc.communicate()
        children = _children(proc.pid)  # the report (and perhaps the annex) being laid out
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert children
    deadline = time.monotonic() + 60
    while any(_running(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not any(_running(pid) for pid in children)
    assert not (out / "report.pdf").exists()


@needs_pdf
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 128 + signal.SIGTERM),
                                              (signal.SIGINT, 1)], ids=["SIGTERM", "SIGINT"])
def test_a_signal_part_way_leaves_the_previous_set_and_no_temporaries(
        signum: int, code: int, tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = _old_set(out)
    proc = _report_process(out, "html", "markdown", "pdf")
    try:
        assert _wait_for_staged(out, "report.html", proc), proc.communicate()
        children = _children(proc.pid) if Path("/proc/self/stat").exists() else []
        proc.send_signal(signum)
    finally:
        proc.wait(timeout=120)
    assert proc.returncode == code
    assert _snapshot(out) == before
    assert not list(out.glob(".assess-set.*"))
    # The PDFs' layout processes were killed and reaped on the way out.
    assert not any(Path(f"/proc/{pid}").exists() for pid in children)


def test_a_complete_multi_format_report_replaces_the_set(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _old_set(out)
    result = subprocess.run([sys.executable, "-m", "assess", "report", str(FIXTURE),
                             "--format", "html", "--format", "markdown", "-o", str(out)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    after = _snapshot(out)
    assert after["report.html"].startswith(b"<!DOCTYPE html>")
    assert after["report.pdf"] == b"OLD pdf"  # not in this set: left as it was
    assert "report-charts/gone.png" not in after  # the old chart folder went with its set
    assert _temporaries(out) == [] and not list(out.glob(".assess-set.*"))


def test_a_sigterm_held_during_the_moves_ends_the_run_after_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _old_set(tmp_path)
    real_swap = outputs._swap_in
    sent: list[int] = []

    def swap_after_a_sigterm(work: Path, folder: Path) -> None:
        if not sent:
            sent.append(signal.SIGTERM)
            os.kill(os.getpid(), signal.SIGTERM)  # held until the moves are done
        real_swap(work, folder)

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)  # what the command line's handler does

    monkeypatch.setattr(outputs, "_swap_in", swap_after_a_sigterm)
    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        with pytest.raises(SystemExit):
            outputs.replace_set(tmp_path, [("report.html", b"new html"),
                                           ("report.md", b"new md")])
    finally:
        signal.signal(signal.SIGTERM, previous)
    after = _snapshot(tmp_path)
    assert (after["report.html"], after["report.md"]) == (b"new html", b"new md")
    assert not list(tmp_path.glob(".assess-set.*"))


def test_an_output_that_is_a_device_or_fifo_is_refused(tmp_path: Path,
                                                       runner: CliRunner) -> None:
    # An atomic write would have renamed a regular file over /dev/null (as root).
    result = runner.invoke(main, ["score", str(FIXTURE), "-o", "/dev/null"])
    assert result.exit_code == 3
    assert result.stderr == ("error: /dev/null: refused: a character device, not a regular "
                             "file\n")
    assert Path("/dev/null").is_char_device()
    os.mkfifo(tmp_path / "pipe.json")
    result = runner.invoke(main, ["score", str(FIXTURE), "--format", "json", "-o",
                                  str(tmp_path / "pipe.json")])
    assert result.exit_code == 3
    assert "pipe.json: refused: a named pipe (FIFO), not a regular file" in result.stderr
