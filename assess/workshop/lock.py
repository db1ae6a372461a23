"""One capture session per response file: a lock file beside the response.

``responses/.cloud.grace-lin.yaml.lock`` holds who captures (user, host, pid, start
time). The file is created exclusively (``O_CREAT | O_EXCL``) and locked with
``fcntl.flock``, which the kernel drops when the holding process ends however it ends (a
SIGKILL included): two processes racing cannot both win, and a dead session never blocks
the next one on this machine. Without flock (Windows, some network file systems) the
exclusive create and the label (host and pid) decide.
The name starts with a dot and does not end in ``.yaml``, so nothing that lists
``responses/*.yaml`` ever reads it as a response.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import os
import socket
import stat
from dataclasses import dataclass
from pathlib import Path

from assess.errors import AssessError
from assess.load.yamlio import display_path

try:
    import fcntl
except ImportError:  # Windows: no flock; the label and an exclusive create do the work
    fcntl = None  # type: ignore[assignment]

_FIELDS = ("user", "host", "pid", "started")
_MAX_LABEL = 4096


def lock_path(response: Path) -> Path:
    """The lock file of a response file: hidden, beside it, never matched by ``*.yaml``."""
    return response.with_name(f".{response.name}.lock")


@dataclass(frozen=True)
class Holder:
    """Who holds a lock, as written in the lock file."""

    user: str
    host: str
    pid: int
    started: str

    def describe(self) -> str:
        return f"{self.user} (pid {self.pid} on {self.host}) since {self.started}"

    @classmethod
    def me(cls) -> Holder:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown user"
        started = dt.datetime.now().astimezone().isoformat(sep=" ", timespec="seconds")
        return cls(user, socket.gethostname(), os.getpid(), started)

    def label(self) -> str:
        return "".join(f"{name}: {getattr(self, name)}\n" for name in _FIELDS)

    @classmethod
    def parse(cls, text: str) -> Holder | None:
        fields = dict(line.partition(": ")[::2] for line in text.splitlines())
        if not all(value.isprintable() for value in fields.values()):
            return None  # shown to the user: no control characters from a file
        try:
            return cls(fields["user"], fields["host"], int(fields["pid"]), fields["started"])
        except (KeyError, ValueError):
            return None


class LockHeld(AssessError):
    """Another live session captures into the same response file."""

    def __init__(self, response: Path, holder: Holder | None) -> None:
        self.holder = holder
        who = holder.describe() if holder else "another session (its details are unreadable)"
        super().__init__(
            f"{display_path(response)} is being captured by {who}; wait until that session "
            f"ends, or if it is gone, run again with --break-lock (lock file: "
            f"{_shown(lock_path(response))})")


class ResponseLock:
    """A held lock; :meth:`release` removes the lock file (if it is still this one)."""

    def __init__(self, path: Path, fd: int, notice: str | None) -> None:
        self.path = path
        self._fd: int | None = fd
        self.notice = notice
        """What was taken over (a stale or broken lock), to tell the user; else None."""

    @property
    def held(self) -> bool:
        """False once released, or once another session broke this lock."""
        return self._fd is not None and _same_file(self._fd, self.path)

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            # Unlink while still holding the flock: a session waiting on this inode then
            # sees it is no longer the lock file and starts again on a fresh one.
            if _same_file(self._fd, self.path):
                self.path.unlink(missing_ok=True)
        finally:
            os.close(self._fd)
            self._fd = None


def acquire(response: Path, break_lock: bool = False) -> ResponseLock:
    """Lock ``response`` for one capture session.

    Raises :class:`LockHeld` naming the holder when another live session has it, unless
    ``break_lock``. A lock whose session is gone (its flock free, or, where the file
    system has no flock, its pid not running on this host) is taken over; the returned
    lock's ``notice`` says so.
    """
    path = lock_path(response)
    notice: str | None = None
    for _ in range(10):
        opened = _open(path)
        if opened is None:  # removed between two looks: again
            continue
        fd, created = opened
        try:
            got = _flock(fd)
            if not _same_file(fd, path):  # released (or broken) while we waited: again
                os.close(fd)
                continue
            holder = Holder.parse(_read_label(fd))
            if got is False:  # a live flock
                free = stale = False
            elif got:  # the flock is ours: a label left there is stale if it is of this host
                free = stale = holder is None or _stale(holder, got)
            else:  # no flock: a file created here is won; one found, only if it is stale
                stale = holder is not None and _stale(holder, got)
                free = created
            if holder is not None and stale and notice is None:
                notice = (f"took over a stale lock of {holder.describe()} "
                          "(that session is no longer running)")
            if free:
                return _take(path, fd, notice)
            if not (stale or break_lock):
                raise LockHeld(response, holder)
            if not stale:
                notice = ("broke the lock of " + (holder.describe() if holder else
                                                  "another session")
                          + "; its later saves will be merged with this session's")
                break_lock = False
            if got:  # the flock is ours already: only the label was someone else's
                return _take(path, fd, notice)
            # A live flock, or no flock at all: a fresh lock file, created exclusively.
            path.unlink(missing_ok=True)
            os.close(fd)
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise
    raise AssessError(f"could not lock {display_path(response)}: the lock file "
                      f"{_shown(path)} keeps changing")


def _take(path: Path, fd: int, notice: str | None) -> ResponseLock:
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, Holder.me().label().encode("utf-8"))
    os.fsync(fd)
    return ResponseLock(path, fd, notice)


def _read_label(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, _MAX_LABEL).decode("utf-8", "replace")


def _shown(path: Path) -> str:
    """The lock file as users should see it, the link itself when it is a symlink."""
    return str(Path(display_path(path.parent)) / path.name)


_FLAGS = os.O_RDWR | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0) \
    | getattr(os, "O_NONBLOCK", 0)


def _open(path: Path) -> tuple[int, bool] | None:
    """Create the lock file exclusively, else open the one there: ``(fd, created)``, or
    None when it vanished in between. Never through a symlink, never anything but a
    regular file, so a planted link cannot make capture truncate another file."""
    try:
        try:
            fd, created = os.open(path, _FLAGS | os.O_CREAT | os.O_EXCL, 0o666), True
        except FileExistsError:
            fd, created = os.open(path, _FLAGS), False
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
        fd = -1
    if fd < 0 or not stat.S_ISREG(os.fstat(fd).st_mode):
        if fd >= 0:
            os.close(fd)
        raise AssessError(f"{_shown(path)} is not a regular file; capture keeps its lock "
                          "there: remove it")
    return fd, created


def _flock(fd: int) -> bool | None:
    """True when locked, False when another open file holds it, None when the file
    system has no flock (then only the label can tell whether the holder lives)."""
    if fcntl is None:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        return None
    return True


def _same_file(fd: int, path: Path) -> bool:
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (mine.st_dev, mine.st_ino)


def _stale(holder: Holder, flocked: bool | None) -> bool:
    """Whether a labelled lock we could flock (or cannot flock at all) is dead. Only a
    session on this host can be checked; one on another host is taken as alive."""
    if holder.host != socket.gethostname():
        return False
    if flocked:  # the kernel dropped the holder's flock: its process has ended
        return True
    return not _alive(holder.pid)


def _alive(pid: int) -> bool:
    from assess.outputs import pid_alive

    return pid_alive(pid)
    return True
