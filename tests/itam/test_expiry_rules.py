"""The expiring window rule, its order and the services attached, without a database
(the graph-backed twin is test_contracts.py)."""

from __future__ import annotations

from datetime import date

import pytest

from graphcmdb.domain.contract_models import contract_problem
from graphcmdb.itam.expiry import (
    AffectedService,
    ExpiringItem,
    ExpiringKind,
    Window,
    attach_services,
    sort_key,
)

AS_OF = date(2026, 1, 1)
WINDOW = Window(AS_OF, 30)  # 2026-01-01 .. 2026-01-31


@pytest.mark.parametrize(
    ("end", "notice_days", "included"),
    [
        (date(2026, 1, 31), 0, True),  # ends on the window's last day
        (date(2026, 1, 1), None, True),  # ends on asOf
        (date(2025, 12, 31), 0, False),  # ended the day before asOf
        (date(2026, 2, 1), 0, False),  # ends the day after the window
        (date(2026, 3, 1), 30, True),  # notice date 2026-01-30 is in the window
        (date(2026, 4, 1), 60, True),  # notice date 2026-01-31, the window's last day
        (date(2026, 4, 2), 60, False),  # notice date 2026-02-01 is after the window
        (date(2026, 2, 15), 90, True),  # notice passed (2025-11-17) and not ended yet
        (date(2025, 12, 31), 90, False),  # notice passed and ended: history
    ],
)
def test_window_rule(end: date, notice_days: int | None, included: bool) -> None:
    assert WINDOW.until == date(2026, 1, 31)
    assert WINDOW.includes(end, notice_days) is included


def test_notice_dates_by_hand() -> None:
    assert WINDOW.notice_date(date(2026, 4, 1), 60) == date(2026, 1, 31)
    assert WINDOW.notice_date(date(2026, 2, 15), 90) == date(2025, 11, 17)
    assert WINDOW.notice_date(date(2026, 2, 15), None) == date(2026, 2, 15)


def item(kind: ExpiringKind, ref: str, end: date, notice: date, ci_ids: list[str]) -> ExpiringItem:
    return ExpiringItem(kind, ref, ref, end, notice, AS_OF, ci_ids=ci_ids)


def test_sorted_by_notice_date_then_end_then_kind() -> None:
    items = [
        item(ExpiringKind.WARRANTY, "W", date(2026, 1, 20), date(2026, 1, 20), []),
        item(ExpiringKind.CONTRACT, "C-late", date(2026, 3, 31), date(2026, 1, 30), []),
        item(ExpiringKind.CONTRACT, "C-soon", date(2026, 1, 20), date(2026, 1, 10), []),
        item(ExpiringKind.LICENSE, "L", date(2026, 1, 20), date(2026, 1, 20), []),
        item(ExpiringKind.CONTRACT, "C-passed", date(2026, 2, 15), date(2025, 11, 17), []),
    ]
    ordered = [i.reference for i in sorted(items, key=sort_key)]
    assert ordered == ["C-passed", "C-soon", "L", "W", "C-late"]
    assert items[4].notice_passed
    assert not items[1].notice_passed
    assert items[1].days_to_end == 89


def test_services_are_distinct_most_critical_first() -> None:
    shop = AffectedService("s1", "Shop", 5)
    mail = AffectedService("s2", "Mail", 3)
    wiki = AffectedService("s3", "Wiki", 3)
    items = [
        item(ExpiringKind.CONTRACT, "C", date(2026, 1, 9), date(2026, 1, 9), ["a", "b"]),
        item(ExpiringKind.WARRANTY, "W", date(2026, 1, 9), date(2026, 1, 9), ["c"]),
    ]
    attach_services(items, {"a": [mail, shop], "b": [shop, wiki]})
    assert [s.name for s in items[0].services] == ["Shop", "Mail", "Wiki"]
    assert items[0].highest_criticality == 5
    assert items[1].services == []
    assert items[1].highest_criticality is None


def test_contract_fields_must_agree() -> None:
    assert contract_problem({"annualCost": "10"}) == (
        "currency",
        "a currency is required with annualCost",
    )
    span = {"startDate": date(2026, 2, 1), "endDate": date(2026, 1, 31)}
    assert contract_problem(span) == ("endDate", "the end date is before the start date")
    assert (
        contract_problem(
            {"annualCost": "10", "currency": "EUR"} | span | {"endDate": date(2026, 2, 1)}
        )
        is None
    )
