"""Book value of one asset and of the fleet on a date, from asset rows (pure).

Fleet totals never add amounts in different currencies: every group is keyed by
(group key, currency) and the grand totals are one line per currency. Converting
would need dated exchange rates, which the CMDB does not own; finance can convert
the per-currency lines with its own rates.

An asset belongs to the fleet on ``asOf`` when it has been acquired by then
(``purchaseDate``, else ``inServiceDate``) and was not written off (DISPOSED or LOST)
on or before that day. Assets lacking cost, currency, useful life or a start date
cannot be valued and are counted as ``unvalued`` instead of being guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from graphcmdb.itam.depreciation import CENT, basis_of, book_value

ZERO = Decimal("0.00")


class FleetGroupBy(StrEnum):
    CATEGORY = "CATEGORY"
    COST_CENTER = "COST_CENTER"
    LOCATION = "LOCATION"


def written_off(asset: dict[str, Any], as_of: date) -> bool:
    off = asset.get("writtenOffOn")
    return isinstance(off, date) and off <= as_of


def asset_book_value(asset: dict[str, Any], as_of: date) -> Decimal | None:
    """The asset's book value on ``as_of``: 0 once written off, None when not valuable."""
    basis = basis_of(asset)
    if basis is None:
        return None
    return ZERO if written_off(asset, as_of) else book_value(basis, as_of)


@dataclass
class FleetLine:
    key: str | None
    currency: str
    asset_count: int = 0
    cost: Decimal = ZERO
    book_value: Decimal = ZERO

    @property
    def depreciation(self) -> Decimal:
        return (self.cost - self.book_value).quantize(CENT)


@dataclass
class Fleet:
    as_of: date
    groups: list[FleetLine] = field(default_factory=list)
    totals: list[FleetLine] = field(default_factory=list)
    unvalued: int = 0


def _acquired(asset: dict[str, Any]) -> date | None:
    acquired = asset.get("purchaseDate") or asset.get("inServiceDate")
    return acquired if isinstance(acquired, date) else None


def _add(
    lines: dict[tuple[str | None, str], FleetLine],
    key: str | None,
    cur: str,
    cost: Decimal,
    value: Decimal,
) -> None:
    line = lines.setdefault((key, cur), FleetLine(key, cur))
    line.asset_count += 1
    line.cost += cost
    line.book_value += value


def _order(lines: dict[tuple[str | None, str], FleetLine]) -> list[FleetLine]:
    """By key (unassigned last), then currency: stable output for reports and tests."""
    return sorted(lines.values(), key=lambda x: (x.key is None, x.key or "", x.currency))


def fleet_value(
    rows: Iterable[tuple[dict[str, Any], str | None]], as_of: date, group_by: FleetGroupBy
) -> Fleet:
    """``rows`` are (asset, location name) pairs; see the module docstring for the rules."""
    fleet = Fleet(as_of)
    groups: dict[tuple[str | None, str], FleetLine] = {}
    totals: dict[tuple[str | None, str], FleetLine] = {}
    for asset, location in rows:
        acquired = _acquired(asset)
        if written_off(asset, as_of) or (acquired is not None and acquired > as_of):
            continue
        basis = basis_of(asset)
        currency = asset.get("currency")
        if basis is None or not currency:
            fleet.unvalued += 1
            continue
        key = {
            FleetGroupBy.CATEGORY: asset.get("category"),
            FleetGroupBy.COST_CENTER: asset.get("costCenter"),
            FleetGroupBy.LOCATION: location,
        }[group_by]
        value = book_value(basis, as_of)
        _add(groups, key, currency, basis.cost, value)
        _add(totals, None, currency, basis.cost, value)
    fleet.groups, fleet.totals = _order(groups), _order(totals)
    return fleet
