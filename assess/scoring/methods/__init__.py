"""Scoring methods: each turns one capability's combined answers into a score.

A method is one registered function (see :mod:`.base`); frameworks name it in YAML::

    method: {name: weighted_mean, params: {}}

Importing this package registers the four shipped methods. Adding a method means one
module with a function decorated by :func:`register`, imported below.
"""

from __future__ import annotations

from . import cumulative, rated_attributes, sum_of_level_means, weighted_mean
from .base import (
    METHODS,
    Outcome,
    Scored,
    ScoreFn,
    ScoringMethod,
    counted,
    level_scale,
    register,
)

__all__ = [
    "METHODS",
    "Outcome",
    "ScoreFn",
    "Scored",
    "ScoringMethod",
    "counted",
    "cumulative",
    "level_scale",
    "rated_attributes",
    "register",
    "sum_of_level_means",
    "weighted_mean",
]
