"""Questionnaire versions: which baseline question each current question is compared with.

Matching runs questionnaire by questionnaire (a question never moves between domains):

1. a current question whose id also exists in the baseline's questionnaire is the same
   question (``same``);
2. otherwise the first id in its ``replaces`` list that the baseline has, and that no
   other current question has already claimed, is its earlier version (``renamed``);
3. current questions left over are ``added``; baseline questions left over are
   ``removed``.

A questionnaire in only one assessment's scope is not a change of version: its questions
are ``out of scope`` (in the baseline only: the current assessment did not ask that
questionnaire) or ``new in scope`` (in the current assessment only), never "removed" or
"added".

Matching is one to one. A question split into two inherits its history in the first of
the two (questionnaire order); the other counts as added. Two questions merged into one
match the first replaced id the baseline has; the other counts as removed. Everything
that is not matched is listed, so nothing different is ever compared silently.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Literal

from assess.models import Questionnaire

How = Literal["same", "renamed", "added", "removed", "out of scope", "new in scope"]


@dataclass(frozen=True)
class QuestionPair:
    """One question of either version and its counterpart on the other side, if any."""

    questionnaire: str
    baseline: str | None
    """Question id in the baseline (None when the question was added since)."""
    current: str | None
    """Question id now (None when the question was removed)."""
    baseline_capability: str | None
    current_capability: str | None
    how: How

    @property
    def matched(self) -> bool:
        return self.baseline is not None and self.current is not None


@dataclass(frozen=True)
class QuestionnaireVersions:
    """The version of one questionnaire on each side (None: not in that assessment's scope)."""

    id: str
    name: str
    baseline: str | None
    current: str | None


@dataclass(frozen=True)
class VersionChanges:
    """Every question of both versions, paired, in current questionnaire order."""

    pairs: tuple[QuestionPair, ...]
    questionnaires: tuple[QuestionnaireVersions, ...]

    def having(self, how: How) -> tuple[QuestionPair, ...]:
        return tuple(p for p in self.pairs if p.how == how)

    @property
    def unchanged(self) -> bool:
        """True when both sides asked exactly the same questions under the same ids."""
        return all(p.how == "same" for p in self.pairs)

    def only_in(self, side: Literal["baseline", "current"]) -> tuple[QuestionnaireVersions, ...]:
        """Questionnaires in one side's scope only."""
        return tuple(q for q in self.questionnaires
                     if (q.current is None if side == "baseline" else q.baseline is None))


def match_questions(baseline: Sequence[Questionnaire],
                    current: Sequence[Questionnaire]) -> VersionChanges:
    """Pair the questions of two sets of questionnaires (see the module docstring)."""
    before = {q.id: q for q in baseline}
    now = {q.id: q for q in current}
    order = [q.id for q in current] + [q.id for q in baseline if q.id not in now]
    pairs: list[QuestionPair] = []
    versions = []
    for ident in order:
        old, new = before.get(ident), now.get(ident)
        pairs += _match_one(ident, old, new)
        shown = new or old
        assert shown is not None
        versions.append(QuestionnaireVersions(ident, shown.name, old.version if old else None,
                                              new.version if new else None))
    return VersionChanges(tuple(pairs), tuple(versions))


def _match_one(ident: str, old: Questionnaire | None,
               new: Questionnaire | None) -> list[QuestionPair]:
    """The pairs of one questionnaire (either side may be missing: out of its scope)."""
    if new is None or old is None:  # in one side's scope only: no version change
        if new is not None:
            return [QuestionPair(ident, None, x.id, None, x.capability, "new in scope")
                    for x in new.questions]
        assert old is not None
        return [QuestionPair(ident, x.id, None, x.capability, None, "out of scope")
                for x in old.questions]
    old_caps = {x.id: x.capability for x in old.questions}
    claimed: set[str] = set()
    pairs: list[QuestionPair] = []
    current = list(new.questions)
    # Same ids first, so a later question's `replaces` cannot steal a question that
    # still exists under its own id.
    same = {x.id for x in current if x.id in old_caps}
    claimed |= same
    for x in current:
        if x.id in same:
            pairs.append(QuestionPair(ident, x.id, x.id, old_caps[x.id], x.capability, "same"))
            continue
        earlier = next((r for r in x.replaces if r in old_caps and r not in claimed), None)
        if earlier is None:
            pairs.append(QuestionPair(ident, None, x.id, None, x.capability, "added"))
        else:
            claimed.add(earlier)
            pairs.append(QuestionPair(ident, earlier, x.id, old_caps[earlier], x.capability,
                                      "renamed"))
    pairs += [QuestionPair(ident, qid, None, cap, None, "removed")
              for qid, cap in old_caps.items() if qid not in claimed]
    return pairs


def carried_over(earlier: Collection[str], current: Questionnaire) -> bool:
    """Whether ``current`` asks exactly the questions of an earlier version that held the
    question ids ``earlier``: each current question has the same id or replaces one of
    them (the rules of :func:`match_questions`, one to one), and none is left over. Scores
    of the two versions then measure the same things (the portfolio's benchmark)."""
    ids = {x.id for x in current.questions}
    claimed: set[str] = set()
    for x in current.questions:
        if x.id in earlier:
            claimed.add(x.id)
            continue
        # Same ids are claimed by their own question, never through `replaces`.
        earlier_id = next((r for r in x.replaces
                           if r in earlier and r not in claimed and r not in ids), None)
        if earlier_id is None:
            return False
        claimed.add(earlier_id)
    return claimed == set(earlier)
