"""Human-readable record numbers: a prefix and a counter, e.g. INC0000123."""

from __future__ import annotations

from enum import StrEnum

DIGITS = 7


class NumberSeries(StrEnum):
    """One counter per series; the value is the number's prefix."""

    INCIDENT = "INC"
    CHANGE = "CHG"


def format_number(series: NumberSeries, value: int) -> str:
    """Zero-padded so that numbers sort as text (wider once a series passes 9,999,999)."""
    return f"{series.value}{value:0{DIGITS}d}"
