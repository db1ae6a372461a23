"""``overlays/*.yaml``: tailoring a questionnaire or the dependency model without copies."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from assess.models.base import Id, QuestionId, Strict, Versioned
from assess.models.dependencies import CapabilityDependencies, Programme, Technology
from assess.models.questionnaire import Capability, Question

Changes = dict[str, dict[str, Any]]
"""Id -> only the fields changed (``levels`` and ``actions`` merge key by key)."""


class QuestionnaireAdditions(Strict):
    capabilities: list[Capability] = Field(default_factory=list, description="New "
                                           "capabilities (ids unique across questionnaires).")
    questions: list[Question] = Field(default_factory=list, description="New questions; each "
                                      "goes after the last question of its capability.")


class QuestionnaireRemovals(Strict):
    capabilities: list[Id] = Field(default_factory=list, description="Capability ids removed "
                                   "with their questions.")
    questions: list[QuestionId] = Field(default_factory=list, description="Question ids "
                                        "removed.")


class QuestionnaireChanges(Strict):
    questionnaire: dict[str, Any] = Field(default_factory=dict, description="Fields of the "
                                          "questionnaire itself changed, e.g. {description: "
                                          "...} or {weight: 2}.")
    capabilities: Changes = Field(default_factory=dict, description="Capability id -> fields "
                                  "changed, e.g. {weight: 2}.")
    questions: Changes = Field(default_factory=dict, description="Question id -> fields "
                               "changed, e.g. {weight: 2, levels: {3: ...}}.")


class QuestionnaireOverlay(Versioned):
    """``overlays/*.yaml``: what one assessment changes in one questionnaire."""

    kind: Literal["questionnaire-overlay"] = Field(description="questionnaire-overlay.")
    applies_to: Id = Field(description="Questionnaire id changed.")
    written_against: str | None = Field(default=None, description="Questionnaire version the "
                                        "overlay was written against (named in errors).")
    add: QuestionnaireAdditions = Field(default_factory=QuestionnaireAdditions,
                                        description="Capabilities and questions added.")
    remove: QuestionnaireRemovals = Field(default_factory=QuestionnaireRemovals,
                                          description="Capabilities and questions removed.")
    change: QuestionnaireChanges = Field(default_factory=QuestionnaireChanges,
                                         description="Fields changed, by id.")


class DependencyAdditions(Strict):
    programmes: list[Programme] = Field(default_factory=list, description="New programmes.")
    technologies: list[Technology] = Field(default_factory=list, description="New "
                                           "technologies.")
    capabilities: list[CapabilityDependencies] = Field(
        default_factory=list, description="Entries for capabilities the model has none for.")


class DependencyRemovals(Strict):
    programmes: list[Id] = Field(default_factory=list, description="Programme ids removed "
                                 "(and the links to them).")
    technologies: list[Id] = Field(default_factory=list, description="Technology ids removed "
                                   "(and the links to them).")
    capabilities: list[Id] = Field(default_factory=list, description="Capability entries "
                                   "removed.")


class DependencyChanges(Strict):
    programmes: Changes = Field(default_factory=dict, description="Programme id -> fields "
                                "changed, e.g. {weight: 6}.")
    technologies: Changes = Field(default_factory=dict, description="Technology id -> fields "
                                  "changed.")
    capabilities: Changes = Field(default_factory=dict, description="Capability id -> fields "
                                  "changed, e.g. {actions: {3: {effort: 40}}}.")


class DependenciesOverlay(Versioned):
    """``overlays/*.yaml``: what one assessment changes in the dependency model."""

    kind: Literal["dependencies-overlay"] = Field(description="dependencies-overlay.")
    applies_to: Id = Field(default="default", description="Dependency model id changed.")
    written_against: str | None = Field(default=None, description="Content release the "
                                        "overlay was written against (named in errors).")
    add: DependencyAdditions = Field(default_factory=DependencyAdditions,
                                     description="Programmes, technologies, entries added.")
    remove: DependencyRemovals = Field(default_factory=DependencyRemovals,
                                       description="Programmes, technologies, entries removed.")
    change: DependencyChanges = Field(default_factory=DependencyChanges,
                                      description="Fields changed, by id.")
