"""``assess init``: a new assessment workspace with a commented assessment.yaml."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import unicodedata
from pathlib import Path

from assess.errors import OutputError
from assess.workspace import ASSESSMENT_FILE, available
from assess.yamlio import write_text

TEMPLATE = """\
# Assessment of {organisation}. Edit this file, then put one response file per respondent
# per questionnaire in responses/ (start from `assess template QUESTIONNAIRE --format yaml`).
# Check your work with `assess validate {folder}` and score it with `assess score {folder}`.
# Every key is described by `assess schema assessment` and in docs/formats.md.
schema_version: 1
organisation: {organisation_json}
date: {date}                 # the workshop date, YYYY-MM-DD
framework: digital-foundations   # maturity framework id (frameworks/*.yaml)

# Questionnaires (domains) in scope.
questionnaires:
{questionnaires}

# Target score per domain on the framework's scale (0-5). A domain may also set targets
# per capability:  cybersecurity: {{target: 3.5, capabilities: {{identity_access: 4}}}}
targets:
{targets}

# How several respondents' answers to one question are combined: median (default), mean,
# min or consensus (only agreed answers count). A consensus response always wins.
# aggregation: median
# disagreement_threshold: 2      # spread (max - min) that flags a question for discussion

# Shown at the front of the report.
vision: ""
principles: []

# Roadmap: the phases and the improvement effort each can absorb, in person-days (what the
# team and its partners can spend on these steps after business as usual). `capacity`
# applies to a phase that gives none; `assess roadmap --capacity N` overrides them all.
capacity: 120
phases:
  - {{name: "0-6 months", months: 6, capacity: 120}}
  - {{name: "6-12 months", months: 6, capacity: 120}}
  - {{name: "12-24 months", months: 12, capacity: 240}}

# An earlier assessment of the same organisation, for `assess compare` and the report.
# baseline: ../{organisation_slug}-2025

# Client-specific dependency model changes, e.g. raise a programme's weight:
# dependencies:
#   programme_weights: {{digital_first: 6}}
"""


def create_workspace(folder: Path, organisation: str, date: dt.date | None = None) -> Path:
    """Create ``folder`` with assessment.yaml and an empty responses/; refuse to overwrite."""
    file = folder / ASSESSMENT_FILE
    if file.exists():
        raise OutputError(f"{file} already exists; choose a new folder")
    questionnaires = available("questionnaires")
    # A folder name people can type: "Zoë's Council #1" -> zoes-council-1.
    ascii_name = unicodedata.normalize("NFKD", organisation).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.replace("'", "").lower()).strip("-") or "client"
    text = TEMPLATE.format(
        organisation=organisation,
        organisation_json=json.dumps(organisation, ensure_ascii=False),
        organisation_slug=slug,
        folder=shlex.quote(str(folder)),
        date=(date or dt.date.today()).isoformat(),
        questionnaires="\n".join(f"  - {q}" for q in questionnaires),
        targets="\n".join(f"  {q}: 3" for q in questionnaires),
    )
    (folder / "responses").mkdir(parents=True, exist_ok=True)
    write_text(file, text)
    return file
