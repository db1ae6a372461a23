"""``weighted_mean``: level-anchored questions, the default framework's method."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assess.models import Framework

from .base import Finding, Scored, counted, register, unknown_params, weighted


def _check(fw: Framework) -> list[Finding]:
    return unknown_params(fw, ())


@register("weighted_mean", check=_check)
def weighted_mean(items: Scored, fw: Framework, params: Mapping[str, Any]) -> float | None:
    """Capability score = weighted mean of its questions' combined values."""
    return weighted(counted(items, fw))
