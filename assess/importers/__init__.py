"""Importers of published models: adapters at the edge of the product.

Each importer reads one foreign format and returns the product's own files (framework,
questionnaires, mapping sets, an assessment to score them with) as plain data, with the
notes of everything the format holds that the product cannot carry. The core never
knows where content came from: what an importer writes is validated and scored like any
hand-written file.

    samm            OWASP SAMM core model folder (model/ with business_functions/, ...)
    ciso-assistant  a CISO Assistant library YAML (framework, requirement mapping sets)
    dsomm           an OWASP DSOMM model YAML (dimensions, sub-dimensions, activities)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .output import Imported

FORMATS: dict[str, str] = {
    "samm": "assess.importers.samm:import_samm",
    "ciso-assistant": "assess.importers.ciso_assistant:import_library",
    "dsomm": "assess.importers.dsomm:import_dsomm",
}


def importer(fmt: str) -> Callable[[Path], Imported]:
    """The import function of format ``fmt`` (one of :data:`FORMATS`)."""
    import importlib

    module, attr = FORMATS[fmt].split(":")
    fn: Callable[[Path], Imported] = getattr(importlib.import_module(module), attr)
    return fn


__all__ = ["FORMATS", "Imported", "importer"]
