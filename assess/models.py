"""Definition and response file models (pydantic v2, strict).

Shape only: unknown keys are errors, values are never silently cast, every field is
described (the descriptions flow into ``assess schema``). Meaning checks (references
resolve, ids unique, graph acyclic) live in :mod:`assess.load.checks`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

SCHEMA_VERSION = 1

ID_PATTERN = r"^[a-z][a-z0-9_-]*$"
"""Ids of questionnaires, frameworks, capabilities: lower-case letters, digits, _ and -."""
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
DOTTED_ID_PATTERN = r"^[a-z][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$"
"""Ids of frameworks, questionnaires and mapping sets may also hold dots between parts
(``nist-csf-2.0``), as published standards name themselves."""
DottedId = Annotated[str, StringConstraints(pattern=DOTTED_ID_PATTERN, max_length=80)]
QuestionId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Weight = Annotated[float, Field(gt=0, le=1000)]
Confidence = Literal["low", "medium", "high"]
Aggregation = Literal["median", "mean", "min", "consensus"]
NA = Literal["n/a"]


def _iso_date(value: Any) -> Any:
    # People quote dates ("2026-10-14"); accept ISO text, still refuse anything else.
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class Strict(BaseModel):
    """Base of every file model: unknown keys are errors, no silent casts."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _lenient_drop_unknown(cls, data: Any, info: ValidationInfo) -> Any:
        # Lenient mode (see loader.validate_lenient) salvages a model from a file with shape
        # errors so that meaning checks can still report dangling references in one run.
        if info.context and info.context.get("lenient") and isinstance(data, dict):
            return {k: v for k, v in data.items() if k in cls.model_fields}
        return data


class Versioned(Strict):
    schema_version: Literal[1] = Field(description="File format version; this release reads 1.")


class StructuredReference(Strict):
    """A reference to a standard's own identifier, e.g. {standard: nist-csf-2.0, id: PR.AA-03}."""

    standard: DottedId = Field(description="Standard id as the mapping sets name it, e.g. "
                               "nist-csf-2.0, cis-v8, ncsc-caf.")
    id: Annotated[str, StringConstraints(min_length=1, max_length=80)] = Field(
        description="The requirement's id as the standard writes it, e.g. PR.AA-03.")
    name: str = Field(default="", description="Optional words shown with the id.")


Reference = Text | StructuredReference
"""A reference: free text ('NIST CSF 2.0 PR.AA-03') or {standard, id}."""


def reference_text(ref: Reference) -> str:
    """A reference as one line of text, for people."""
    if isinstance(ref, str):
        return ref
    return f"{ref.standard} {ref.id}" + (f" ({ref.name})" if ref.name else "")


# --- maturity framework ---------------------------------------------------------------


class Level(Strict):
    level: int = Field(ge=0, le=10, description="Level number.")
    name: Text = Field(description="Short level name, e.g. 'Defined'.")
    description: Text = Field(description="What this level means across every domain.")


class ScaleEntry(Strict):
    label: Annotated[str, StringConstraints(min_length=1, max_length=40)] = Field(
        description="What respondents write, e.g. 'FI'.")
    name: Text = Field(description="Full name, e.g. 'Fully implemented'.")
    value: float = Field(description="Numeric value the label stands for in scoring.")
    achieves: bool = Field(default=False, description="Whether the answer counts as achieved "
                           "(used by the cumulative method).")
    description: str = Field(default="", description="Guidance on when to pick this answer.")


class Method(Strict):
    name: Id = Field(description="Registered scoring method: weighted_mean, cumulative, "
                     "rated_attributes or sum_of_level_means.")
    params: dict[str, Any] = Field(default_factory=dict, description="Method parameters, "
                                   "checked by the method (docs/scoring.md): cumulative "
                                   "{achieving: [labels]}, rated_attributes {attributes: "
                                   "{PA1.1: 1, ...}, bands: {N: 15, P: 50, L: 85, F: 100}}, "
                                   "sum_of_level_means {streams: [A, B]}.")


class GlossaryEntry(Strict):
    term: Text = Field(description="The term as it appears in questions, e.g. 'N+1'.")
    meaning: Text = Field(description="What it means, in a sentence or two.")
    also: list[Text] = Field(default_factory=list, description="Other spellings that count as "
                             "the term being used, e.g. 'MAB' for 'MAC bypass'.")


AnswerSetName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                                                max_length=80)]


