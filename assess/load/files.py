"""Reading the user's files safely, and naming what the machine refused.

Every file the user hands in (definitions, responses, a logo, report templates) is read
through :func:`read_limited`: regular files only, never more than a size limit. A FIFO
would otherwise block the read forever and a device such as ``/dev/zero`` (whose size
reads 0) would be read without end. Operating-system failures become
:class:`~assess.errors.EnvironmentFailure` (exit code 4) naming the path.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from assess.errors import EnvironmentFailure, InvalidInput, Problem

_KINDS = ((stat.S_ISREG, "a file"), (stat.S_ISDIR, "a folder"),
          (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _name(path: Path) -> str:
    from assess.load.yamlio import display_path

    return display_path(path)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    return next((words for test, words in _KINDS if test(mode)), "not a regular file")


def not_regular(path: Path) -> str | None:
    """Why ``path`` (symlinks followed) cannot be read as a file, or None when it can.
    A missing file is not this function's concern (None)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise environment_failure(exc, path) from None
    if stat.S_ISREG(mode):
        return None
    return f"refused: {kind_of(mode)}, not a regular file"


def check_regular(path: Path) -> None:
    """Raise :class:`InvalidInput` located at ``path`` unless it is a regular file (or
    missing: opening it reports that)."""
    why = not_regular(path)
    if why is not None:
        raise InvalidInput([Problem(_name(path), 0, "", why)])


def read_limited(path: Path, limit: int, what: str = "one file") -> bytes:
    """The bytes of the regular file ``path``, refusing anything larger than ``limit``.

    Checked at the path (symlinks followed) before opening, and again on the open file:
    the open uses O_NONBLOCK, so a FIFO swapped in between cannot block. At most
    ``limit + 1`` bytes are ever read, whatever the file claims its size is.
    """
    name = _name(path)
    check_regular(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InvalidInput([Problem(name, 0, "", "file not found")]) from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a socket, or a FIFO with no writer on some systems
            raise InvalidInput([Problem(name, 0, "", "refused: not a regular file")]) from None
        raise environment_failure(exc, path) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InvalidInput([Problem(name, 0, "", f"refused: {kind_of(info.st_mode)}, not "
                                        "a regular file")])
        if info.st_size > limit:
            raise InvalidInput([Problem(name, 0, "", f"refused: {info.st_size:,} bytes is "
                                        f"over the {limit:,}-byte limit for {what}")])
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise environment_failure(exc, path) from None
    finally:
        os.close(fd)
    if size > limit:
        raise InvalidInput([Problem(name, 0, "", f"refused: more than {limit:,} bytes, the "
                                    f"limit for {what}")])
    return b"".join(chunks)


_REASONS = {errno.EACCES: "permission denied", errno.EPERM: "operation not permitted",
            errno.ENOSPC: "no space left on the device (disk full)",
            errno.EDQUOT: "disk quota exceeded",
            errno.ENOTDIR: "a part of the path is a file, not a folder",
            errno.EISDIR: "is a folder, not a file",
            errno.EROFS: "read-only file system", errno.ENAMETOOLONG: "file name too long",
            errno.ELOOP: "too many levels of symbolic links", errno.EEXIST: "already exists",
            errno.EXDEV: "on another file system"}


def environment_failure(exc: OSError, path: Path | str | None = None,
                        *, prefer_path: bool = False) -> EnvironmentFailure:
    """An :class:`EnvironmentFailure` for ``exc``, naming the path the system named (else
    ``path``; ``path`` first with ``prefer_path``, e.g. a target rather than its temporary
    file) and the reason in plain words."""
    where = exc.filename if exc.filename is not None and not (prefer_path and path) else path
    shown = _name(Path(os.fsdecode(where))) if where is not None else "(no path)"
    reason = _REASONS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()
    return EnvironmentFailure(shown, reason)
