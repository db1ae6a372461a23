"""Open an HTML file in headless Chromium and report what the page did, over the Chrome
DevTools Protocol (CDP) on a pipe: no extra library, no network port.

Used by tests/test_report_html.py (skipped where Chromium is missing) and by hand:

    python -m tests.chromium out/report.html

prints every request the page made (URL) and every console message or uncaught error,
and exits 1 if any request left the file (anything but the file itself, data: and
about: URLs) or the console shows an error. Only the page's own session is watched, so
Chromium's background traffic (component updates and so on) does not count.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--remote-debugging-pipe")


def find_browser() -> str | None:
    return next((p for p in map(shutil.which, BROWSERS) if p), None)


@dataclass
class PageReport:
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    """(level, text) of console messages, log entries and uncaught exceptions."""

    def outside(self, page: str) -> list[str]:
        """Requests for anything but the page itself and inline (data:, about:) URLs."""
        return [u for u in self.requests
                if u != page and not u.startswith(("data:", "about:"))]

    def errors(self) -> list[str]:
        return [text for level, text in self.console if level in ("error", "exception")]


class _Pipe:
    def __init__(self, browser: str) -> None:
        to_chrome_r, self._write = os.pipe()
        self._read, from_chrome_w = os.pipe()

        def child_fds() -> None:  # Chromium reads commands on fd 3 and writes on fd 4
            # Via spare high numbers, in case the pipe ends themselves are 3 or 4.
            os.dup2(to_chrome_r, 100)
            os.dup2(from_chrome_w, 101)
            os.dup2(100, 3)
            os.dup2(101, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        # close_fds=False: the fds are arranged by hand above (pass_fds would close 3/4).
        self.proc = subprocess.Popen([browser, *FLAGS, "about:blank"], close_fds=False,
                                     preexec_fn=child_fds, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None,
             session: str | None = None) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._write, json.dumps(message).encode() + b"\0")
        while True:
            reply = self.receive()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def receive(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._read, 65536)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, OSError):
            self.send("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self._write)
        os.close(self._read)


def open_page(path: Path, browser: str | None = None, settle: float = 1.0) -> PageReport:
    """Load ``path`` in a fresh headless Chromium and record what the page did."""
    browser = browser or find_browser()
    if browser is None:
        raise RuntimeError("no Chromium found")
    url = path.resolve().as_uri()
    pipe = _Pipe(browser)
    try:
        target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = pipe.send("Target.attachToTarget", {"targetId": target,
                                                      "flatten": True})["sessionId"]
        for domain in ("Network", "Runtime", "Log", "Page"):
            pipe.send(f"{domain}.enable", session=session)
        pipe.send("Page.navigate", {"url": url}, session=session)
        deadline = time.monotonic() + 30
        loaded_at: float | None = None
        while time.monotonic() < deadline:
            if any(e.get("method") == "Page.loadEventFired" for e in pipe.events):
                loaded_at = loaded_at or time.monotonic()
                if time.monotonic() - loaded_at >= settle:
                    break
            # A harmless round trip keeps events flowing while we wait.
            pipe.send("Runtime.evaluate", {"expression": "1"}, session=session)
            time.sleep(0.05)
        events = [e for e in pipe.events if e.get("sessionId") == session]
    finally:
        pipe.close()
    report = PageReport()
    for e in events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Network.requestWillBeSent":
            report.requests.append(params["request"]["url"])
        elif method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in
                            params.get("args", []))
            report.console.append((params.get("type", "log"), text))
        elif method == "Runtime.exceptionThrown":
            report.console.append(("exception", str(params.get("exceptionDetails"))))
        elif method == "Log.entryAdded":
            entry = params["entry"]
            report.console.append((entry.get("level", ""), entry.get("text", "")))
    return report


def evaluate_at_width(path: Path, width: int, expression: str, *, height: int = 844,
                      screenshot: Path | None = None, browser: str | None = None) -> Any:
    """Load ``path`` in a viewport ``width`` CSS pixels wide (a phone: mobile emulation)
    and return the value of the JavaScript ``expression``; optionally save a PNG
    screenshot of the viewport."""
    import base64

    browser = browser or find_browser()
    if browser is None:
        raise RuntimeError("no Chromium found")
    pipe = _Pipe(browser)
    try:
        target = pipe.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = pipe.send("Target.attachToTarget", {"targetId": target,
                                                      "flatten": True})["sessionId"]
        pipe.send("Page.enable", session=session)
        pipe.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 2,
                   "mobile": True}, session=session)
        pipe.send("Page.navigate", {"url": path.resolve().as_uri()}, session=session)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(
                e.get("method") == "Page.loadEventFired" for e in pipe.events):
            pipe.send("Runtime.evaluate", {"expression": "1"}, session=session)
            time.sleep(0.05)
        result = pipe.send("Runtime.evaluate", {"expression": expression,
                                                "returnByValue": True}, session=session)
        if screenshot is not None:
            shot = pipe.send("Page.captureScreenshot", {"format": "png"}, session=session)
            screenshot.write_bytes(base64.b64decode(shot["data"]))
    finally:
        pipe.close()
    return result.get("result", {}).get("value")


def main(argv: list[str]) -> int:
    page = Path(argv[0])
    report = open_page(page)
    for url in report.requests:
        print(f"request  {url[:120]}")
    for level, text in report.console:
        print(f"console  {level}: {text[:200]}")
    outside = report.outside(page.resolve().as_uri())
    errors = report.errors()
    print(f"{len(report.requests)} requests, {len(outside)} outside the file; "
          f"{len(errors)} console errors")
    return 1 if outside or errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