class Framework(Versioned):
    """A maturity framework: levels, answer scale and scoring method."""

    id: DottedId = Field(description="Framework id, referenced by questionnaires and assessments.")
    name: Text = Field(description="Display name.")
    description: str = Field(default="", description="What the framework is and where it "
                             "comes from.")
    levels: list[Level] = Field(min_length=2, description="Maturity levels, lowest first.")
    answer_scale: list[ScaleEntry] | None = Field(
        default=None, description="Answer labels; omitted when respondents answer with a level "
        "number (level-anchored questions).")
    answer_sets: dict[AnswerSetName, list[ScaleEntry]] = Field(
        default_factory=dict, description="Named answer scales a question can pick with "
        "'answer_set' instead of the framework's 'answer_scale' (e.g. SAMM's answer sets).")
    method: Method = Field(default_factory=lambda: Method(name="weighted_mean"),
                           description="Scoring method and its parameters.")
    aggregation: Aggregation = Field(default="median", description="How several respondents' "
                                     "answers to one question are combined.")
    disagreement_threshold: float = Field(default=2, gt=0, description="Spread (max - min) at "
                                          "or above which a question is flagged for discussion.")
    unanswered: Literal["exclude", "zero"] = Field(
        default="exclude", description="Unanswered questions leave the denominator (exclude) or "
        "count as 0 / not achieved (zero).")
    default_target: float = Field(default=3, ge=0, description="Target used for a domain the "
                                  "assessment gives no target for.")
    references: list[Reference] = Field(default_factory=list,
                                        description="Published models drawn on.")
    answering: str = Field(default="", description="How to answer, printed on every blank "
                           "form: e.g. what to pick when a level is only half met, and when "
                           "n/a is right rather than the lowest level.")
    glossary: list[GlossaryEntry] = Field(default_factory=list, description="Terms a workshop "
                                          "trips over; each form lists those its "
                                          "questionnaire uses.")
    report_title: str = Field(default="", max_length=200, description="Title of the report "
                              "for assessments on this framework (default: the "
                              "infrastructure and digital foundations title).")
    report_subject: str = Field(default="", max_length=120, description="What the "
                                "assessment measures, as the report's prose names it: the "
                                "section heading, the executive summary ('<organisation>'s "
                                "<subject> score ...') and the cover line (default: "
                                "'infrastructure and digital foundations'; e.g. 'software "
                                "assurance').")
    lint_disable: list[Text] = Field(default_factory=list, description="Names of "
                                     "`assess lint` rules switched off for questionnaires on "
                                     "this framework (e.g. imported content: question-id).")

    def scale_of(self, question: Question) -> list[ScaleEntry] | None:
        """The answer scale ``question`` is answered on: its own, its named answer set, else
        the framework's (None: level-anchored). An unknown set name falls back to the
        framework's scale (the checks report it)."""
        if question.answer_scale is not None:
            return question.answer_scale
        if question.answer_set is not None and question.answer_set in self.answer_sets:
            return self.answer_sets[question.answer_set]
        return self.answer_scale

    def for_question(self, question: Question) -> Framework:
        """This framework as ``question`` sees it: its answer scale put in place, so every
        rule that reads ``answer_scale`` reads the question's (one home per rule)."""
        scale = self.scale_of(question)
        if scale is self.answer_scale:
            return self
        return self.model_copy(update={"answer_scale": scale})


# --- questionnaire ----------------------------------------------------------------------

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


# --- dependency model -------------------------------------------------------------------


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


# --- assessment -------------------------------------------------------------------------


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


# --- response ---------------------------------------------------------------------------


class Respondent(Strict):
    name: Text = Field(description="Respondent's name.")
    role: str = Field(default="", description="Role or job title.")


def normalise_na(value: Any) -> Any:
    """``n/a`` for any spelling of it a person types (``N/A``, `` n/A ``); else ``value``.

    Shared by response files and the workshop forms, so both accept the same answers.
    """
    if isinstance(value, str) and value.strip().lower() == "n/a":
        return "n/a"
    return value


def _answer_value(value: Any) -> Any:
    value = normalise_na(value)
    # A union of number and text would explain a null or a boolean twice ("expected a number,
    # got nothing; or expected text, got nothing"); say once what an answer can be.
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float, str)):
        got = ("nothing (null)" if value is None else str(value).lower()
               if isinstance(value, bool) else "a mapping" if isinstance(value, dict)
               else "a list" if isinstance(value, list) else repr(value))
        raise PydanticCustomError("answer_value", "expected a level number, a label of the "
                                  "answer scale or n/a, got {got}", {"got": got})
    return value


AnswerValue = Annotated[float | str, BeforeValidator(_answer_value)]


MAX_NOTES = 20_000
"""Characters in one answer's notes."""


class Answer(Strict):
    value: AnswerValue = Field(description="Level number or name, a label of the answer scale "
                               "or its name, or n/a.")
    confidence: Confidence | None = Field(default=None, description="low, medium or high.")
    notes: str = Field(default="", max_length=MAX_NOTES, description="Respondent's notes.")
    evidence: list[Annotated[str, StringConstraints(max_length=2_000)]] = Field(
        default_factory=list, description="Evidence offered.")


class Response(Versioned):
    """One respondent's (or the consensus) answers to one questionnaire."""

    questionnaire: DottedId = Field(description="Questionnaire id answered.")
    respondent: Respondent | None = Field(default=None, description="Who answered.")
    consensus: bool = Field(default=False, description="True for an agreed workshop answer set.")
    date: IsoDate | None = Field(default=None, description="When answered.")
    answers: dict[QuestionId, Answer] = Field(
        description="Question id -> answer (`answers: {}` when none is given yet).")


# --- agreed plan ------------------------------------------------------------------------

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


# --- mapping sets and standards (crosswalks) --------------------------------------------

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


LATER_OPTIONAL = ("answer_set", "answer_scale", "profiles", "lint_disable", "audience")
"""Optional questionnaire and question keys added after schema version 1 was first
released: a content checksum leaves them out while they are unused, so existing
questionnaires keep their checksums (assess.workshop.definition.checksum)."""
# --- overlays (tailoring without copies, docs/content.md) -------------------------------

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


class Terminology(Versioned):
    """``frameworks/terminology/<sector>.yaml``: a sector's words for the neutral terms."""

    sector: Id = Field(description="Sector id, as assessment.yaml's `sector` names it.")
    name: Text = Field(description="Display name, e.g. 'Health'.")
    terms: dict[Text, Text] = Field(default_factory=dict, description="Neutral term (as the "
                                    "shipped content writes it) -> the sector's word.")


FILE_KINDS: dict[str, type[Versioned]] = {
    "framework": Framework,
    "questionnaire": Questionnaire,
    "dependencies": DependencyModel,
    "assessment": Assessment,
    "response": Response,
    "plan": Plan,
    "mapping": MappingSet,
    "standard": Standard,
    "questionnaire-overlay": QuestionnaireOverlay,
    "dependencies-overlay": DependenciesOverlay,
    "terminology": Terminology,
}
