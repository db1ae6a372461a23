"""The agreed plan as a file: ``assess roadmap ASSESSMENT --save`` writes ``plan.yaml``.

Each scheduled step with its phase, owner, effort, status (planned, in_progress, done,
dropped) and dates: the phase's first and last day counted from the assessment date. The
client edits the statuses (and notes, dates) over the year; the next assessment's
progress section reads them beside the maturity measured.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

from assess.errors import OutputError
from assess.models import Assessment, Plan, PlannedStep

from .recommendations import Recommendations
from .roadmap import Roadmap

PLAN_FILE = "plan.yaml"
HEADER = ("# The agreed plan, written by `assess roadmap --save`. Keep it up to date over the\n"
          "# year: status is planned, in_progress, done or dropped; dates and notes are yours.\n"
          "# The next assessment's progress section reads it (see docs/formats.md).\n")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, kept within the month (31 Jan + 1 = 28/29 Feb)."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def build_plan(assessment: Assessment, roadmap: Roadmap, recs: Recommendations) -> Plan:
    """The roadmap's scheduled steps as a plan, every status 'planned'."""
    by_id = recs.by_id()
    steps = []
    for phase in roadmap.phases:
        start = add_months(assessment.date, phase.start_month)
        end = add_months(assessment.date, phase.end_month) - dt.timedelta(days=1)
        for sid in phase.recommendations:
            r = by_id[sid]
            steps.append(PlannedStep(
                id=sid, capability=f"{r.capability_name} to level {r.to_level}",
                action=" ".join(r.action.split()), phase=phase.name, owner=r.owner,
                effort=r.effort, start=start, end=end))
    return Plan(schema_version=1, organisation=assessment.organisation,
                assessment_date=assessment.date, steps=steps)


def plan_text(plan: Plan) -> str:
    """plan.yaml's text: the header, then the plan with ISO dates."""
    from assess.load.yamlio import dump

    return HEADER + dump(plan.model_dump(mode="json"))


def save_plan(folder: Path, plan: Plan, force: bool = False) -> Path:
    """Write ``plan.yaml`` into the assessment ``folder`` atomically; an existing plan is
    kept unless ``force`` (it holds the client's statuses)."""
    from assess.load.yamlio import display_path, write_text

    target = folder / PLAN_FILE
    if target.exists() and not force:
        raise OutputError(f"{display_path(target)}: a plan exists already (it may hold the "
                          "client's statuses); give --force to replace it")
    write_text(target, plan_text(plan))
    return target


def load_plan(folder: Path) -> Plan | None:
    """The assessment's ``plan.yaml``, checked; None when there is none."""
    from assess.errors import InvalidInput
    from assess.load import checks
    from assess.load.loader import load_model

    path = folder / PLAN_FILE
    if not path.is_file():
        return None
    plan, doc = load_model(path, Plan)
    problems = checks.check_plan(plan, doc)
    if problems:
        raise InvalidInput(problems)
    return plan
