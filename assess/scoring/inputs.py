"""What scoring reads: loaded, checked models (no files)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assess.models import Assessment, Framework, Questionnaire, Response


@dataclass(frozen=True)
class Inputs:
    """Everything scoring reads, already loaded and checked."""

    assessment: Assessment
    framework: Framework
    questionnaires: Sequence[Questionnaire]
    responses: Sequence[Response]
