"""Standards' catalogues and mapping sets, for crosswalks.

Both live under ``frameworks/``: catalogues in ``frameworks/standards/<id>.yaml``, mapping
sets in ``frameworks/mappings/<id>.yaml``. An assessment's own ``frameworks/`` folder is
searched first (client-specific or imported content), then the shipped content; a
mapping set or catalogue of the assessment replaces a shipped one of the same id.
"""

from __future__ import annotations

from pathlib import Path

from assess.errors import InvalidInput, NotFound, Problem
from assess.load import checks
from assess.load.loader import load_checked
from assess.load.resources import content_path
from assess.models import MappingSet, Standard

STANDARDS = "standards"
MAPPINGS = "mappings"


def _folders(sub: str, root: Path | None) -> list[Path]:
    own = [root / "frameworks" / sub] if root is not None else []
    return [*own, content_path("frameworks", sub)]


def _files(sub: str, root: Path | None) -> dict[str, Path]:
    """id -> file, the assessment's own first."""
    found: dict[str, Path] = {}
    for folder in _folders(sub, root):
        if folder.is_dir():
            for path in sorted(folder.glob("*.yaml")):
                found.setdefault(path.stem, path)
    return found


def standard_ids(root: Path | None = None) -> list[str]:
    """Ids of every standard with a catalogue."""
    return sorted(_files(STANDARDS, root))


def load_standard(ident: str, root: Path | None = None) -> Standard | None:
    """The catalogue of standard ``ident``, or None when there is none."""
    path = _files(STANDARDS, root).get(ident)
    if path is None:
        return None
    return load_checked(path, Standard, checks.check_standard)[0]


def load_mapping_sets(root: Path | None = None) -> tuple[MappingSet, ...]:
    """Every mapping set (the assessment's own first; one per id). Raises InvalidInput
    naming every broken file: a crosswalk on half the mappings would mislead."""
    sets: list[MappingSet] = []
    problems: list[Problem] = []
    for path in _files(MAPPINGS, root).values():
        try:
            sets.append(load_checked(path, MappingSet, checks.check_mapping_set)[0])
        except InvalidInput as exc:
            problems.extend(exc.problems)
    if problems:
        raise InvalidInput(problems)
    return tuple(sets)


def known_targets(root: Path | None = None) -> list[str]:
    """Standards a crosswalk can go to: those with a catalogue or a mapping set."""
    targets = set(standard_ids(root)) | {m.target for m in load_mapping_sets(root)}
    return sorted(targets)


def require_target(ident: str, root: Path | None = None) -> None:
    """NotFound listing the known targets unless ``ident`` is one."""
    known = known_targets(root)
    if ident not in known:
        raise NotFound(f"unknown standard {ident!r} (known: {', '.join(known)})")
