"""Flap suppression and the status an alert holds its CI at (pure)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from graphcmdb.events.correlation import AlertSnapshot, FlapRule, correlate
from graphcmdb.events.model import Identifiers, IncomingEvent
from graphcmdb.events.status import StatusMove, next_status
from graphcmdb.graph.enums import AlertState, CIStatus

T0 = datetime(2025, 3, 1, tzinfo=UTC)
RULE = FlapRule(3, timedelta(minutes=10))
FIRING = IncomingEvent(
    "generic:t", "Load", AlertState.FIRING, "critical", CIStatus.DOWN, Identifiers(),
    "fp", None, None, None, "{}",
)  # fmt: skip
RESOLVED = replace(FIRING, state=AlertState.RESOLVED)


def test_a_third_change_within_the_window_is_suppressed_and_holds_stay() -> None:
    first = correlate(AlertSnapshot(), FIRING, T0, RULE)
    assert first.after.holds is CIStatus.DOWN
    assert not first.suppressed
    second = correlate(first.after, RESOLVED, T0 + timedelta(minutes=1), RULE)
    assert second.after.holds is None
    assert not second.suppressed
    third = correlate(second.after, FIRING, T0 + timedelta(minutes=2), RULE)
    assert third.suppressed
    assert third.after.holds is None


def test_changes_outside_the_window_do_not_count() -> None:
    snap = AlertSnapshot(AlertState.RESOLVED, None, (T0, T0 + timedelta(minutes=1)))
    later = correlate(snap, FIRING, T0 + timedelta(hours=1), RULE)
    assert not later.suppressed
    assert later.after.holds is CIStatus.DOWN
    assert len(later.after.transitions) == 1


def test_the_same_state_again_is_no_change() -> None:
    first = correlate(AlertSnapshot(), FIRING, T0, RULE)
    again = correlate(first.after, FIRING, T0, RULE)
    assert again.after.transitions == first.after.transitions


def test_status_worst_wins_and_the_base_comes_back() -> None:
    held = [CIStatus.DEGRADED, CIStatus.DOWN]
    assert next_status(CIStatus.OPERATIONAL, None, held) == StatusMove(
        CIStatus.DOWN, CIStatus.OPERATIONAL
    )
    assert next_status(CIStatus.DOWN, CIStatus.OPERATIONAL, []) == StatusMove(
        CIStatus.OPERATIONAL, None
    )
    assert next_status(CIStatus.DOWN, CIStatus.OPERATIONAL, [CIStatus.DOWN]) is None
    assert next_status(CIStatus.MAINTENANCE, None, held) is None
    assert next_status(CIStatus.OPERATIONAL, None, []) is None
    assert next_status(CIStatus.DOWN, CIStatus.UNKNOWN, []) == StatusMove(
        CIStatus.OPERATIONAL, None
    )
