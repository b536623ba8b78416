"""What monitoring does to a business service's incident (pure): the priority rule, and
per service the one move to make — open, attach, reopen, resolve or nothing.

Priority is ITIL's impact by urgency. Impact is what the service suffers: DOWN is an
outage, DEGRADED a degradation. Urgency is high for a service of criticality 4 or 5 or
with at least 1,000 users. So an outage is P1 (high urgency) or P2, a degradation P3 or
P4: the split the service-level metrics already make (P1/P2 cost availability, P3/P4 do
not). An incident's priority only rises while it is open (a DEGRADED service that goes
DOWN escalates its P3 to P1; recovering to DEGRADED keeps P1).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from graphcmdb.graph.enums import IncidentPriority, IncidentState
from graphcmdb.impact.model import Status

P = IncidentPriority
#: a service this critical, or used by this many people, is urgent
URGENT_CRITICALITY = 4
URGENT_USERS = 1_000
_MATRIX = {
    (Status.DOWN, True): P.P1,
    (Status.DOWN, False): P.P2,
    (Status.DEGRADED, True): P.P3,
    (Status.DEGRADED, False): P.P4,
}


def urgent(criticality: int | None, users: int | None) -> bool:
    return (criticality or 0) >= URGENT_CRITICALITY or (users or 0) >= URGENT_USERS


def priority(status: Status, criticality: int | None, users: int | None) -> IncidentPriority:
    """The priority of a service's incident while it is ``status`` (DOWN or DEGRADED)."""
    if status is Status.OK:
        raise ValueError("a service that is OK has no incident")
    return _MATRIX[(status, urgent(criticality, users))]


def higher(a: IncidentPriority, b: IncidentPriority) -> IncidentPriority:
    """The more urgent of two priorities (P1 < P2 as text)."""
    return min(a, b)


class Move(StrEnum):
    NOTHING = "NOTHING"
    OPEN = "OPEN"
    #: new failed CIs, alerts or a higher priority on the open incident
    ATTACH = "ATTACH"
    #: failing again soon after its last incident was resolved: that one again
    REOPEN = "REOPEN"
    RESOLVE = "RESOLVE"


@dataclass(frozen=True)
class KnownIncident:
    """The service's automatic incident, as stored."""

    id: str
    number: str
    state: IncidentState
    priority: IncidentPriority
    affects: frozenset[str]
    fingerprints: frozenset[str]
    resolved_at: datetime | None = None


@dataclass(frozen=True)
class ServiceView:
    """One service, read under its lock, with the impact of today's failures."""

    id: str
    #: the impact of every failed CI
    status: Status
    #: the impact of the failed CIs no open approved change covers: what incidents follow
    effective: Status
    #: failed CIs it needs (transitively) that no open change covers
    failed: frozenset[str]
    #: alerts holding those CIs at a failed status now
    alerts: frozenset[str]
    criticality: int | None = None
    users: int | None = None
    #: NEW or IN_PROGRESS
    open: KnownIncident | None = None
    #: its last RESOLVED automatic incident
    last_resolved: KnownIncident | None = None


@dataclass(frozen=True)
class Decision:
    move: Move
    priority: IncidentPriority | None = None
    #: CIs to add to what the incident AFFECTS (the service itself on opening)
    new_affects: frozenset[str] = frozenset()
    new_alerts: frozenset[str] = frozenset()


def decide(
    view: ServiceView, firing: Collection[str], at: datetime, reopen_within: timedelta
) -> Decision:
    """``firing``: which of the open incident's alerts still fire."""
    if view.effective is Status.OK:
        still = view.open is not None and any(f in firing for f in view.open.fingerprints)
        if view.open is None or still:
            return Decision(Move.NOTHING)
        return Decision(Move.RESOLVE)
    wanted = priority(view.effective, view.criticality, view.users)
    current = view.open
    if current is None:
        last = view.last_resolved
        if last is None or last.resolved_at is None or at - last.resolved_at > reopen_within:
            return Decision(Move.OPEN, wanted, view.failed | {view.id}, view.alerts)
        current, move = last, Move.REOPEN
    else:
        move = Move.ATTACH
    raised = higher(wanted, current.priority)
    affects = view.failed - current.affects
    alerts = view.alerts - current.fingerprints
    if move is Move.ATTACH and not affects and not alerts and raised == current.priority:
        return Decision(Move.NOTHING)
    return Decision(move, raised, affects, alerts)
