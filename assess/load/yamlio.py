"""Safe YAML reading with line numbers for every value, and atomic writes.

Files are parsed with PyYAML's C safe loader into a node tree, then built into plain
Python values by :func:`_Builder`, which records the line of every mapping key and
sequence item. That map lets every later error name ``FILE:LINE: path.in.file``.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import yaml

from assess.errors import InvalidInput, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Largest definition or response file accepted (a full questionnaire is ~100 KB)."""

MAX_NODES = 200_000
"""Most values one file may expand to; refuses alias/anchor expansion bombs."""

Loc = tuple[Any, ...]
"""A place in a file: keys and list indexes from the root, e.g. ("questions", 3, "text")."""

try:  # the C loader is the fast path; PyYAML without libyaml falls back to pure Python
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader


@dataclass
class Document:
    """A parsed YAML file: its data and the line of every value in it."""

    path: Path
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return display_path(self.path)

    def line_of(self, loc: Loc) -> int:
        """Line of the deepest known value on ``loc`` (1-based; 0 if unknown)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.name, self.line_of(loc), dotted(loc), message)


def dotted(loc: Loc) -> str:
    """``("questions", 17, "capability")`` -> ``questions[17].capability``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def display_path(path: Path) -> str:
    """A path as users should see it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0
        self.problems: list[Problem] = []
        self._scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, loc: Loc) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig
        self.doc.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problems.append(
                        Problem(self.doc.name, key_node.start_mark.line + 1, dotted(loc),
                                "merge keys (<<) are not supported; write the keys out")
                    )
                    continue
                key = self.build(key_node, (*loc, "<key>"))
                if not isinstance(key, str | int | float | bool) and key is not None:
                    self.problems.append(
                        Problem(self.doc.name, key_node.start_mark.line + 1, dotted(loc),
                                "mapping keys must be plain scalars")
                    )
                    continue
                child = (*loc, key)
                if key in result:
                    self.problems.append(
                        Problem(self.doc.name, key_node.start_mark.line + 1, dotted(child),
                                f"duplicate key {key!r} (first on line {self.doc.lines[child]})")
                    )
                    continue
                self.doc.lines[child] = key_node.start_mark.line + 1
                result[key] = self.build(value_node, child)
            self.doc.lines.pop((*loc, "<key>"), None)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self._scalars.construct_object(node, deep=True)


class _TooBig(Exception):
    pass


def parse(text: str, path: Path) -> Document:
    """Parse YAML text into a :class:`Document`; raise :class:`InvalidInput` when it is not."""
    doc = Document(path=path, data=None)
    nodes = _compose(text, doc)
    if len(nodes) > 1:
        raise InvalidInput([Problem(doc.name, nodes[1].start_mark.line + 1, "",
                                    "a file holds one YAML document, found several")])
    if not nodes or nodes[0] is None:
        raise InvalidInput([Problem(doc.name, 1, "", "the file is empty")])
    return _build(nodes[0], doc)


def parse_all(text: str, path: Path) -> list[Document]:
    """Every document of a YAML stream (``---`` between them), as published models ship
    them (OWASP DSOMM: a ``meta`` document, then the model). Same limits as :func:`parse`,
    counted per document."""
    nodes = _compose(text, Document(path=path, data=None))
    if not nodes:
        raise InvalidInput([Problem(display_path(path), 1, "", "the file is empty")])
    return [_build(node, Document(path=path, data=None)) for node in nodes if node is not None]


def _compose(text: str, doc: Document) -> list[Any]:
    try:
        return list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        message = str(exc.problem or "invalid YAML")
        if exc.context:
            started = exc.context_mark.line + 1 if exc.context_mark else None
            message += f" ({exc.context}" + (f" that starts on line {started})" if started
                                             and started != line else ")")
        raise InvalidInput([Problem(doc.name, line, "", f"invalid YAML: {message}")]) from None
    except yaml.YAMLError as exc:
        raise InvalidInput([Problem(doc.name, 0, "", f"invalid YAML: {exc}")]) from None


def _build(node: Any, doc: Document) -> Document:
    builder = _Builder(doc)
    try:
        doc.data = builder.build(node, ())
    except _TooBig:
        raise InvalidInput([Problem(doc.name, 1, "", f"refused: the file expands to more than "
                                    f"{MAX_NODES:,} values (alias/anchor expansion?)")]) from None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark
        raise InvalidInput([Problem(doc.name, mark.line + 1 if mark else 0, "",
                                    f"invalid value: {exc.problem}")]) from None
    if builder.problems:
        raise InvalidInput(builder.problems)
    return doc


def read(path: Path) -> Document:
    """Read and parse one YAML file, refusing oversized and non-UTF-8 files."""
    return parse(read_text(path), path)


def read_text(path: Path) -> str:
    """The text of a YAML file, refusing oversized and non-UTF-8 files."""
    from assess.load.files import read_limited

    name = display_path(path)
    raw = read_limited(path, MAX_FILE_BYTES)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InvalidInput([Problem(name, line, "", "the file is not UTF-8 text "
                                    f"(byte 0x{raw[exc.start]:02x} at offset {exc.start})")]
                           ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text


def dump(data: Any) -> str:
    """YAML text for plain data, keys in the given order, unicode kept readable."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


class _Dumper(yaml.SafeDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove temporary files that :func:`atomic_open` left in ``folder`` when its process was
    killed (``.NAME.PID.XXXX.tmp`` whose process is gone); returns those removed."""
    from assess.outputs import stale_temporaries

    removed = []
    for tmp in stale_temporaries(folder):
        tmp.unlink(missing_ok=True)
        removed.append(tmp)
    return removed


@contextmanager
def atomic_open(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; rename it over ``path`` only on success.

    On any failure or interruption (SIGINT, and SIGTERM through the command line's
    handler) the temporary file and any folder made for it are removed; an operating-system
    failure is raised as :class:`~assess.errors.EnvironmentFailure` naming the path. The
    temporary name carries the process id, so one left by a killed process (SIGKILL) is
    removed by the next write beside it.
    """
    from assess.load.files import environment_failure
    from assess.outputs import make_folders, remove_folders, remove_stale_files

    try:
        made = make_folders(path.parent)
    except OSError as exc:
        raise environment_failure(exc, path.parent) from None
    tmp: str | None = None
    try:
        remove_stale_files(path.parent, f".{path.name}.")
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp",
                                   dir=path.parent)
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding, newline=None if "b" in mode else "") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600 files; give the result the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        remove_folders(made)
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise environment_failure(exc, path, prefer_path=True) from None
        raise


def write_text(path: Path, text: str) -> None:
    """Write text atomically."""
    with atomic_open(path) as fh:
        fh.write(text)


def write_bytes(path: Path, data: bytes) -> None:
    """Write bytes atomically."""
    with atomic_open(path, "wb") as fh:
        fh.write(data)
