"""Notices: things a user should know that are not errors (printed on stderr by the CLI).

The core never prints; it records a notice here and the command line shows each once,
after the command, as ``note: ...``.
"""

from __future__ import annotations

_pending: list[str] = []


def notice(message: str) -> None:
    """Record ``message`` (a repeat of one already pending is dropped)."""
    if message not in _pending:
        _pending.append(message)


def take() -> list[str]:
    """The pending notices, oldest first; clears them."""
    out = list(_pending)
    _pending.clear()
    return out
