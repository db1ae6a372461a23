"""What an importer returns, and writing it: checked as a whole, then moved into place."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assess.errors import AssessError, InvalidInput, Problem


@dataclass
class Imported:
    """The product's files (path relative to the output folder -> data), and notes."""

    source: str
    """What was imported, for the summary (e.g. 'OWASP SAMM model at model/')."""
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    """What the source holds that the product cannot carry, or what was made up for it."""
    counts: dict[str, int] = field(default_factory=dict)

    def not_carried(self, what: str, keys: dict[str, int]) -> None:
        """Note the keys of ``what`` (objects of one kind) that were not carried, with how
        many objects had each (empty values are not counted: nothing is lost)."""
        for key, count in sorted(keys.items()):
            self.notes.append(f"not carried: {what} '{key}' ({count} with a value)")


def unused_keys(objects: list[dict[str, Any]], used: set[str]) -> dict[str, int]:
    """Keys outside ``used`` that hold a value, with how many objects hold one."""
    counts: dict[str, int] = {}
    for obj in objects:
        for key, value in obj.items():
            if key not in used and value not in (None, "", [], {}):
                counts[key] = counts.get(key, 0) + 1
    return counts


def slug(text: str, sep: str = "_") -> str:
    """A lower-case id from any text: letters and digits, words joined by ``sep``,
    starting with a letter ('Secure Architecture' -> 'secure_architecture')."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower())
    ident = sep.join(words) or "x"
    return ident if ident[0].isalpha() else f"x{sep}{ident}"


def unique(ident: str, taken: set[str], sep: str = "_") -> str:
    """``ident``, or ``ident<sep>2``, ... whichever is not taken yet (then taken)."""
    candidate, n = ident, 1
    while candidate in taken:
        n += 1
        candidate = f"{ident}{sep}{n}"
    taken.add(candidate)
    return candidate


def text_of(value: Any) -> str:
    """Text of a scalar as its author meant it. YAML 1.1 reads an unquoted No/Yes as a
    boolean (SAMM's answer sets write ``text: No``); it is given back as the word."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return "" if value is None else str(value).strip()


def placeholder_assessment(framework: str, questionnaires: list[str],
                           name: str) -> dict[str, Any]:
    """An assessment.yaml that scores the imported content as it stands."""
    return {"schema_version": 1, "organisation": f"Assessment against {name}",
            "date": dt.date.today().isoformat(), "framework": framework,
            "questionnaires": questionnaires}


def write_imported(imported: Imported, out: Path, *, force: bool = False) -> list[str]:
    """Write ``imported`` into ``out``: into a new folder, or added to an existing one
    (an existing file is replaced only with ``force``). Everything is written to a
    temporary folder and checked first (``assess validate``), so a failed import leaves
    nothing behind. Returns the relative paths written."""
    from assess.load.yamlio import dump

    clashes = sorted(rel for rel in imported.files if (out / rel).exists())
    if clashes and not force:
        raise AssessError(f"{out}: would overwrite {', '.join(clashes)} (use --force)")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".import-", dir=out.parent))
    try:
        for rel, data in imported.files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(dump(data), encoding="utf-8")
        (staging / "responses").mkdir(exist_ok=True)
        _check(staging, imported)
        if not out.exists():
            os.replace(staging, out)
        else:
            for rel in imported.files:
                (out / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(staging / rel, out / rel)
            if "assessment.yaml" in imported.files:
                (out / "responses").mkdir(exist_ok=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sorted(imported.files)


def _check(folder: Path, imported: Imported) -> None:
    """The written files pass ``assess validate`` (an importer bug otherwise)."""
    from assess.load.validation import validate_paths

    try:
        validate_paths([folder])
    except InvalidInput as exc:
        shown = [Problem(p.file.replace(str(folder), "<output>"), p.line, p.path, p.message)
                 for p in exc.problems[:20]]
        raise AssessError(f"the import of {imported.source} produced files that do not "
                          "validate (a bug in the importer):\n"
                          + "\n".join(str(p) for p in shown)) from None
