"""The dependency model: capabilities -> core technologies -> programmes, prerequisites,
actions and what they cost; and an assessment's overrides of it."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from assess.models.base import Id, Strict, Text, Versioned, Weight


class Programme(Strict):
    id: Id = Field(description="Programme id.")
    name: Text = Field(description="Display name, e.g. 'Digital First'.")
    description: str = Field(default="", description="What the programme delivers.")
    weight: Weight = Field(default=1.0, description="Strategic value (> 0); higher ranks first.")


class TechnologyLink(Strict):
    programme: Id = Field(description="Programme the technology serves.")
    weight: float = Field(default=1.0, gt=0, le=1, description="How strongly (0-1].")


class Technology(Strict):
    id: Id = Field(description="Technology id.")
    name: Text = Field(description="Display name, e.g. 'Identity platform'.")
    description: str = Field(default="", description="What it is.")
    programmes: list[TechnologyLink] = Field(default_factory=list,
                                             description="Programmes it serves.")


class CapabilityLink(Strict):
    technology: Id = Field(description="Technology the capability holds up.")
    weight: float = Field(default=1.0, gt=0, le=1, description="How strongly (0-1].")


class Prerequisite(Strict):
    capability: Id = Field(description="Capability that must be in place first.")
    level: int = Field(ge=1, le=10, description="Level it must have reached.")
    for_level: int = Field(default=1, ge=1, le=10, description="Applies to steps reaching this "
                           "level or higher of the dependent capability.")


def _low_high(value: list[float]) -> list[float]:
    if value[0] > value[1]:
        raise PydanticCustomError("range_order", "low {low:g} is above high {high:g}",
                                  {"low": value[0], "high": value[1]})
    return value


Range = Annotated[list[Annotated[float, Field(ge=0)]],
                  Field(min_length=2, max_length=2), AfterValidator(_low_high)]
"""[low, high], both >= 0, low <= high (money in the cost model's currency)."""
StepId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]*:[0-9]+$", max_length=90)]
"""'<capability>:<level reached>', e.g. 'power_cooling:2'."""
Urgency = Literal["safety", "legal_duty", "active_exposure"]
DEFAULT_OWNER = "Unassigned"
"""Owner of a step the dependency model has no action for."""


class Action(Strict):
    action: Text = Field(description="The recommended piece of work.")
    effort: float = Field(gt=0, description="Effort in person-days.")
    cost_band: str = Field(description="Key of the model's cost_bands.")
    owner: Text = Field(description="Owner role, e.g. 'Security Team'.")
    urgent: Urgency | None = Field(default=None, description="Must be done first, whatever its "
                                   "priority: safety, legal_duty or active_exposure.")
    capex: Range | None = Field(default=None, description="One-off capital cost [low, high] "
                                "instead of the cost band's.")
    opex_per_year: Range | None = Field(default=None, description="Recurring annual operating "
                                        "cost [low, high] instead of the cost band's.")


class BandCost(Strict):
    capex: Range = Field(description="One-off capital cost [low, high].")
    opex_per_year: Range = Field(description="Recurring annual operating cost [low, high].")


class CostModel(Strict):
    """What the work costs in money and people."""

    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        default="GBP", description="ISO 4217 currency code, e.g. GBP.")
    working_days_per_fte: float = Field(default=210, gt=0, le=366, description="Working days "
                                        "a year of one full-time person (FTE).")
    bands: dict[str, BandCost] = Field(default_factory=dict, description="Cost band key -> "
                                       "capex and opex ranges.")


class CapabilityDependencies(Strict):
    capability: Id = Field(description="Capability id from a questionnaire.")
    risk: int = Field(default=3, ge=1, le=5, description="Risk carried while the capability is "
                      "weak (1 low - 5 severe).")
    technologies: list[CapabilityLink] = Field(default_factory=list,
                                               description="Technologies it holds up.")
    prerequisites: list[Prerequisite] = Field(default_factory=list,
                                              description="Capabilities it needs first.")
    actions: dict[int, Action] = Field(default_factory=dict, description="Recommended action "
                                       "per level step, keyed by the level reached.")


class DependencyModel(Versioned):
    """Capabilities -> core technologies -> programmes, prerequisites and actions."""

    id: Id = Field(default="default", description="Model id.")
    name: str = Field(default="", description="Display name.")
    cost_bands: dict[str, Text] = Field(default_factory=dict, description="Cost band keys and "
                                        "what they mean, e.g. S: 'under £25k'.")
    costs: CostModel | None = Field(default=None, description="Money per cost band "
                                    "(capex, opex) and working days per FTE.")
    programmes: list[Programme] = Field(default_factory=list, description="Programmes.")
    technologies: list[Technology] = Field(default_factory=list, description="Core technologies.")
    capabilities: list[CapabilityDependencies] = Field(default_factory=list,
                                                       description="Per-capability links.")


class DependencyOverrides(Strict):
    """An assessment's changes to the default dependency model."""

    file: str | None = Field(default=None, description="Path (relative to the assessment) of a "
                             "complete dependency model replacing the default.")
    programme_weights: dict[str, Weight] = Field(default_factory=dict,
                                                 description="Programme id -> weight.")
    programmes: list[Programme] = Field(default_factory=list, description="Extra or replaced "
                                        "programmes (matched by id).")
    technologies: list[Technology] = Field(default_factory=list, description="Extra or replaced "
                                           "technologies (matched by id).")
    capabilities: list[CapabilityDependencies] = Field(
        default_factory=list, description="Replaced capability entries (matched by id).")
    costs: CostModel | None = Field(default=None, description="Replaces the model's cost "
                                    "model (currency, band ranges, working days per FTE).")
