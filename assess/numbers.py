"""One home for the level rule and for how numbers are shown (docs/scoring.md, "Numbers").

- **Level from score**: rounded down, guarded against float error with a *relative*
  tolerance (:data:`LEVEL_GUARD`): 2.9999999999 is level 3, 2.999999 is level 2.
- **Machine outputs** (JSON, CSV) carry the numbers unrounded; nothing here is for them.
- **Human outputs** (tables, Markdown, the report, charts, graph labels) show:

  - a score with 2 decimals, never on a level boundary it has not reached
    (1.9954 shows "1.99" next to level 1, never "2.00");
  - a target with at most 2 decimals, trailing zeros dropped ("3", "3.5", "3.25");
  - a gap, spread or other plain figure with 2 decimals; a gap beside a shown score and
    target is worked out from the figures shown (:func:`show_gap`), as a delta is
    (:func:`shown_delta`), so the reader's subtraction always checks;
  - a share (coverage, readiness) as a whole percentage that reads 0% or 100% only
    when it is exactly that (99.6% shows "99%", 0.2% shows "1%").
"""

from __future__ import annotations

import math

LEVEL_GUARD = 1e-9
"""Relative float guard of the level rule: a score within this share of the next whole
level (at least this much absolutely) has reached it."""

DIGITS = 2
"""Decimals shown for scores, gaps, spreads and deltas."""

NONE = "–"
"""What a missing number shows as."""


def level_of(score: float) -> int:
    """Level reached by ``score``: rounded down, guarded against float error
    (2.9999999999 -> 3, 2.999999 -> 2)."""
    return math.floor(score + LEVEL_GUARD * max(1.0, abs(score)))


def reached(score: float, mark: float) -> bool:
    """Whether ``score`` has reached ``mark`` (a level or a target), under the same float
    guard as :func:`level_of`."""
    return score + LEVEL_GUARD * max(1.0, abs(score)) >= mark


def gap_of(target: float, score: float) -> float:
    """max(0, target - score); exactly 0 when the score has :func:`reached` the target, so
    float noise (2.9999999999999996 against 3) never reads as a gap."""
    return 0.0 if reached(score, target) else target - score


def score_value(score: float) -> float:
    """The score as shown, as a number: rounded to 2 decimals, except that a score just
    below a whole level it has not reached shows as the highest figure below it
    (1.9954 -> 1.99)."""
    shown = round(score, DIGITS)
    reached = level_of(score)
    if shown >= reached + 1:
        shown = reached + 1 - 10 ** -DIGITS
    return shown


def show_score(score: float | None) -> str:
    """'2.45'; '1.99' for 1.9954 (level 1); '–' for no score."""
    return NONE if score is None else f"{score_value(score):.{DIGITS}f}"


def show_plain(value: float | None) -> str:
    """'3', '3.5', '3.25': at most 2 decimals, trailing zeros dropped; '–' for none. For
    figures people set or pick (targets, answer values), not for computed scores."""
    if value is None:
        return NONE
    text = f"{value:.{DIGITS}f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def show_target(target: float | None) -> str:
    """A target: '3', '3.5', '3.25' (:func:`show_plain`); '–' for none."""
    return show_plain(target)


def show_number(value: float | None) -> str:
    """A spread, gap, effort share or other plain figure: '0.50'; '–' for none."""
    return NONE if value is None else f"{value:.{DIGITS}f}"


show_spread = show_number


def shown_gap(target: float, score: float | None) -> float | None:
    """The gap a reader works out from the shown target and score: max(0, shown target -
    shown score), so "1.99 against 3" comes with 1.01 although the gap is 1.0046."""
    if score is None:
        return None
    return max(0.0, round(float(show_target(target)) - score_value(score), DIGITS))


def show_gap(target: float, score: float | None) -> str:
    """The gap beside a shown score and target (:func:`shown_gap`): '1.01'; '–' unscored."""
    return show_number(shown_gap(target, score))


def percent_value(share: float) -> int:
    """The whole percentage shown for ``share``: 0 and 100 only when exactly so."""
    whole = round(share * 100)
    if share < 1 and whole >= 100:
        return 99
    if share > 0 and whole <= 0:
        return 1
    return whole


def show_percent(share: float | None) -> str:
    """'92%'; 0% and 100% only when exactly so (0.996 -> '99%', 0.002 -> '1%')."""
    return NONE if share is None else f"{percent_value(share)}%"


def shown_delta(baseline: float | None, current: float | None) -> float | None:
    """current - baseline as the reader works it out from the shown scores, so "1.54 to
    1.90" comes with +0.36 even when the unrounded change is 0.355."""
    if baseline is None or current is None:
        return None
    return round(score_value(current) - score_value(baseline), DIGITS)


def show_signed(delta: float | None) -> str:
    """'+0.30', '-0.12', '0.00' (no sign on a change that rounds to nothing); '–' for None."""
    if delta is None:
        return NONE
    if abs(delta) < 0.5 * 10 ** -DIGITS:
        return f"{0:.{DIGITS}f}"
    return f"{delta:+.{DIGITS}f}"


def show_delta(baseline: float | None, current: float | None) -> str:
    """The change shown beside two shown scores: '+0.36' (:func:`shown_delta`)."""
    return show_signed(shown_delta(baseline, current))


def show_percentile(value: float | None) -> str:
    """A percentile rank as a whole number: '62'; never '0' or '100' unless exactly so
    (99.6 shows 99: not above every peer); '–' for none."""
    if value is None:
        return NONE
    shown = round(value)
    if shown >= 100 > value:
        shown = 99
    elif shown <= 0 < value:
        shown = 1
    return str(shown)
