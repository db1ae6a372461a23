"""Work done in a forked child process while the main one goes on: the report's PDFs.

WeasyPrint's page layout is most of a report's time, and the report, its annex and the
other formats do not depend on each other, so each PDF is laid out in a child while the
parent draws the charts and writes the other formats (docs/report.md, "How the formats
share the time").

A child computes bytes and sends them back through a pipe; it writes no file, so the
set guarantees of :func:`assess.outputs.replace_set` stay with the parent alone. A child
takes SIGINT and SIGTERM as a plain process does (it dies), dies with its parent (on
Linux, even when the parent is killed with SIGKILL), and is killed and reaped when the
parent stops early (an error, Ctrl-C, SIGTERM: :meth:`Jobs.__exit__`). Where ``fork`` is
missing (Windows), or a fork or pipe fails, the work runs in the parent when its result is
asked for.

A child can start before all it needs exists: a :class:`Handover` carries bytes the parent
makes after the fork (the report's PNG charts) to the child, which waits for them only
when it gets to them (the PDF reads its HTML and stylesheet first).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import threading
import traceback
import warnings
from collections.abc import Callable
from types import TracebackType
from typing import NoReturn

from assess.errors import AssessError, OutputError

Work = Callable[[], bytes]

_OK, _FAILED = b"o", b"e"


class Jobs:
    """Named pieces of work, each started at once in a child process (``start``) and
    collected by name (``result``). Leaving the ``with`` block kills any still running."""

    def __init__(self) -> None:
        self._running: dict[str, tuple[int, int]] = {}  # name -> (pid, read end)
        self._deferred: dict[str, Work] = {}
        self._handovers: list[Handover] = []

    def __enter__(self) -> Jobs:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        for name in list(self._running):
            self._stop(name)
        for handover in self._handovers:
            handover.close()

    def handover(self) -> Handover:
        """A way to hand bytes to work started after it: create it before ``start``."""
        handover = Handover()
        self._handovers.append(handover)
        return handover

    def start(self, name: str, work: Work) -> None:
        if not hasattr(os, "fork"):  # pragma: no cover - Windows: done when collected
            self._deferred[name] = work
            return
        parent = os.getpid()
        try:
            read, write = os.pipe()
        except OSError:  # out of file descriptors: done when collected
            self._deferred[name] = work
            return
        try:
            with warnings.catch_warnings():
                # Python 3.12+ warns when a thread is alive (the terminal's stage line):
                # the child runs only ``work`` and never takes that thread's lock.
                warnings.simplefilter("ignore", DeprecationWarning)
                pid = os.fork()
        except OSError:  # no process to spare: done when collected
            os.close(read)
            os.close(write)
            self._deferred[name] = work
            return
        if pid == 0:  # pragma: no cover - the child (coverage does not follow the fork)
            os.close(read)
            _child(work, write, parent)
        os.close(write)
        self._running[name] = (pid, read)

    def result(self, name: str) -> bytes:
        """The bytes the work returned, waiting for them; its exception, raised here."""
        if name in self._deferred:
            return self._deferred.pop(name)()
        pid, read = self._running[name]
        with os.fdopen(read, "rb", closefd=False) as pipe:
            data = pipe.read()
        self._running.pop(name)
        os.close(read)
        _, status = os.waitpid(pid, 0)
        if data[:1] == _OK:
            return data[1:]
        if data[:1] == _FAILED:
            raise pickle.loads(data[1:])  # our own child, through our pipe
        how = (f"killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
               else f"exit status {os.waitstatus_to_exitcode(status)}")
        raise OutputError(f"{name}: the process laying it out ended without a result ({how})")

    def _stop(self, name: str) -> None:
        pid, read = self._running.pop(name)
        with contextlib.suppress(ProcessLookupError):  # already gone
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(read)


class Handover:
    """Bytes handed from the parent to a child forked before they existed: the parent
    gives them (:meth:`give`: a thread writes them, so the parent never waits for the
    child to read), the child takes them (:meth:`take`: waiting until they are all
    there). Work that runs in the parent instead (no fork) takes them the same way."""

    def __init__(self) -> None:
        self._read, self._write = os.pipe()
        self._taken: bytes | None = None

    def give(self, data: bytes) -> None:
        write, self._write = self._write, -1

        def send() -> None:
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(write, view):]
            except OSError:  # the child gone (its work is collected as failed)
                pass
            finally:
                os.close(write)

        threading.Thread(target=send, name="assess-handover", daemon=True).start()

    def take(self) -> bytes:
        if self._taken is None:
            if self._write >= 0:  # a child: its copy of the parent's end must go, or the
                os.close(self._write)  # pipe would never end
                self._write = -1
            with os.fdopen(self._read, "rb", closefd=False) as pipe:
                self._taken = pipe.read()
        return self._taken

    def close(self) -> None:
        """Release the pipe in the parent (a writer still blocked gets an error)."""
        for fd in (self._read, self._write):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._read = self._write = -1


def _child(work: Work, write: int, parent: int) -> NoReturn:  # pragma: no cover - forked
    """Run ``work`` and send its bytes (or its exception) to the parent; never return
    into the parent's code (no cleanup of the parent's runs here)."""
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _die_with(parent)
        _few_collections()
        try:
            payload = _OK + work()
        except BaseException as exc:  # every failure goes to the parent
            payload = _FAILED + _pickled(exc)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
    except BaseException:  # e.g. the parent gone: a broken pipe
        code = 1
    finally:
        os._exit(code)


def _few_collections() -> None:  # pragma: no cover - forked
    """Fewer garbage collections in a short-lived child: the heap it inherits is frozen
    (never scanned again) and collections come 70 times less often. WeasyPrint builds
    millions of small objects; this takes about a sixth off a PDF's time for some 20 MB
    more memory."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def _pickled(exc: BaseException) -> bytes:  # pragma: no cover - forked
    try:
        data = pickle.dumps(exc)
        pickle.loads(data)  # what the parent will do: it must work
        return data
    except Exception:  # an exception pickle cannot carry
        if isinstance(exc, AssessError):  # still the user's problem, told as such
            return pickle.dumps(OutputError(str(exc)))
        text = "".join(traceback.format_exception(exc))
        return pickle.dumps(RuntimeError(f"in the process laying out a PDF:\n{text}"))


def _die_with(parent: int) -> None:  # pragma: no cover - forked
    """Ask the kernel to kill this child when its parent dies (Linux); a parent already
    gone ends it now."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)
