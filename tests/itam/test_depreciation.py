"""Depreciation and fleet valuation by hand-computed values (pure, no database)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from graphcmdb.graph.enums import DepreciationMethod
from graphcmdb.itam.depreciation import Basis, basis_of, book_value, months_elapsed
from graphcmdb.itam.valuation import FleetGroupBy, asset_book_value, fleet_value

SL = DepreciationMethod.STRAIGHT_LINE
DB = DepreciationMethod.DECLINING_BALANCE


def basis(cost: str, salvage: str, months: int, method: DepreciationMethod) -> Basis:
    return Basis(Decimal(cost), Decimal(salvage), months, date(2025, 1, 1), method)


@pytest.mark.parametrize(
    ("start", "as_of", "months"),
    [
        (date(2025, 1, 1), date(2025, 1, 1), 0),
        (date(2025, 1, 1), date(2024, 6, 1), 0),
        (date(2025, 1, 15), date(2025, 2, 14), 0),
        (date(2025, 1, 15), date(2025, 2, 15), 1),
        (date(2025, 1, 31), date(2025, 2, 28), 1),  # month end counts for a 31st start
        (date(2025, 1, 1), date(2026, 1, 1), 12),
    ],
)
def test_months_elapsed(start: date, as_of: date, months: int) -> None:
    assert months_elapsed(start, as_of) == months


def test_designs_example_straight_line() -> None:
    # (1200 - 0) / 36 = 33.33.. a month; 12 months -> 1200 - 400 = 800.00
    assert book_value(basis("1200", "0", 36, SL), date(2026, 1, 1)) == Decimal("800.00")


def test_straight_line_never_below_salvage() -> None:
    b = basis("1200", "200", 10, SL)  # 100 a month
    assert book_value(b, date(2024, 12, 31)) == Decimal("1200.00")  # not yet in service
    assert book_value(b, date(2025, 6, 1)) == Decimal("700.00")
    assert book_value(b, date(2025, 11, 1)) == Decimal("200.00")
    assert book_value(b, date(2030, 1, 1)) == Decimal("200.00")


def test_straight_line_rounds_half_up_to_cents() -> None:
    # 1000 / 3 a month: after one month 666.666.. -> 666.67
    assert book_value(basis("1000", "0", 3, SL), date(2025, 2, 1)) == Decimal("666.67")


def test_declining_balance_switches_to_straight_line() -> None:
    # rate 2/4 = 50 %: 1000 -> 500 -> 250 -> 125; in month 4 the declining charge
    # (62.50) is smaller than straight line over the 1 remaining month (125), so the
    # asset ends at 0 instead of 62.50.
    b = basis("1000", "0", 4, DB)
    values = [book_value(b, date(2025, m, 1)) for m in range(1, 7)]
    assert values == [Decimal(v) for v in ("1000.00", "500.00", "250.00", "125.00", "0.00", "0.00")]


def test_declining_balance_never_below_salvage() -> None:
    # 1000 -> 500 -> 250 -> 125, then 62.50 would go below salvage 100: capped at 100
    b = basis("1000", "100", 4, DB)
    values = [book_value(b, date(2025, m, 1)) for m in range(1, 8)]
    expected = ("1000.00", "500.00", "250.00", "125.00", "100.00", "100.00", "100.00")
    assert values == [Decimal(v) for v in expected]


def test_declining_balance_on_designs_asset() -> None:
    # rate 1/18 a month; declining until month 18 (1200 * (17/18)^18 = 428.9007), then
    # straight line over the remaining 18 months (23.8278 a month)
    b = basis("1200", "0", 36, DB)
    assert book_value(b, date(2026, 1, 1)) == Decimal("604.36")  # 1200 * (17/18)^12
    assert book_value(b, date(2026, 7, 1)) == Decimal("428.90")
    assert book_value(b, date(2026, 8, 1)) == Decimal("405.07")  # 428.9007 - 23.8278
    assert book_value(b, date(2027, 1, 1)) == Decimal("285.93")  # 428.9007 - 6 * 23.8278
    assert book_value(b, date(2028, 1, 1)) == Decimal("0.00")


def asset(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "purchaseCost": "1200",
        "currency": "EUR",
        "usefulLifeMonths": 36,
        "purchaseDate": date(2024, 12, 15),
        "inServiceDate": date(2025, 1, 1),
    }
    return base | fields


def test_basis_needs_cost_life_and_a_date() -> None:
    assert basis_of(asset(purchaseCost=None)) is None
    assert basis_of(asset(usefulLifeMonths=None)) is None
    assert basis_of(asset(inServiceDate=None, purchaseDate=None)) is None
    b = basis_of(asset(inServiceDate=None))
    assert b is not None
    assert b.start == date(2024, 12, 15)
    assert b.method is SL
    assert b.salvage == 0


def test_written_off_asset_is_worth_nothing_from_that_day() -> None:
    a = asset(writtenOffOn=date(2025, 6, 1))
    assert asset_book_value(a, date(2025, 5, 31)) == Decimal("1066.67")  # 4 months of 33.33
    assert asset_book_value(a, date(2025, 6, 1)) == Decimal("0.00")


def test_fleet_groups_by_key_and_currency_and_counts_the_unvalued() -> None:
    rows = [
        (asset(category="LAPTOP"), "Paris"),
        (asset(category="LAPTOP"), "Paris"),
        (asset(category="LAPTOP", currency="USD"), "NYC"),
        (asset(category="SERVER", purchaseCost="3600"), None),
        (asset(category="SERVER", usefulLifeMonths=None), None),  # unvalued
        (asset(category="SERVER", writtenOffOn=date(2025, 3, 1)), None),  # gone
        (asset(category="SERVER", purchaseDate=date(2026, 6, 1)), None),  # not bought yet
    ]
    fleet = fleet_value(rows, date(2026, 1, 1), FleetGroupBy.CATEGORY)
    got = [(g.key, g.currency, g.asset_count, g.cost, g.book_value) for g in fleet.groups]
    assert got == [
        ("LAPTOP", "EUR", 2, Decimal("2400"), Decimal("1600.00")),
        ("LAPTOP", "USD", 1, Decimal("1200"), Decimal("800.00")),
        ("SERVER", "EUR", 1, Decimal("3600"), Decimal("2400.00")),
    ]
    totals = [(t.currency, t.asset_count, t.book_value, t.depreciation) for t in fleet.totals]
    assert totals == [
        ("EUR", 3, Decimal("4000.00"), Decimal("2000.00")),
        ("USD", 1, Decimal("800.00"), Decimal("400.00")),
    ]
    assert fleet.unvalued == 1
    by_place = fleet_value(rows, date(2026, 1, 1), FleetGroupBy.LOCATION)
    assert [(g.key, g.currency) for g in by_place.groups] == [
        ("NYC", "USD"),
        ("Paris", "EUR"),
        (None, "EUR"),
    ]
