"""``questionnaires/*.yaml``: one domain's capabilities and questions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from assess.models.base import DottedId, Id, QuestionId, Reference, Strict, Text, Versioned, Weight
from assess.models.framework import AnswerSetName, ScaleEntry

AudienceTag = Literal["leadership", "architecture", "operations", "security", "service_owners"]
"""Who can answer a question; a respondent's tags select their per-respondent workbook."""


class Capability(Strict):
    id: Id = Field(description="Capability id (snake_case, unique across questionnaires).")
    name: Text = Field(description="Display name.")
    description: str = Field(default="", description="What the capability covers.")
    weight: Weight = Field(default=1.0, description="Weight in the domain roll-up (> 0).")
    references: list[Reference] = Field(default_factory=list,
                                        description="Standard identifiers.")


class Question(Strict):
    id: QuestionId = Field(description="Question id, e.g. CY-IAM-01 (unique in the questionnaire).")
    capability: Id = Field(description="Id of the capability the question is scored under.")
    text: Text = Field(description="The question as asked in the workshop.")
    weight: Weight = Field(default=1.0, description="Weight within the capability (> 0).")
    guidance: str = Field(default="", description="Notes for the facilitator.")
    evidence: list[Text] = Field(default_factory=list, description="Evidence to ask for.")
    levels: dict[int, Text] | None = Field(
        default=None, description="Level-anchored question: descriptor for every level.")
    level: int | None = Field(default=None, ge=0, le=10, description="Practice question: the "
                              "maturity level the practice belongs to (cumulative, SAMM, ISO).")
    stream: str | None = Field(default=None, description="SAMM stream (e.g. A or B).")
    attribute: str | None = Field(default=None, description="ISO/IEC 33020 process attribute, "
                                  "e.g. PA2.1.")
    answer_set: AnswerSetName | None = Field(
        default=None, description="Name of one of the framework's answer_sets this question "
        "is answered on (instead of the framework's answer_scale).")
    answer_scale: list[ScaleEntry] | None = Field(
        default=None, description="This question's own answer scale (instead of the "
        "framework's answer_scale).")
    profiles: list[Id] = Field(default_factory=list, description="Profiles (implementation "
                               "groups) the question belongs to; none: every profile.")
    references: list[Reference] = Field(default_factory=list, description="Standard "
                                        "identifiers: text ('NIST CSF 2.0 PR.AA-03') or "
                                        "{standard: nist-csf-2.0, id: PR.AA-03}.")
    replaces: list[QuestionId] = Field(default_factory=list, description="Ids this question "
                                       "replaces in earlier versions (for comparisons).")
    audience: list[AudienceTag] = Field(default_factory=list, description="Who can answer it: "
                                        "leadership, architecture, operations, security, "
                                        "service_owners (docs/content.md).")


class Profile(Strict):
    """An implementation group or profile that scopes questions (CIS IG1, CMMC Level 1)."""

    id: Id = Field(description="Profile id, e.g. ig1; named by `profile:` in assessment.yaml.")
    name: Text = Field(description="Display name, e.g. 'Implementation Group 1'.")
    description: str = Field(default="", description="Who the profile is for.")


class Questionnaire(Versioned):
    """One domain's questionnaire."""

    id: DottedId = Field(description="Questionnaire (domain) id, e.g. cybersecurity.")
    name: Text = Field(description="Display name of the domain.")
    version: str = Field(default="1", description="Content version; recorded in templates.")
    description: str = Field(default="", description="What the domain covers.")
    framework: DottedId = Field(default="digital-foundations", description="Default framework "
                                "id.")
    weight: Weight = Field(default=1.0, description="Weight of the domain in the overall score.")
    profiles: list[Profile] = Field(default_factory=list, description="Profiles (implementation "
                                    "groups) its questions may be tagged with.")
    lint_disable: list[Text] = Field(default_factory=list, description="Names of `assess lint` "
                                     "rules switched off for this questionnaire.")
    capabilities: list[Capability] = Field(min_length=1, description="Capabilities of the domain.")
    questions: list[Question] = Field(min_length=1, description="Questions, in asking order.")


LATER_OPTIONAL = ("answer_set", "answer_scale", "profiles", "lint_disable", "audience")
"""Optional questionnaire and question keys added after schema version 1 was first
released: a content checksum leaves them out while they are unused, so existing
questionnaires keep their checksums (assess.workshop.definition.checksum)."""
