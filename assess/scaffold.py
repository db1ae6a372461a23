"""``assess init``: a new assessment workspace with a commented assessment.yaml."""

from __future__ import annotations

import datetime as dt
import json
import re
import shlex
import shutil
import unicodedata
from pathlib import Path

from assess.errors import OutputError
from assess.load.workspace import ASSESSMENT_FILE, available, find_definition
from assess.load.yamlio import write_bytes, write_text

DEFAULT_FRAMEWORK = "digital-foundations"

TEMPLATE = """\
# Assessment of {organisation}. Edit this file, then put one response file per respondent
# per questionnaire in responses/ (start from `assess template QUESTIONNAIRE --format yaml`).
# Check your work with `assess validate {folder}` and score it with `assess score {folder}`.
# Every key is described by `assess schema assessment` and in docs/formats.md.
schema_version: 1
organisation: {organisation_json}
date: {date}                 # the workshop date, YYYY-MM-DD
framework: {framework}   # maturity framework id (frameworks/*.yaml){pinned}

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
# Who can do the work: person-days per phase, or FTE; owners not listed share the phase.
# teams:
#   Security Team: {{fte: 1.5}}
# Steps to plan first whatever their priority (safety, a legal duty, an active exposure):
# must_do: [power_cooling:2]
# One step per capability per phase by default, so a level is embedded before the next:
# pacing: {{steps_per_capability_per_phase: 1}}

# An earlier assessment of the same organisation, for `assess compare` and the report.
# baseline: ../{organisation_slug}-2025

# Client-specific dependency model changes, e.g. raise a programme's weight:
# dependencies:
#   programme_weights: {{digital_first: 6}}
"""


def create_workspace(folder: Path, organisation: str, date: dt.date | None = None,
                     pin: bool = False) -> Path:
    """Create ``folder`` with assessment.yaml and an empty responses/; refuse to overwrite.

    ``pin`` also copies the questionnaires in scope and their frameworks into
    ``folder/questionnaires/`` and ``folder/frameworks/`` (see :func:`pin_content`).
    """
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
        framework=DEFAULT_FRAMEWORK,
        pinned=("\n# Pinned: questionnaires/ and frameworks/ hold copies of the shipped "
                "content, used\n# instead of it, so an upgrade of assess does not change "
                "this assessment." if pin else ""),
        questionnaires="\n".join(f"  - {q}" for q in questionnaires),
        targets="\n".join(f"  {q}: 3" for q in questionnaires),
    )
    from assess.load.files import environment_failure
    from assess.outputs import make_folders

    try:
        made = make_folders(folder)
    except OSError as exc:
        raise environment_failure(exc, folder) from None
    try:
        if pin:
            pin_content(folder, questionnaires, DEFAULT_FRAMEWORK)
        (folder / "responses").mkdir(exist_ok=True)
        write_text(file, text)
    except BaseException as exc:
        if made:  # a workspace half made (disk full, Ctrl-C) is removed, not left behind
            shutil.rmtree(made[-1], ignore_errors=True)
        if isinstance(exc, OSError):
            raise environment_failure(exc, folder / "responses") from None
        raise
    return file


def pin_content(folder: Path, questionnaires: list[str], framework: str) -> list[Path]:
    """Copy the shipped questionnaires ``questionnaires`` and the frameworks they and the
    assessment use into ``folder/questionnaires/`` and ``folder/frameworks/``; the paths.

    The workspace loader prefers these copies, so a long engagement keeps scoring and
    importing against the exact content it handed out after ``assess`` is upgraded.
    Files are copied byte for byte (the workbook checksum is of the parsed content, but
    authors' comments are worth keeping too).
    """
    from assess.load.loader import load_model
    from assess.models import Questionnaire

    copies: list[tuple[Path, Path]] = []
    frameworks = {framework}
    for ident in questionnaires:
        source = find_definition("questionnaires", ident)
        assert source is not None  # ids come from available()
        frameworks.add(load_model(source, Questionnaire)[0].framework)
        copies.append((source, folder / "questionnaires" / source.name))
    for ident in sorted(frameworks):
        source = find_definition("frameworks", ident)
        if source is not None:  # an unknown one is reported by `assess validate`
            copies.append((source, folder / "frameworks" / source.name))
    for source, target in copies:
        write_bytes(target, source.read_bytes())
    return [target for _, target in copies]
