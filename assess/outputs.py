"""Where commands may write, and how a set of files is replaced as a whole.

One home for the output rules every command with ``-o`` follows:

- :func:`check_output`: the suffix fits the format (a ``.yaml`` name for HTML is a usage
  error) and the target is not one of an assessment's own files (``assessment.yaml``,
  ``plan.yaml``, anything under ``responses/``, ``questionnaires/`` or ``frameworks/``);
  only ``assess import`` and ``assess capture`` write response files.
- :func:`replace_set`: several files (a multi-format report) written into a hidden
  staging folder, then moved into place together; see docs/guarantees.md.
- Temporary names carry the process id, so what a killed process left behind is removed
  by the next run that writes beside it (:func:`remove_stale_files`).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import signal
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from assess.errors import OutputError, UsageError

ASSESSMENT_FILE = "assessment.yaml"
OWN_FILES = (ASSESSMENT_FILE, "plan.yaml")
"""An assessment's own files at its top level."""
OWN_FOLDERS = ("responses", "questionnaires", "frameworks")
"""An assessment's own folders: responses, and the definitions pinned by ``init --pin``."""

SUFFIXES: dict[str, tuple[str, ...]] = {
    "table": (".txt", ""), "json": (".json",), "csv": (".csv",),
    "markdown": (".md", ".markdown"), "html": (".html", ".htm"), "pdf": (".pdf",),
    "xlsx": (".xlsx",), "yaml": (".yaml", ".yml"), "svg": (".svg",), "png": (".png",),
    "graphml": (".graphml",),
    "docx": (".docx",),
}
"""Format -> the file name suffixes it may be written under ('' means none)."""

SET_PREFIX = ".assess-set."
SET_SUFFIX = ".tmp"


def _name(path: Path) -> str:
    from assess.load.yamlio import display_path

    return display_path(path)


def check_suffix(path: Path, fmt: str) -> None:
    """Raise :class:`UsageError` unless ``path``'s suffix fits ``fmt``."""
    allowed = SUFFIXES.get(fmt)
    if allowed is None or path.suffix.lower() in allowed:
        return
    names = " or ".join(s for s in allowed if s) + (" (or no suffix)" if "" in allowed else "")
    raise UsageError(f"{_name(path)}: the format is {fmt}, so the name must end in {names}")


def own_file_reason(path: Path) -> str | None:
    """Why ``path`` (symlinks followed) is one of an assessment's own files, or None."""
    target = path.resolve()
    for folder in target.parents:
        if not (folder / ASSESSMENT_FILE).is_file():
            continue
        parts = target.relative_to(folder).parts
        if len(parts) == 1 and parts[0] in OWN_FILES:
            return "is the assessment's own file"
        if parts[0] == "responses":
            return ("is in the assessment's responses/ folder (only `assess import` and "
                    "`assess capture` write there)")
        if parts[0] in OWN_FOLDERS:
            return f"is in the assessment's {parts[0]}/ folder (its pinned definitions)"
    return None


def refuse_own(path: Path) -> None:
    """Raise :class:`OutputError` when ``path`` is one of an assessment's own files."""
    reason = own_file_reason(path)
    if reason is not None:
        raise OutputError(f"{_name(path)}: refused: {reason}; write the output elsewhere")


def check_target(path: Path) -> None:
    """Raise :class:`OutputError` when writing ``path`` would overwrite (or add to) an
    assessment's own files, or when it is an existing folder or special file."""
    refuse_own(path)
    if path.is_dir():
        raise OutputError(f"{_name(path)}: is a folder; give a file name")
    if path.exists() and not path.is_file():
        from assess.load.files import not_regular

        raise OutputError(f"{_name(path)}: {not_regular(path)}")


def check_output(path: Path, fmt: str | None = None) -> None:
    """The checks every command runs on an output file before it writes anything: not an
    assessment's own file (exit 3), then a suffix that fits ``fmt`` (a usage error)."""
    check_target(path)
    if fmt is not None:
        check_suffix(path, fmt)


def check_folder(folder: Path) -> None:
    """Raise :class:`OutputError` when ``folder`` (an output folder) is or lies inside an
    assessment's own folders."""
    refuse_own(folder)
    refuse_own(folder / "_")


# --- folders made for an output, removed again on failure ----------------------------


def make_folders(folder: Path) -> list[Path]:
    """``mkdir -p folder``; the folders it created, deepest first."""
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for path in reversed(missing):
        try:
            path.mkdir()
        except FileExistsError:
            if not path.is_dir():
                raise
    return missing


def remove_folders(folders: Iterable[Path]) -> None:
    """Remove the folders :func:`make_folders` created, if still empty."""
    for path in folders:
        try:
            path.rmdir()
        except OSError:
            return


