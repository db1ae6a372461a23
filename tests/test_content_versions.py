"""Shipped questionnaires change only with a new `version`.

Workbooks handed out in a workshop carry the questionnaire's version and checksum, and
`assess import` refuses a workbook whose questionnaire has changed since. So content must
never change under the same version: this test keeps a register of the checksum of each
shipped (id, version). Changed a questionnaire? Bump its `version`, then refresh the
register with `ASSESS_UPDATE_GOLDEN=1 pytest tests/test_content_versions.py`.
"""

from __future__ import annotations

import json
import os

from assess.load.loader import load_model
from assess.models import Questionnaire
from assess.workshop.definition import checksum

from .conftest import ROOT

REGISTER = ROOT / "tests" / "data" / "content-versions.json"


def current() -> dict[str, dict[str, str]]:
    out = {}
    for path in sorted((ROOT / "questionnaires").glob("*.yaml")):
        q, _ = load_model(path, Questionnaire)
        out[q.id] = {"version": q.version, "checksum": checksum(q)}
    return out


def test_content_changes_come_with_a_new_version() -> None:
    now = current()
    if os.environ.get("ASSESS_UPDATE_GOLDEN"):
        REGISTER.write_text(json.dumps(now, indent=2, sort_keys=True) + "\n")
    recorded = json.loads(REGISTER.read_text())
    changed = [
        qid for qid, entry in now.items()
        if qid in recorded and recorded[qid]["version"] == entry["version"]
        and recorded[qid]["checksum"] != entry["checksum"]
    ]
    assert changed == [], (
        f"{changed} changed without a new version: bump `version` in the questionnaire, then "
        "refresh the register with ASSESS_UPDATE_GOLDEN=1")
    assert sorted(now) == sorted(recorded), "refresh the register with ASSESS_UPDATE_GOLDEN=1"
