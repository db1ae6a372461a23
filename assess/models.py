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


class Framework(Versioned):
    """A maturity framework: levels, answer scale and scoring method."""

    id: Id = Field(description="Framework id, referenced by questionnaires and assessments.")
    name: Text = Field(description="Display name.")
    description: str = Field(default="", description="What the framework is and where it "
                             "comes from.")
    levels: list[Level] = Field(min_length=2, description="Maturity levels, lowest first.")
    answer_scale: list[ScaleEntry] | None = Field(
        default=None, description="Answer labels; omitted when respondents answer with a level "
        "number (level-anchored questions).")
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
    references: list[Text] = Field(default_factory=list, description="Published models drawn on.")


# --- questionnaire ----------------------------------------------------------------------

AudienceTag = Literal["leadership", "architecture", "operations", "security", "service_owners"]
"""Who can answer a question; a respondent's tags select their per-respondent workbook."""


class Capability(Strict):
    id: Id = Field(description="Capability id (snake_case, unique across questionnaires).")
    name: Text = Field(description="Display name.")
    description: str = Field(default="", description="What the capability covers.")
    weight: Weight = Field(default=1.0, description="Weight in the domain roll-up (> 0).")
    references: list[Text] = Field(default_factory=list, description="Standard identifiers.")


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
    references: list[Text] = Field(default_factory=list, description="Standard identifiers, "
                                   "e.g. 'NIST CSF 2.0 PR.AA-03'.")
    replaces: list[QuestionId] = Field(default_factory=list, description="Ids this question "
                                       "replaces in earlier versions (for comparisons).")
    audience: list[AudienceTag] = Field(default_factory=list, description="Who can answer it: "
                                        "leadership, architecture, operations, security, "
                                        "service_owners (docs/content.md).")


class Questionnaire(Versioned):
    """One domain's questionnaire."""

    id: Id = Field(description="Questionnaire (domain) id, e.g. cybersecurity.")
    name: Text = Field(description="Display name of the domain.")
    version: str = Field(default="1", description="Content version; recorded in templates.")
    description: str = Field(default="", description="What the domain covers.")
    framework: Id = Field(default="digital-foundations", description="Default framework id.")
    weight: Weight = Field(default=1.0, description="Weight of the domain in the overall score.")
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
    framework: Id = Field(default="digital-foundations", description="Framework id.")
    questionnaires: list[Id] = Field(min_length=1, description="Questionnaire ids in scope.")
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
    exclude_capabilities: list[Annotated[ExcludedCapability, BeforeValidator(_excluded)]] = Field(
        default_factory=list, description="Capabilities out of scope, as if absent: an id, or "
        "{id, reason}.")
    sector: Id | None = Field(default=None, description="Sector: selects the terminology "
                              "(frameworks/terminology/<sector>.yaml).")
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

    questionnaire: Id = Field(description="Questionnaire id answered.")
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
    "questionnaire-overlay": QuestionnaireOverlay,
    "dependencies-overlay": DependenciesOverlay,
    "terminology": Terminology,
}
