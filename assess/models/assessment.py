"""``assessment.yaml``: scope, targets, phases, teams, document control and governance."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from assess.models.base import Aggregation, DottedId, Id, IsoDate, Strict, Text, Versioned
from assess.models.dependencies import DependencyOverrides, StepId
from assess.models.questionnaire import AudienceTag


class DomainTarget(Strict):
    target: float = Field(ge=0, description="Target score for the domain.")
    capabilities: dict[str, float] = Field(default_factory=dict,
                                           description="Capability id -> target override.")


class Phase(Strict):
    name: Text = Field(description="Phase name, e.g. '0-6 months'.")
    months: int = Field(gt=0, description="Length in months.")
    capacity: float | None = Field(default=None, gt=0, description="Effort capacity "
                                   "(person-days); defaults to the assessment's capacity.")


class Team(Strict):
    """An owner's capacity for improvement work: person-days per phase, or FTE."""

    capacity: float | None = Field(default=None, gt=0, description="Person-days in every phase.")
    fte: float | None = Field(default=None, gt=0, description="Full-time people; capacity is "
                              "fte x working days per FTE x the phase's months / 12.")

    @model_validator(mode="after")
    def _one_of(self) -> Team:
        if (self.capacity is None) == (self.fte is None):
            raise ValueError("give either capacity (person-days per phase) or fte")
        return self


class Pacing(Strict):
    """How fast one capability may climb: a level is embedded before the next starts."""

    steps_per_capability_per_phase: int | None = Field(
        default=1, ge=1, description="Most steps of one capability in one phase (null: no "
        "limit).")
    min_months_between_steps: int | None = Field(
        default=None, ge=0, description="Months from the start of one step's phase to the "
        "start of the next step's phase of the same capability.")


PeerKey = Literal["sector", "size", "region"]


class PortfolioLink(Strict):
    """Where the assessment's peers are kept, and which of them it is compared with."""

    db: str | None = Field(default=None, description="Portfolio database URL (sqlite:///PATH "
                           "or postgresql://...); default: ASSESS_DB, else the user's store.")
    peers: dict[PeerKey, Text] = Field(default_factory=dict, description="Peer group, e.g. "
                                       "{sector: local-government, size: large}; empty: "
                                       "every organisation in the portfolio.")
    min_peers: int = Field(default=5, ge=2, description="Smallest peer group whose figures "
                           "are shown; a smaller group shows only its size.")
class DocumentControl(Strict):
    """The report's document control: who prepared it, which version, for whom."""

    prepared_by: str = Field(default="", description="Who prepared the report (firm, "
                             "consultant).")
    version: str = Field(default="", description="Document version as the consultancy writes "
                         "it, quoted (\"1.0\"); default 1.0.")
    date: IsoDate | None = Field(default=None, description="Date of issue (YYYY-MM-DD); "
                                 "default the assessment date.")
    distribution: list[Text] = Field(default_factory=list, description="Who receives it "
                                     "(people, roles or boards).")


class Kpi(Strict):
    """A measure the programme board watches."""

    measure: Text = Field(description="What is measured, in the board's words.")
    capability: Id | None = Field(default=None, description="The capability it measures "
                                  "(its score today is shown beside it).")
    target: str = Field(default="", description="The level or value aimed for, as text.")


class Governance(Strict):
    """Who oversees the plan and how; shown in the report's Governance section."""

    senior_responsible_owner: str = Field(default="", description="The one person who owns "
                                          "the outcome (a name or a role).")
    programme_board: str = Field(default="", description="The board that oversees delivery "
                                 "(name, chair, members).")
    reporting: str = Field(default="", description="Reporting cadence, e.g. monthly to the "
                           "board, quarterly to the leadership team.")
    kpis: list[Kpi] = Field(default_factory=list, description="Measures to watch; default: "
                            "the level-4 descriptor of the weakest question of each "
                            "capability with the most urgent gaps.")


class ExcludedCapability(Strict):
    id: Id = Field(description="Capability id taken out of scope.")
    reason: str = Field(default="", description="Why (shown in the report's scope note).")


