"""Stage names on stderr while a long command runs: only when stderr is a terminal, and
only once the work has taken more than a second (a quick run stays silent)."""

from __future__ import annotations

import sys
import threading
from types import TracebackType
from typing import TextIO

DELAY = 1.0


class StageLine:
    """``with StageLine("report") as stage: stage("pdf") ...``: one status line on the
    terminal, rewritten for each stage, erased at the end."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.current = ""
        self.shown = False
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    def __enter__(self) -> StageLine:
        if self.enabled:
            self._timer = threading.Timer(DELAY, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __call__(self, stage: str) -> None:
        with self._lock:
            self.current = stage
            if self.shown:
                self._write()

    def _show(self) -> None:
        with self._lock:
            self.shown = True
            if self.current:
                self._write()

    def _write(self) -> None:
        self.stream.write(f"\r\033[K{self.label}: {self.current}")
        self.stream.flush()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            if self.shown:
                self.stream.write("\r\033[K")
                self.stream.flush()
            self.shown = False
