"""Which respondents' words a client may see, and under what label: the one home of that
rule. Every client deliverable (the report in each format and its annex) shows a
respondent through :meth:`Attribution.label` and their free text through
:meth:`Attribution.scrub`.

- ``named``: the name as recorded ("Tom Okafor"; the role is shown beside it);
- ``roles`` (the default): the role only ("Infrastructure Manager"); two people with
  the same role are numbered ("Infrastructure Manager (1)", "(2)"), someone without a
  role is "Respondent A";
- ``anonymous``: "Respondent A", "Respondent B" ... in the order the respondents are
  listed, with no role.

Outside ``named``, a respondent's name written inside a note or an evidence item (full
name, or a first name or surname that belongs to one respondent only) is replaced by
that person's label in square brackets, as an editor marks a change in a quotation:
"Deployments run from [Cloud Platform Lead]'s laptop".
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

Mode = Literal["named", "roles", "anonymous"]
MODES: tuple[Mode, ...] = ("named", "roles", "anonymous")
DEFAULT_MODE: Mode = "roles"
CONSENSUS = "Consensus"
"""The respondent key of an agreed workshop answer set (assess.scoring.respondent_key)."""
CONSENSUS_LABEL = "Workshop consensus"


def _letters(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = string.ascii_uppercase[rest] + out
    return out


@dataclass(frozen=True)
class Attribution:
    """Labels for the respondents of one assessment under one mode."""

    mode: Mode
    labels: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    _pattern: re.Pattern[str] | None = None
    _replacements: dict[str, str] = field(default_factory=dict)

    def label(self, name: str) -> str:
        """How a respondent is named in a client deliverable."""
        if name == CONSENSUS:
            return CONSENSUS_LABEL
        if self.mode == "named":
            return name
        return self.labels.get(name) or "Respondent"

    def role(self, name: str) -> str:
        """The role shown beside the label: only when names are shown (otherwise the label
        is the role, or hides it)."""
        return self.roles.get(name, "") if self.mode == "named" else ""

    def scrub(self, text: str) -> str:
        """``text`` with every respondent's name replaced by their label (not in ``named``)."""
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(lambda m: f"[{self._replacements[m.group(0)]}]", text)


def attribution(respondents: Sequence[tuple[str, str]], mode: Mode = DEFAULT_MODE
                ) -> Attribution:
    """The attribution of ``respondents`` ((name, role) pairs, in listing order)."""
    if mode not in MODES:
        raise ValueError(f"unknown respondents mode {mode!r} (known: {', '.join(MODES)})")
    people = [(n, r.strip()) for n, r in dict(respondents).items() if n != CONSENSUS]
    roles = dict(people)
    if mode == "named":
        return Attribution(mode, {n: n for n, _ in people}, roles)
    labels: dict[str, str] = {}
    if mode == "anonymous":
        labels = {n: f"Respondent {_letters(i)}" for i, (n, _) in enumerate(people)}
    else:
        count: dict[str, int] = {}
        for _, role in people:
            if role:
                count[role.casefold()] = count.get(role.casefold(), 0) + 1
        seen: dict[str, int] = {}
        unlabelled = 0
        for n, role in people:
            if not role:
                labels[n] = f"Respondent {_letters(unlabelled)}"
                unlabelled += 1
            elif count[role.casefold()] > 1:
                seen[role.casefold()] = seen.get(role.casefold(), 0) + 1
                labels[n] = f"{role} ({seen[role.casefold()]})"
            else:
                labels[n] = role
    replacements = _name_forms(people, labels)
    pattern = None
    if replacements:
        words = sorted(replacements, key=lambda w: (-len(w), w))
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")
    return Attribution(mode, labels, roles, pattern, replacements)


def _name_forms(people: Sequence[tuple[str, str]], labels: dict[str, str]) -> dict[str, str]:
    """Every written form of a name that points at one respondent -> that label: the full
    name, and each part of it (first name, surname) unless another respondent shares it.
    Initials and one-letter parts are left alone."""
    forms: dict[str, str] = {}
    owners: dict[str, set[str]] = {}
    for name, _ in people:
        forms[name] = labels[name]
        for part in re.findall(r"\w[\w'’-]*", name):
            if len(part) > 1:
                owners.setdefault(part, set()).add(name)
    for part, who in owners.items():
        if len(who) == 1 and part not in forms:
            forms[part] = labels[next(iter(who))]
    return forms
