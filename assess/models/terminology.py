"""``frameworks/terminology/<sector>.yaml``: a sector's words for the neutral terms."""

from __future__ import annotations

from pydantic import Field

from assess.models.base import Id, Text, Versioned


class Terminology(Versioned):
    """``frameworks/terminology/<sector>.yaml``: a sector's words for the neutral terms."""

    sector: Id = Field(description="Sector id, as assessment.yaml's `sector` names it.")
    name: Text = Field(description="Display name, e.g. 'Health'.")
    terms: dict[Text, Text] = Field(default_factory=dict, description="Neutral term (as the "
                                    "shipped content writes it) -> the sector's word.")
