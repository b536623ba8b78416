"""Total cost of ownership of an asset, computed from its record and its contracts (pure).

TCO = purchase cost + the asset's share of every contract that covers it. A contract's
``annualCost`` is shared equally among the assets it covers (today's coverage: the graph
keeps no coverage history) and accrues day by day while both the contract and the asset's
ownership run: from the later of the contract's start and the asset's acquisition to the
earliest of the contract's end, the asset's write-off (DISPOSED or LOST) and ``asOf``.
A full calendar year of a contract accrues exactly its annual cost (days / days in that
year). Purchase cost is counted in the year of acquisition (a cash view; depreciation is
the book view and lives in ``depreciation``).

Amounts keep full precision and are rounded half-up to cents once per line. Currencies
are never mixed: every line is keyed by currency.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from graphcmdb.itam.depreciation import CENT

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ContractShare:
    """One covering contract as the TCO needs it."""

    number: str
    annual_cost: Decimal
    currency: str
    start: date | None
    end: date | None
    covered_assets: int

    @classmethod
    def from_row(cls, contract: dict[str, Any], covered: int) -> ContractShare:
        return cls(
            number=contract.get("number") or contract.get("id") or "",
            annual_cost=Decimal(str(contract["annualCost"])),
            currency=contract["currency"],
            start=contract.get("startDate"),
            end=contract.get("endDate"),
            covered_assets=max(covered, 1),
        )

    def annual_share(self) -> Decimal:
        return self.annual_cost / self.covered_assets

    def active_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class CostLine:
    """Costs in one currency, optionally of one calendar year."""

    currency: str
    year: int | None = None
    purchase: Decimal = ZERO
    contracts: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return (self.purchase + self.contracts).quantize(CENT, ROUND_HALF_UP)

    def rounded(self) -> CostLine:
        return CostLine(
            self.currency,
            self.year,
            self.purchase.quantize(CENT, ROUND_HALF_UP),
            self.contracts.quantize(CENT, ROUND_HALF_UP),
        )


@dataclass
class CostOfOwnership:
    as_of: date
    since: date | None
    years: list[CostLine] = field(default_factory=list)
    totals: list[CostLine] = field(default_factory=list)
    annual_run_rate: dict[str, Decimal] = field(default_factory=dict)


def acquired_on(asset: dict[str, Any]) -> date | None:
    acquired = asset.get("purchaseDate") or asset.get("inServiceDate")
    return acquired if isinstance(acquired, date) else None


def _ownership_end(asset: dict[str, Any], as_of: date) -> date:
    off = asset.get("writtenOffOn")
    return min(off, as_of) if isinstance(off, date) else as_of


def _year_slices(start: date, end: date) -> Iterable[tuple[int, int, int]]:
    """(year, days of [start, end] in that year, days in that year), inclusive bounds."""
    for year in range(start.year, end.year + 1):
        first = max(start, date(year, 1, 1))
        last = min(end, date(year, 12, 31))
        yield year, (last - first).days + 1, 366 if calendar.isleap(year) else 365


def _accrue(
    lines: dict[tuple[int, str], CostLine], share: ContractShare, start: date, end: date
) -> None:
    lo = max(start, share.start) if share.start else start
    hi = min(end, share.end) if share.end else end
    if hi < lo:
        return
    per_year = share.annual_share()
    for year, days, year_days in _year_slices(lo, hi):
        line = lines.setdefault((year, share.currency), CostLine(share.currency, year))
        line.contracts += per_year * days / year_days


def cost_of_ownership(
    asset: dict[str, Any], contracts: Iterable[ContractShare], as_of: date
) -> CostOfOwnership:
    """The asset's TCO from acquisition (else the earliest contract start) to ``as_of``."""
    shares = list(contracts)
    acquired = acquired_on(asset)
    starts = [s.start for s in shares if s.start is not None]
    since = acquired or (min(starts) if starts else None)
    result = CostOfOwnership(as_of=as_of, since=since)
    if since is None or since > as_of:
        return result
    end = _ownership_end(asset, as_of)
    lines: dict[tuple[int, str], CostLine] = {}
    cost, currency = asset.get("purchaseCost"), asset.get("currency")
    if acquired is not None and cost is not None and currency:
        line = lines.setdefault((acquired.year, currency), CostLine(currency, acquired.year))
        line.purchase += Decimal(str(cost))
    for share in shares:
        _accrue(lines, share, since, end)
        if end == as_of and share.active_on(as_of):
            rate = result.annual_run_rate.get(share.currency, ZERO) + share.annual_share()
            result.annual_run_rate[share.currency] = rate
    result.years = [lines[k].rounded() for k in sorted(lines)]
    result.totals = sum_by_currency(result.years)
    result.annual_run_rate = {
        c: v.quantize(CENT, ROUND_HALF_UP) for c, v in sorted(result.annual_run_rate.items())
    }
    return result


def sum_by_currency(lines: Iterable[CostLine], weight: Decimal = Decimal(1)) -> list[CostLine]:
    """Lines added up per currency (rounded), each scaled by ``weight``."""
    totals: dict[str, CostLine] = {}
    for line in lines:
        total = totals.setdefault(line.currency, CostLine(line.currency))
        total.purchase += line.purchase * weight
        total.contracts += line.contracts * weight
    return [totals[c].rounded() for c in sorted(totals)]