# --- temporaries left by killed processes --------------------------------------------


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` lives on this machine (where that cannot be told, as on
    Windows, it is assumed to)."""
    if pid == os.getpid() or os.name == "nt":  # os.kill would end the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _owner(name: str, prefix: str) -> int | None:
    """The process id in ``<prefix><pid>.<random>.tmp``, or None if not of that form."""
    if not (name.startswith(prefix) and name.endswith(SET_SUFFIX)):
        return None
    pid = name[len(prefix):].split(".", 1)[0]
    return int(pid) if pid.isdigit() else None


def _stale(folder: Path, prefix: str) -> Iterator[Path]:
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for entry in entries:
        pid = _owner(entry.name, prefix)
        if pid is not None and not pid_alive(pid):
            yield entry


def stale_temporaries(folder: Path) -> list[Path]:
    """Temporary files of :func:`assess.load.yamlio.atomic_open` in ``folder``
    (``.NAME.PID.RANDOM.tmp``) whose process is gone, whatever file they were for."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    found = []
    for entry in entries:
        match = re.fullmatch(r"\..+\.(\d+)\.[^.]+\.tmp", entry.name)
        if match and entry.is_file() and not entry.is_symlink() \
                and not pid_alive(int(match.group(1))):
            found.append(entry)
    return found


def remove_stale_files(folder: Path, prefix: str) -> None:
    """Remove ``<prefix><pid>.*.tmp`` files in ``folder`` whose process is gone."""
    for entry in _stale(folder, prefix):
        if entry.is_file():
            entry.unlink(missing_ok=True)


# --- replacing a set of files as a whole ---------------------------------------------


@contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait while the staged set is moved into place."""
    held = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _swap_in(work: Path, folder: Path) -> None:
    """Move every entry of ``work/new`` over its namesake in ``folder`` (the old one to
    ``work/old``); safe to run again after an interruption."""
    new, old = work / "new", work / "old"
    old.mkdir(exist_ok=True)
    for entry in sorted(new.iterdir()):
        target = folder / entry.name
        if target.is_dir() or (entry.is_dir() and os.path.lexists(target)):
            # rename() replaces a file but not a non-empty folder: set the old one aside.
            os.replace(target, old / entry.name)
        os.replace(entry, target)
    _fsync_dir(folder)


def recover(folder: Path) -> None:
    """Finish or undo what killed processes left in ``folder``: a staged set marked ready
    is moved into place; anything else of theirs is removed."""
    for work in _stale(folder, SET_PREFIX):
        if (work / "ready").is_file() and (work / "new").is_dir():
            _swap_in(work, folder)
        shutil.rmtree(work, ignore_errors=True)


def replace_set(folder: Path, files: Iterable[tuple[str, bytes]]) -> list[Path]:
    """Write ``files`` (path relative to ``folder``, bytes) so that they replace their
    previous versions together: each is written and synced into a staging folder inside
    ``folder``; only when all are there is the set marked ready and moved into place,
    with SIGINT and SIGTERM held. A run killed before that leaves the previous set as it
    was; one killed during the moves is completed by the next run into ``folder``. The
    paths written, in the order given. ``files`` may be a generator: a failure while it
    renders leaves nothing behind.
    """
    from assess.load.files import environment_failure

    try:
        made = make_folders(folder)
    except OSError as exc:
        raise environment_failure(exc, folder) from None
    work = folder / f"{SET_PREFIX}{os.getpid()}.{secrets.token_hex(4)}{SET_SUFFIX}"
    written: list[Path] = []
    current = folder
    try:
        recover(folder)
        (work / "new").mkdir(parents=True)
        for rel, data in files:
            staged, current = work / "new" / rel, folder / rel
            staged.parent.mkdir(parents=True, exist_ok=True)
            with open(staged, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            written.append(folder / rel)
        with _signals_held():
            (work / "ready").touch()
            _fsync_dir(work)
            _swap_in(work, folder)
        shutil.rmtree(work, ignore_errors=True)
    except BaseException as exc:
        if (work / "ready").is_file():
            # A signal held during the moves arrives as they end: the set is in place (or
            # is completed here); only the emptied staging folder is left to remove.
            with contextlib.suppress(OSError), _signals_held():
                _swap_in(work, folder)
                shutil.rmtree(work)
        else:
            shutil.rmtree(work, ignore_errors=True)
            remove_folders(made)
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise environment_failure(exc, current, prefer_path=True) from None
        raise
    return written


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def relative_files(folder: Path, files: Mapping[Path, bytes]) -> list[tuple[str, bytes]]:
    """``files`` keyed by path inside ``folder`` -> (relative path, bytes)."""
    return [(str(path.relative_to(folder)), data) for path, data in files.items()]
