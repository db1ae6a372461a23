"""Mapping sets and standards' catalogues (crosswalks)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from assess.models.base import DottedId, Strict, Text, Versioned

RequirementId = Annotated[str, StringConstraints(min_length=1, max_length=120)]
Relationship = Literal["equal", "subset", "superset", "intersect"]


class RequirementMapping(Strict):
    source: RequirementId = Field(description="Requirement of the source framework: a question "
                                  "id, or a standard's id such as GV.OC-01.")
    target: RequirementId = Field(description="Requirement of the target, as the target "
                                  "writes it, e.g. PR.AA-03, 6.3, A1.a.")
    relationship: Relationship = Field(description="How the source relates to the target: "
                                       "equal, subset (source within target), superset or "
                                       "intersect (they overlap).")
    strength: float | None = Field(default=None, ge=0, le=1, description="How strongly "
                                   "(0-1]; optional.")
    rationale: str = Field(default="", description="Why they map; optional.")


class MappingSet(Versioned):
    """A mapping set: requirements of one framework onto those of another."""

    id: DottedId = Field(description="Mapping set id (= file name).")
    name: Text = Field(description="Display name.")
    description: str = Field(default="", description="Where the mapping comes from.")
    source: DottedId = Field(description="Source: a questionnaire id (requirements are its "
                             "question ids) or a standard id, e.g. nist-csf-2.0.")
    target: DottedId = Field(description="Target standard id, e.g. nist-csf-2.0, cis-v8, "
                             "ncsc-caf, iso27001-2022.")
    mappings: list[RequirementMapping] = Field(description="Source requirement -> target "
                                               "requirement pairs.")


class TargetScale(Strict):
    """A standard's own scale (CSF tiers), onto which crosswalk scores are carried."""

    name: Text = Field(description="What a step of the scale is called, e.g. Tier.")
    levels: dict[int, Text] = Field(min_length=2, description="Number -> name, lowest first, "
                                    "e.g. {1: Partial, 4: Adaptive}.")


class StandardItem(Strict):
    id: RequirementId = Field(description="Id as the standard writes it, e.g. GV.OC.")
    name: str = Field(default="", description="Short title, e.g. Organizational Context.")
    kind: Text = Field(description="What the item is, e.g. function, category, subcategory.")
    parent: RequirementId | None = Field(default=None, description="Id of the enclosing item.")
    groups: list[Text] = Field(default_factory=list, description="Implementation groups the "
                               "item belongs to, e.g. [IG1, IG2, IG3].")


class Standard(Versioned):
    """A standard's catalogue of items (ids, short names, hierarchy) for crosswalks."""

    id: DottedId = Field(description="Standard id, e.g. nist-csf-2.0 (= file name).")
    name: Text = Field(description="Display name.")
    source: Text = Field(description="Where the ids come from (publication, version).")
    scale: TargetScale | None = Field(default=None, description="The standard's own scale, "
                                      "when it has one (CSF tiers 1-4).")
    items: list[StandardItem] = Field(min_length=1, description="Items, parents before "
                                      "children.")
