"""How money, people and months are shown to people: one home for every human output.

Machine outputs (JSON, CSV) keep the numbers unrounded; tables, Markdown, the report and
its charts call these functions, so a figure reads the same everywhere:
``£25k–£100k``, ``1.4 FTE``, ``36 months``.
"""

from __future__ import annotations

SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$", "AUD": "A$", "CAD": "C$", "NZD": "NZ$"}
"""Currency code -> symbol written before the amount; other codes are written after it."""


def money(value: float, currency: str) -> str:
    """An amount rounded for a budget line: £0, £8k, £25k, £1.2m (thousands below a
    million, one decimal in millions)."""
    if value >= 999_500:
        text = f"{value / 1e6:.1f}".removesuffix(".0") + "m"
    elif value >= 1000:
        text = f"{value / 1e3:.0f}k"
    else:
        text = f"{value:.0f}"
    symbol = SYMBOLS.get(currency)
    if symbol:
        return symbol + text
    return f"{text} {currency}" if currency else text


def money_range(pair: tuple[float, float] | list[float], currency: str) -> str:
    """'£25k–£100k'; a single figure when low and high read the same; '–' when no cost
    model prices anything (no currency)."""
    if not currency:
        return "–"
    low, high = money(pair[0], currency), money(pair[1], currency)
    return low if low == high else f"{low}–{high}"


def fte(value: float | None) -> str:
    """Full-time people with one decimal ('1.4'); '–' without a period to spread over."""
    return "–" if value is None else f"{value:.1f}"


def days(value: float) -> str:
    """Person-days as people count them: '35', '12.5', '1,695'."""
    return f"{round(value, 1):,.1f}".removesuffix(".0")


def months_text(months: int | None, horizon: int) -> str:
    """'reached now', 'in 18 months', 'not within 5 years'."""
    if months is None:
        return f"not within {horizon // 12} years"
    if months == 0:
        return "at target now"
    return f"by month {months}"