def _excluded(value: Any) -> Any:
    # A plain id is the short form of {id: ...}.
    return {"id": value} if isinstance(value, str) else value


class AssessmentRespondent(Strict):
    """Someone who will answer: drives ``assess template --per-respondent``."""

    name: Text = Field(description="Respondent's name (filled in on their workbook).")
    role: str = Field(default="", description="Role or job title.")
    questionnaires: list[Id] = Field(default_factory=list, description="Questionnaire ids "
                                     "they answer (empty: every one in scope).")
    audience: list[AudienceTag] = Field(default_factory=list, description="Audience tags; "
                                        "their workbook holds the questions for these tags "
                                        "(empty: every question).")


class Assessment(Versioned):
    """``assessment.yaml``: who, when, what is in scope, and the targets."""

    organisation: Text = Field(description="Client organisation.")
    date: IsoDate = Field(description="Assessment date (YYYY-MM-DD).")
    framework: DottedId = Field(default="digital-foundations", description="Framework id.")
    questionnaires: list[DottedId] = Field(min_length=1, description="Questionnaire ids in scope.")
    targets: dict[str, float | DomainTarget] = Field(
        default_factory=dict, description="Domain id -> target, or {target, capabilities}.")
    aggregation: Aggregation | None = Field(default=None, description="Overrides the framework's "
                                            "respondent aggregation.")
    disagreement_threshold: float | None = Field(default=None, gt=0,
                                                 description="Overrides the framework's.")
    baseline: str | None = Field(default=None, description="Path to an earlier assessment.")
    dependencies: DependencyOverrides | None = Field(default=None, description="Client-specific "
                                                     "dependency model or overrides.")
    vision: str = Field(default="", description="Vision statement shown in the report.")
    principles: list[Text] = Field(default_factory=list, description="Principles for the report.")
    capacity: float | None = Field(default=None, gt=0, description="Default effort capacity "
                                   "per roadmap phase (person-days).")
    phases: list[Phase] | None = Field(default=None, description="Roadmap phases.")
    teams: dict[Text, Team] = Field(default_factory=dict, description="Owner or team -> "
                                    "capacity; owners not listed share the phase total.")
    must_do: list[StepId] = Field(default_factory=list, description="Step ids scheduled first "
                                  "(after their prerequisites), e.g. power_cooling:2.")
    pacing: Pacing = Field(default_factory=Pacing, description="How many steps of one "
                           "capability a phase may hold.")
    profile: Id | None = Field(default=None, description="Profile (implementation group) "
                               "that scopes the questions: only questions tagged with it, or "
                               "with no profile, are asked and scored.")
    crosswalks: list[DottedId] = Field(default_factory=list, description="Standards the "
                                       "report rolls results up onto, e.g. [nist-csf-2.0].")
    size: Text | None = Field(default=None, description="Size band, e.g. large; groups peers.")
    region: Text | None = Field(default=None, description="Region, e.g. UK; groups peers.")
    portfolio: PortfolioLink | None = Field(default=None, description="Compare with peers in "
                                            "a portfolio: the report gains a peer section.")
    classification: str = Field(default="", max_length=80, description="Handling marking "
                                "(e.g. OFFICIAL-SENSITIVE), printed on every page of every "
                                "deliverable.")
    document: DocumentControl = Field(default_factory=DocumentControl, description="The "
                                      "report's document control, shown on its cover.")
    governance: Governance = Field(default_factory=Governance, description="Who oversees the "
                                   "plan, how it reports and the measures to watch.")
    exclude_capabilities: list[Annotated[ExcludedCapability, BeforeValidator(_excluded)]] = Field(
        default_factory=list, description="Capabilities out of scope, as if absent: an id, or "
        "{id, reason}.")
    sector: Id | None = Field(default=None, description="Sector, e.g. local-government: "
                              "selects the terminology (frameworks/terminology/<sector>.yaml) "
                              "and groups peers in a benchmark.")
    terminology: dict[Text, Text] = Field(default_factory=dict, description="Word overrides: "
                                          "neutral term -> the client's word.")
    respondents: list[AssessmentRespondent] = Field(default_factory=list, description="Who "
                                                    "answers what (per-respondent templates).")
