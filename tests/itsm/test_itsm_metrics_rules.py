"""Service-level metric rules (pure), against hand-computed figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from graphcmdb.itsm.metrics import (
    IncidentFacts,
    Window,
    availability,
    compliance_rate,
    downtime,
    merged,
    resolution,
    service_level,
)

JAN = Window(datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 31, tzinfo=UTC))  # 720 h
NOW = datetime(2026, 2, 5, tzinfo=UTC)


def at(day: int, hour: int, month: int = 1) -> datetime:
    return datetime(2026 if month else 2025, month or 12, day, hour, tzinfo=UTC)


def incident(
    number: str,
    opened: datetime,
    resolved: datetime | None,
    priority: str = "P1",
    fcr: bool = False,
) -> IncidentFacts:
    return IncidentFacts(number, priority, opened, resolved, fcr, frozenset({"shop"}))


A = incident("A", at(10, 10), at(10, 12), "P1")
B = incident("B", at(10, 11), at(10, 13), "P2", fcr=True)  # overlaps A by one hour


def test_overlapping_incidents_count_shared_down_time_once() -> None:
    assert merged([(at(10, 11), at(10, 13)), (at(10, 10), at(10, 12))]) == [
        (at(10, 10), at(10, 13))
    ]
    level = service_level("shop", 99.9, [A, B], JAN, NOW)
    assert level.downtime == timedelta(hours=3)  # not 4
    # 100 * (1 - 3 / 720) = 99.58333... -> 99.5833, under 99.9
    assert level.availability == Decimal("99.5833")
    assert level.compliant is False
    assert level.incidents == 2


def test_mttr_by_priority_and_first_contact_rate() -> None:
    slow = incident("C", at(12, 0), at(12, 6), "P1")
    overall, by_priority = resolution([A, B, slow], JAN)
    assert overall.mttr == timedelta(hours=10 / 3)  # (2 + 2 + 6) / 3
    assert by_priority["P1"].mttr == timedelta(hours=4)
    assert by_priority["P2"].mttr == timedelta(hours=2)
    assert overall.first_contact_rate == Decimal("33.3333")


def test_window_edges_are_half_open_and_clip_downtime() -> None:
    before = incident("D", at(31, 23, month=0), at(1, 1))  # opened 2025-12-31 23:00
    still_open = incident("E", at(30, 23), None)
    at_the_end = incident("F", at(30, 22), JAN.end)  # resolved exactly at the window's end
    level = service_level("shop", None, [before, still_open, at_the_end], JAN, NOW)
    assert level.incidents == 2  # D opened before the window
    # D: 1 h inside; E and F both run to the window's end from 22:00 and 23:00 -> 2 h
    assert level.downtime == timedelta(hours=3)
    assert level.resolution.resolved == 1  # D; F's resolvedAt is not inside [start, end)
    assert level.compliant is None  # no SLA target, no verdict


def test_an_open_incident_is_down_until_now_when_now_is_inside_the_window() -> None:
    now = at(20, 12)
    open_one = incident("G", at(20, 10), None)
    assert downtime([open_one.down_interval(now)], JAN) == timedelta(hours=2)


def test_availability_and_compliance_rate() -> None:
    assert availability(timedelta(), JAN) == Decimal("100.0000")
    assert availability(JAN.length, JAN) == Decimal("0.0000")
    good = service_level("shop", 99.0, [A, B], JAN, NOW)
    bad = service_level("shop", 99.9, [A, B], JAN, NOW)
    none = service_level("shop", None, [], JAN, NOW)
    assert compliance_rate([good, bad, none]) == Decimal("50.0000")
    assert compliance_rate([none]) is None
