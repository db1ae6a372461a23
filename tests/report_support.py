"""Shared by the report tests: the small fixture assessment, loaded once per session."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from assess.report import ReportInputs, build_context, load_inputs

from .conftest import DATA

FIXTURE = DATA / "report"
"""Three domains (one unanswered), a client framework and dependency model; notes with
``<script>`` and a leading ``=`` (see tests/data/report/responses)."""
SCRIPT_NOTE = "<script>alert(1)</script>"
FORMULA_NOTE = '=HYPERLINK("http://evil.example","click")'


@cache
def fixture_inputs() -> ReportInputs:
    return load_inputs(FIXTURE)


def fixture_context(**options: Any) -> dict[str, Any]:
    """A fresh (deep-copied) report context of the fixture."""
    return copy.deepcopy(build_context(fixture_inputs(), **options))
