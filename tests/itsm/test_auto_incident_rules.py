"""The automatic incidents' priority rule and per-service decisions (pure)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graphcmdb.graph.enums import IncidentPriority as P
from graphcmdb.graph.enums import IncidentState
from graphcmdb.impact.model import Status
from graphcmdb.itsm.auto_incidents import KnownIncident, Move, ServiceView, decide, priority

AT = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=15)


@pytest.mark.parametrize(
    ("status", "criticality", "users", "expected"),
    [
        (Status.DOWN, 5, 0, P.P1),
        (Status.DOWN, 3, 1000, P.P1),
        (Status.DOWN, 3, 999, P.P2),
        (Status.DOWN, None, None, P.P2),
        (Status.DEGRADED, 4, 0, P.P3),
        (Status.DEGRADED, 1, 10, P.P4),
    ],
)
def test_priority_is_impact_by_urgency(
    status: Status, criticality: int | None, users: int | None, expected: P
) -> None:
    assert priority(status, criticality, users) is expected


def incident(state: IncidentState, resolved: datetime | None = None) -> KnownIncident:
    return KnownIncident("i1", "INC1", state, P.P3, frozenset({"s", "a"}), frozenset({"f1"}),
                         resolved)  # fmt: skip


def view(effective: Status, **extra: object) -> ServiceView:
    base: dict[str, object] = {"id": "s", "status": effective, "effective": effective,
                               "failed": frozenset({"a"}), "alerts": frozenset({"f1"}),
                               "criticality": 5}  # fmt: skip
    return ServiceView(**(base | extra))  # type: ignore[arg-type]


def test_decisions() -> None:
    opened = decide(view(Status.DOWN), (), AT, WINDOW)
    assert (opened.move, opened.priority, opened.new_affects) == (
        Move.OPEN, P.P1, frozenset({"s", "a"}))  # fmt: skip
    open_one = incident(IncidentState.NEW)
    same = decide(view(Status.DEGRADED, open=open_one), (), AT, WINDOW)
    assert same.move is Move.NOTHING
    raised = decide(view(Status.DOWN, open=open_one), (), AT, WINDOW)
    assert (raised.move, raised.priority) == (Move.ATTACH, P.P1)
    assert decide(view(Status.OK, open=open_one), {"f1"}, AT, WINDOW).move is Move.NOTHING
    assert decide(view(Status.OK, open=open_one), (), AT, WINDOW).move is Move.RESOLVE
    recent = incident(IncidentState.RESOLVED, AT - WINDOW)
    assert decide(view(Status.DOWN, last_resolved=recent), (), AT, WINDOW).move is Move.REOPEN
    old = incident(IncidentState.RESOLVED, AT - WINDOW - timedelta(seconds=1))
    assert decide(view(Status.DOWN, last_resolved=old), (), AT, WINDOW).move is Move.OPEN
