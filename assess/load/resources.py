"""Where the shipped content lives: inside the wheel, or at the repository root."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

CONTENT_FOLDERS = ("questionnaires", "frameworks", "reports", "examples")


@cache
def content_root() -> Path:
    """Folder holding questionnaires/, frameworks/, reports/ and examples/.

    A built wheel carries them under ``assess/_content``; an editable install or a
    source checkout reads them from the repository root, which stays the source of truth.
    """
    package = Path(str(resources.files("assess")))
    packaged = package / "_content"
    if (packaged / "questionnaires").is_dir():
        return packaged
    return package.resolve().parent


def content_path(folder: str, *parts: str) -> Path:
    """Path of a shipped content file, e.g. ``content_path("frameworks", "x.yaml")``."""
    if folder not in CONTENT_FOLDERS:
        raise ValueError(f"unknown content folder {folder!r}")
    return content_root().joinpath(folder, *parts)
