"""``frameworks/*.yaml``: a maturity framework (levels, answer scales, scoring method)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, StringConstraints

from assess.models.base import Aggregation, DottedId, Id, Reference, Strict, Text, Versioned

if TYPE_CHECKING:
    from assess.models.questionnaire import Question


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
