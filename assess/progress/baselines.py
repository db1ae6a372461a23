"""Where an assessment's baseline is: ``baseline:`` in assessment.yaml, followed back."""

from __future__ import annotations

import os
from pathlib import Path

from assess.errors import AssessError, NotFound

MAX_CHAIN = 20
"""Most assessments followed back through ``baseline:`` links (twenty years of reviews)."""


def baseline_of(path: Path) -> Path | None:
    """The assessment folder named by ``baseline:`` at ``path`` (None when it names none).

    The path is relative to the folder holding assessment.yaml, as written by hand.
    """
    from assess.load.loader import load_model
    from assess.load.workspace import ASSESSMENT_FILE, assessment_file
    from assess.load.yamlio import display_path
    from assess.models import Assessment

    file = assessment_file(path)
    a, doc = load_model(file, Assessment)
    if not a.baseline:
        return None
    # normpath, not resolve: keep the path relative, as the user wrote it.
    target = Path(os.path.normpath(file.parent / a.baseline))
    if not (target / ASSESSMENT_FILE).is_file() and not (
            target.is_file() and target.suffix in (".yaml", ".yml")):
        raise NotFound(f"{doc.name}:{doc.line_of(('baseline',))}: baseline: no assessment at "
                       f"{a.baseline!r} (looked for {display_path(target / ASSESSMENT_FILE)})")
    return target


def baseline_chain(path: Path, limit: int = MAX_CHAIN) -> list[Path]:
    """``path`` and its baselines, followed back through ``baseline:``, oldest first."""
    from assess.load.workspace import assessment_file

    chain = [path]
    seen = {assessment_file(path).resolve()}
    while len(chain) < limit:
        earlier = baseline_of(chain[-1])
        if earlier is None:
            break
        key = assessment_file(earlier).resolve()
        if key in seen:
            raise AssessError(f"baseline links form a loop: {' -> '.join(map(str, chain))} "
                              f"-> {earlier}")
        seen.add(key)
        chain.append(earlier)
    return chain[::-1]
