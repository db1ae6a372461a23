"""The dependency model an assessment uses.

The shipped model (fitted to the content in use) or the client's own file, then the
assessment's overrides and the dependency overlays, without the capabilities that are out
of scope. Every problem is named in the file where it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from assess.errors import InvalidInput, Problem
from assess.load import checks
from assess.load.loader import load_checked
from assess.load.resources import content_path
from assess.load.tailoring import NONE, Tailoring, prune_dependencies
from assess.load.yamlio import Document
from assess.models import Assessment, DependencyModel

DEFAULT_DEPENDENCIES = ("frameworks", "dependencies", "default.yaml")


def dependency_file(a: Assessment | None, root: Path | None) -> Path:
    """The dependency model file an assessment uses: its own, or the shipped default."""
    if a is not None and a.dependencies is not None and a.dependencies.file and root:
        return root / a.dependencies.file
    return content_path(*DEFAULT_DEPENDENCIES)


def load_dependencies(a: Assessment | None, root: Path | None,
                      capability_ids: set[str] | None) -> tuple[DependencyModel, list[Problem]]:
    """The default dependency model, replaced or amended by the assessment's overrides."""
    over = a.dependencies if a else None
    path = dependency_file(a, root)
    shipped = path == content_path(*DEFAULT_DEPENDENCIES)

    def effective(model: DependencyModel) -> DependencyModel:
        if shipped and capability_ids is not None:
            model = fit_to_content(model, capability_ids)
        return apply_overrides(model, over) if over is not None else model

    def check(model: DependencyModel, doc: Document) -> list[Problem]:
        return checks.check_dependencies(effective(model), doc, capability_ids)

    try:
        model, _ = load_checked(path, DependencyModel, check)
    except InvalidInput as exc:
        return DependencyModel(schema_version=1), list(exc.problems)
    return effective(model), []


def fit_to_content(model: DependencyModel, capability_ids: set[str]) -> DependencyModel:
    """The shipped model without the capabilities the content in use does not define.

    The shipped model follows the shipped questionnaires, but an assessment may score with
    older or pinned copies (docs/content.md, Versions): entries and prerequisites naming a
    capability those copies do not have are left out, as for a capability out of scope. A
    client's own model is not fitted: there an unknown capability is a typo to report.
    """
    entries = []
    for entry in model.capabilities:
        if entry.capability not in capability_ids:
            continue
        pres = [p for p in entry.prerequisites if p.capability in capability_ids]
        entries.append(entry if len(pres) == len(entry.prerequisites)
                       else entry.model_copy(update={"prerequisites": pres}))
    return model.model_copy(update={"capabilities": entries})


def effective_dependencies(a: Assessment | None, root: Path | None, capability_ids: set[str],
                           t: Tailoring = NONE, gone: dict[str, str] | None = None,
                           ) -> tuple[DependencyModel, list[Problem], dict[str, tuple[str, ...]]]:
    """The dependency model as the assessment uses it: the file (checked where it is), its
    overrides, the dependency overlays, then without the capabilities ``gone`` (id -> name;
    excluded or removed by an overlay). Also what each capability needs that is gone."""
    from assess.load.overlays import apply_dependencies

    model, problems = load_dependencies(a, root, capability_ids)
    if problems:
        return model, problems, {}
    model, problems = apply_dependencies(model, t.overlays)
    dep_overlays = [o.doc for o in t.overlays if o.overlay.kind == "dependencies-overlay"]
    if not problems and dep_overlays:
        # What the overlays added must resolve too; named in the (first) overlay file.
        problems = checks.check_dependencies(model, Document(dep_overlays[0].path, None),
                                             capability_ids)
    from assess.load.terminology import speak_dependencies

    model, needs = prune_dependencies(model, gone or {})
    return speak_dependencies(model, t.terms), problems, needs


def apply_overrides(model: DependencyModel, over: object) -> DependencyModel:
    from assess.models import DependencyOverrides

    assert isinstance(over, DependencyOverrides)

    def merge(items: list[Any], extra: list[Any], key: str) -> list[Any]:
        replaced = {getattr(x, key): x for x in extra}
        kept = [replaced.pop(getattr(x, key), x) for x in items]
        return kept + list(replaced.values())

    programmes = merge(list(model.programmes), list(over.programmes), "id")
    programmes = [p.model_copy(update={"weight": over.programme_weights[p.id]})
                  if p.id in over.programme_weights else p for p in programmes]
    return model.model_copy(update={
        "programmes": programmes,
        "technologies": merge(list(model.technologies), list(over.technologies), "id"),
        "capabilities": merge(list(model.capabilities), list(over.capabilities), "capability"),
        "costs": over.costs or model.costs,
    })
