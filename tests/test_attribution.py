"""How respondents are shown in client deliverables: one rule (assess.render.attribution)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assess.render.attribution import attribution

from .report_support import fixture_context

PEOPLE = [("Tom Okafor", "Infrastructure Manager"), ("Grace Lin", "Cloud Platform Lead"),
          ("Helen Marsh", "Infrastructure Manager"), ("Sam Rees", ""),
          ("Consensus", "")]


def test_roles_label_by_role_numbering_shared_roles() -> None:
    who = attribution(PEOPLE, "roles")
    assert who.label("Tom Okafor") == "Infrastructure Manager (1)"
    assert who.label("Helen Marsh") == "Infrastructure Manager (2)"
    assert who.label("Grace Lin") == "Cloud Platform Lead"
    assert who.label("Sam Rees") == "Respondent A"
    assert who.label("Consensus") == "Workshop consensus"
    assert who.role("Grace Lin") == ""


def test_anonymous_letters_in_listing_order_without_roles() -> None:
    who = attribution(PEOPLE, "anonymous")
    assert [who.label(n) for n, _ in PEOPLE[:4]] == [
        "Respondent A", "Respondent B", "Respondent C", "Respondent D"]
    assert who.role("Grace Lin") == ""


def test_named_keeps_names_and_text() -> None:
    who = attribution(PEOPLE, "named")
    assert who.label("Grace Lin") == "Grace Lin"
    assert who.role("Grace Lin") == "Cloud Platform Lead"
    assert who.scrub("Ask Grace") == "Ask Grace"


def test_scrub_replaces_names_in_text() -> None:
    who = attribution(PEOPLE, "roles")
    assert who.scrub("Deployments run from Grace's laptop; Tom Okafor knows.") == \
        "Deployments run from [Cloud Platform Lead]'s laptop; [Infrastructure Manager (1)] knows."
    # Part of a longer word is left alone.
    assert who.scrub("Linux and Tomcat") == "Linux and Tomcat"


def test_a_name_part_two_people_share_is_not_guessed() -> None:
    who = attribution([("Sam Rees", "A"), ("Sam Okoro", "B")], "roles")
    assert who.scrub("Sam said so; Rees agreed") == "Sam said so; [A] agreed"


def test_unknown_mode_refused() -> None:
    with pytest.raises(ValueError):
        attribution(PEOPLE, "everyone")  # type: ignore[arg-type]


@given(st.lists(st.tuples(st.from_regex(r"[A-Z][a-z]{1,6} [A-Z][a-z]{1,8}", fullmatch=True),
                          st.sampled_from(["", "Lead", "Manager"])),
                min_size=1, max_size=6, unique_by=lambda p: p[0]))
def test_no_name_survives_scrubbing_outside_named(people: list[tuple[str, str]]) -> None:
    for mode in ("roles", "anonymous"):
        who = attribution(people, mode)  # type: ignore[arg-type]
        for name, _ in people:
            assert name not in who.scrub(f"as {name} said.")
            assert name not in who.label(name)


def test_context_shows_no_name_by_default() -> None:
    ctx = fixture_context()
    names = [r["name"] for r in fixture_context(respondents="named")["respondents"]]
    assert names
    text = repr({k: v for k, v in ctx.items() if k != "meta"})
    for name in names:
        assert name not in text
