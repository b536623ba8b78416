"""Depreciation is computed, never stored, for any ``asOf`` date (DESIGN "Asset lifecycle").

Depreciation runs in whole months from the start date (``inServiceDate``, else
``purchaseDate``): a month counts once its anniversary day is reached (or the month
ends, for starts on the 29th-31st). Amounts keep full ``Decimal`` precision while the
schedule runs and are rounded half-up to cents once, at the end, so that the result
does not depend on how many months were rounded on the way.

* STRAIGHT_LINE: (cost - salvage) / usefulLifeMonths per month, never below salvage.
* DECLINING_BALANCE: twice the straight-line rate (2 / usefulLifeMonths) applied to the
  opening book value each month, switching to straight-line over the remaining months
  once that is larger; never below salvage, fully depreciated at the end of the life.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from graphcmdb.graph.enums import DepreciationMethod

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Basis:
    """What depreciation needs; build it with :func:`basis_of` from an asset row."""

    cost: Decimal
    salvage: Decimal
    useful_life_months: int
    start: date
    method: DepreciationMethod


def months_elapsed(start: date, as_of: date) -> int:
    """Whole months from ``start`` to ``as_of`` (0 before the start)."""
    if as_of <= start:
        return 0
    months = (as_of.year - start.year) * 12 + (as_of.month - start.month)
    month_end = calendar.monthrange(as_of.year, as_of.month)[1]
    if as_of.day < start.day and as_of.day != month_end:
        months -= 1
    return max(months, 0)


def _straight_line(b: Basis, months: int) -> Decimal:
    used = min(months, b.useful_life_months)
    return b.cost - (b.cost - b.salvage) * used / b.useful_life_months


def _declining_balance(b: Basis, months: int) -> Decimal:
    rate = Decimal(2) / b.useful_life_months
    book = b.cost
    for month in range(min(months, b.useful_life_months)):
        remaining = b.useful_life_months - month
        declining = book * rate
        straight = (book - b.salvage) / remaining
        book -= min(max(declining, straight), book - b.salvage)
    return book


def book_value(b: Basis, as_of: date) -> Decimal:
    """Book value on ``as_of``, rounded to cents; the cost itself before the start date."""
    months = months_elapsed(b.start, as_of)
    if b.method is DepreciationMethod.DECLINING_BALANCE:
        value = _declining_balance(b, months)
    else:
        value = _straight_line(b, months)
    return max(value, b.salvage).quantize(CENT, rounding=ROUND_HALF_UP)


def basis_of(asset: dict[str, object]) -> Basis | None:
    """The depreciation basis of an asset row, or None when it lacks cost, life or dates.

    Money is stored as decimal strings (Neo4j has no decimal type and floats would
    lose cents); a missing salvage value is 0 and a missing method straight-line.
    """
    cost, life = asset.get("purchaseCost"), asset.get("usefulLifeMonths")
    start = asset.get("inServiceDate") or asset.get("purchaseDate")
    if cost is None or not life or not isinstance(start, date):
        return None
    method = asset.get("depreciationMethod") or DepreciationMethod.STRAIGHT_LINE.value
    return Basis(
        cost=Decimal(str(cost)),
        salvage=Decimal(str(asset.get("salvageValue") or "0")),
        useful_life_months=int(str(life)),
        start=start,
        method=DepreciationMethod(str(method)),
    )
