"""The report's PDFs are laid out in child processes (assess.report.background): their
bytes and errors come back to the parent, and no child outlives the run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assess.errors import AssessError, EnvironmentFailure, OutputError
from assess.report.background import Jobs

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork: work runs inline")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _wait_for_text(path: Path) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if path.exists() and path.read_text():
            return path.read_text()
        time.sleep(0.01)
    raise AssertionError(f"{path} never written")


def test_work_runs_in_another_process_and_its_bytes_come_back() -> None:
    with Jobs() as jobs:
        jobs.start("a", lambda: str(os.getpid()).encode() + b"\x00" * 300_000)
        jobs.start("b", lambda: str(os.getpid()).encode())
        b, a = jobs.result("b"), jobs.result("a")  # in any order, a large result too
    a_pid = int(a.rstrip(b"\x00"))
    assert a.endswith(b"\x00" * 300_000)
    assert len({a_pid, int(b), os.getpid()}) == 3


def test_an_error_of_the_work_is_raised_by_the_parent() -> None:
    def fails() -> bytes:
        raise OutputError("disk on fire")

    with Jobs() as jobs:
        jobs.start("pdf", fails)
        with pytest.raises(OutputError, match="disk on fire"):
            jobs.result("pdf")


def test_an_error_pickle_cannot_carry_stays_an_assess_error() -> None:
    def fails() -> bytes:
        raise EnvironmentFailure("out/report.pdf", "no space left on device")

    with Jobs() as jobs:
        jobs.start("pdf", fails)
        with pytest.raises(AssessError, match="no space left"):
            jobs.result("pdf")


def test_a_child_killed_by_a_signal_is_reported_by_name() -> None:
    def killed() -> bytes:
        os.kill(os.getpid(), signal.SIGKILL)
        return b""

    with Jobs() as jobs:
        jobs.start("annex", killed)
        with pytest.raises(OutputError, match=r"annex: .*signal 9"):
            jobs.result("annex")


def test_leaving_early_kills_and_reaps_the_children(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"

    def forever() -> bytes:
        pid_file.write_text(str(os.getpid()))
        while True:
            time.sleep(1)

    with pytest.raises(KeyboardInterrupt), Jobs() as jobs:
        jobs.start("pdf", forever)
        pid = int(_wait_for_text(pid_file))
        raise KeyboardInterrupt
    assert not _alive(pid)  # killed and reaped, not a zombie


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie waits for init)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux: PR_SET_PDEATHSIG")
def test_a_child_dies_with_a_parent_killed_by_sigkill(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    script = (
        "import os, time\n"
        "from pathlib import Path\n"
        "from assess.report.background import Jobs\n"
        "def forever():\n"
        f"    Path({str(pid_file)!r}).write_text(str(os.getpid()))\n"
        "    while True:\n"
        "        time.sleep(1)\n"
        "with Jobs() as jobs:\n"
        "    jobs.start('pdf', forever)\n"
        "    jobs.result('pdf')\n")
    parent = subprocess.Popen([sys.executable, "-c", script])
    child = 0
    try:
        child = int(_wait_for_text(pid_file))
        parent.kill()  # SIGKILL: no Python cleanup runs in the parent
        parent.wait()
        deadline = time.monotonic() + 60
        while _running(child) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert not _running(child)
    finally:
        parent.kill()
        if child and _running(child):
            os.kill(child, signal.SIGKILL)


@pytest.fixture
def no_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """No process to spare: every fork fails."""
    def fails() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", fails)


@pytest.mark.usefixtures("no_fork")
def test_without_a_process_to_spare_the_work_runs_when_collected() -> None:
    with Jobs() as jobs:
        jobs.start("pdf", lambda: str(os.getpid()).encode())
        assert jobs.result("pdf") == str(os.getpid()).encode()


def test_a_child_takes_what_the_parent_gives_after_forking_it() -> None:
    with Jobs() as jobs:
        handover = jobs.handover()
        jobs.start("pdf", lambda: b"child saw " + handover.take())
        data = b"\x89PNG" * 500_000  # more than a pipe holds: the parent must not wait
        handover.give(data)
        assert jobs.result("pdf") == b"child saw " + data


@pytest.mark.usefixtures("no_fork")
def test_without_a_fork_the_work_takes_the_handover_itself() -> None:
    with Jobs() as jobs:
        handover = jobs.handover()
        jobs.start("pdf", lambda: handover.take()[:3] + str(os.getpid()).encode())
        handover.give(b"abc" * 100_000)
        assert jobs.result("pdf") == b"abc" + str(os.getpid()).encode()


def test_a_handover_nobody_takes_does_not_hold_the_parent() -> None:
    started = time.monotonic()
    with Jobs() as jobs:
        handover = jobs.handover()
        jobs.start("pdf", lambda: b"done without it")
        handover.give(b"x" * 2_000_000)
        assert jobs.result("pdf") == b"done without it"
    assert time.monotonic() - started < 30
