"""Total cost of ownership rules (pure), checked against hand-computed amounts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from graphcmdb.itam.tco import ContractShare, cost_of_ownership

ASSET: dict[str, Any] = {
    "purchaseCost": "1200",
    "currency": "EUR",
    "purchaseDate": date(2025, 1, 1),
}


def share(
    annual: str, covered: int, start: date | None, end: date | None, cur: str = "EUR"
) -> ContractShare:
    return ContractShare("C", Decimal(annual), cur, start, end, covered)


def lines(items: list[Any]) -> list[tuple[Any, ...]]:
    return [(x.currency, x.year, str(x.purchase), str(x.contracts), str(x.total)) for x in items]


def test_purchase_only_is_counted_in_the_year_of_acquisition() -> None:
    cost = cost_of_ownership(ASSET, [], date(2026, 6, 30))
    assert cost.since == date(2025, 1, 1)
    assert lines(cost.years) == [("EUR", 2025, "1200.00", "0.00", "1200.00")]
    assert lines(cost.totals) == [("EUR", None, "1200.00", "0.00", "1200.00")]
    assert cost.annual_run_rate == {}


def test_contract_cost_is_shared_among_covered_assets_and_accrues_daily() -> None:
    # 600 a year over 3 assets = 200 each; 2026-01-01..06-30 is 181 of 365 days:
    # 200 * 181 / 365 = 99.178... -> 99.18
    support = share("600", 3, date(2025, 1, 1), date(2026, 12, 31))
    cost = cost_of_ownership(ASSET, [support], date(2026, 6, 30))
    assert lines(cost.years) == [
        ("EUR", 2025, "1200.00", "200.00", "1400.00"),
        ("EUR", 2026, "0.00", "99.18", "99.18"),
    ]
    assert lines(cost.totals) == [("EUR", None, "1200.00", "299.18", "1499.18")]
    assert cost.annual_run_rate == {"EUR": Decimal("200.00")}


def test_a_leap_year_accrues_exactly_the_annual_cost() -> None:
    asset = ASSET | {"purchaseDate": date(2024, 1, 1)}
    cost = cost_of_ownership(asset, [share("366", 1, None, None)], date(2024, 12, 31))
    assert lines(cost.years) == [("EUR", 2024, "1200.00", "366.00", "1566.00")]


def test_contract_time_before_acquisition_and_after_write_off_is_not_the_assets() -> None:
    # acquired 2025-07-01: 184 days of 2025 -> 730 * 184 / 365 = 368.00
    asset = ASSET | {"purchaseDate": date(2025, 7, 1)}
    contract = share("730", 1, date(2024, 1, 1), None)
    assert lines(cost_of_ownership(asset, [contract], date(2025, 12, 31)).totals) == [
        ("EUR", None, "1200.00", "368.00", "1568.00")
    ]
    # written off 2025-09-30: 92 days -> 730 * 92 / 365 = 184.00, and nothing runs any more
    gone = cost_of_ownership(
        asset | {"writtenOffOn": date(2025, 9, 30)}, [contract], date(2026, 6, 1)
    )
    assert lines(gone.totals) == [("EUR", None, "1200.00", "184.00", "1384.00")]
    assert gone.annual_run_rate == {}


def test_currencies_are_never_added_together() -> None:
    cost = cost_of_ownership(
        ASSET, [share("365", 1, None, date(2025, 1, 10), "USD")], date(2025, 3, 1)
    )
    assert lines(cost.totals) == [
        ("EUR", None, "1200.00", "0.00", "1200.00"),
        ("USD", None, "0.00", "10.00", "10.00"),
    ]
    assert cost.annual_run_rate == {}  # the USD contract ended before asOf


def test_nothing_to_count_before_acquisition_or_without_any_date() -> None:
    assert cost_of_ownership(ASSET, [], date(2024, 12, 31)).totals == []
    undated = cost_of_ownership({"purchaseCost": "5", "currency": "EUR"}, [], date(2026, 1, 1))
    assert undated.since is None
    assert undated.totals == []
