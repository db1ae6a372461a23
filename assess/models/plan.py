"""``plan.yaml``: the roadmap as agreed, kept up to date by the client."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from assess.models.base import IsoDate, Strict, Text, Versioned
from assess.models.dependencies import StepId

PlanStatus = Literal["planned", "in_progress", "done", "dropped"]


class PlannedStep(Strict):
    """One step of the agreed plan, as the client keeps it up to date over the year."""

    id: StepId = Field(description="Step id, '<capability>:<level reached>'.")
    capability: Text = Field(description="Capability name, for people reading the file.")
    action: str = Field(default="", description="The work agreed.")
    phase: Text = Field(description="Roadmap phase the step was planned in.")
    owner: Text = Field(description="Who answers for the step.")
    effort: float = Field(ge=0, description="Person-days planned.")
    status: PlanStatus = Field(default="planned", description="planned, in_progress, done "
                               "or dropped.")
    start: IsoDate = Field(description="Planned start (the phase's first day).")
    end: IsoDate = Field(description="Planned end (the phase's last day).")
    notes: str = Field(default="", max_length=20_000, description="The client's notes.")


class Plan(Versioned):
    """``plan.yaml``: the roadmap as agreed, saved by ``assess roadmap --save``."""

    organisation: Text = Field(description="Client organisation.")
    assessment_date: IsoDate = Field(description="Date of the assessment the plan came from.")
    steps: list[PlannedStep] = Field(default_factory=list, description="Scheduled steps, "
                                     "phase by phase in the order to carry them out.")
