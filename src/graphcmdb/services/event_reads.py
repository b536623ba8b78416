"""What events leave behind, read back: CI status history, the unknown sources report
and the newest events (``graphcmdb events list``); and the retention of events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.graph.enums import AlertState, CIStatus, EventMatch

#: status changes one CI answers at most
HISTORY_LIMIT = 100
#: rows deleted per statement while pruning
PRUNE_BATCH = 10_000


@dataclass(frozen=True)
class StatusChangeRecord:
    at: datetime
    before: CIStatus | None
    after: CIStatus
    reason: str | None
    fingerprint: str | None
    event_id: str | None


@dataclass(frozen=True)
class UnknownSource:
    """Alerts no CI could be bound to, with one source key."""

    source: str
    source_key: str
    alerts: int
    events: int
    firing: int
    last_seen: datetime | None
    alert_names: tuple[str, ...]
    reason: str | None
    #: the CIs an ambiguous key found (none when no CI has it)
    candidate_ids: tuple[str, ...]


@dataclass(frozen=True)
class EventView:
    """One stored event, as ``graphcmdb events list`` shows it."""

    id: str
    received_at: datetime
    source: str
    alert_name: str | None
    state: AlertState
    severity: str | None
    match: EventMatch | None
    ci_id: str | None
    ci_name: str | None
    suppressed: bool
    fingerprint: str


@dataclass(frozen=True)
class Pruned:
    events: int
    alerts: int


def _change(row: dict[str, object]) -> StatusChangeRecord:
    before = row.get("from")
    at = row["at"]
    assert isinstance(at, datetime)
    return StatusChangeRecord(
        at=at,
        before=CIStatus(str(before)) if before else None,
        after=CIStatus(str(row["to"])),
        reason=str(row["reason"]) if row.get("reason") else None,
        fingerprint=str(row["fingerprint"]) if row.get("fingerprint") else None,
        event_id=str(row["eventId"]) if row.get("eventId") else None,
    )


async def status_history(
    db: Database, ci_ids: Sequence[str], limit: int = HISTORY_LIMIT
) -> dict[str, list[StatusChangeRecord]]:
    """Per CI id, its status changes made by events, newest first."""
    rows = await db.read(Q.EVENT_STATUS_HISTORY, ids=list(ci_ids), limit=limit)
    return {str(r["id"]): [_change(c) for c in r["changes"]] for r in rows}


async def unknown_sources(db: Database, limit: int) -> list[UnknownSource]:
    return [
        UnknownSource(
            source=str(r["source"]),
            source_key=str(r["sourceKey"]),
            alerts=int(r["alerts"]),
            events=int(r["events"]),
            firing=int(r["firing"]),
            last_seen=r["lastSeen"],
            alert_names=tuple(str(n) for n in r["alertNames"] if n),
            reason=r["reason"],
            candidate_ids=tuple(str(c) for c in r["candidateIds"]),
        )
        for r in await db.read(Q.EVENT_UNKNOWN_SOURCES, limit=limit)
    ]


def _text(value: object) -> str | None:
    return str(value) if value is not None else None


async def recent(
    db: Database, limit: int, source: str | None = None, ci_id: str | None = None
) -> list[EventView]:
    """The newest ``limit`` events, newest first (of one source, bound to one CI)."""
    rows = await db.read(Q.EVENT_RECENT, limit=limit, source=source, ciId=ci_id)
    found = []
    for r in rows:
        e = r["event"]
        found.append(
            EventView(
                id=str(e["id"]),
                received_at=e["receivedAt"],
                source=str(e["source"]),
                alert_name=_text(e.get("alertName")),
                state=AlertState(e["state"]),
                severity=_text(e.get("severity")),
                match=EventMatch(e["match"]) if e.get("match") else None,
                ci_id=_text(e.get("ciId")),
                ci_name=_text(r.get("ciName")),
                suppressed=bool(e.get("suppressed")),
                fingerprint=str(e["fingerprint"]),
            )
        )
    return found


async def prune(db: Database, now: datetime, retention: timedelta) -> Pruned:
    """Delete events received, and resolved alerts last heard of, before ``now -
    retention``, a batch per transaction until none is left (idempotent)."""
    before = now - retention
    totals = {Q.EVENT_PRUNE_EVENTS: 0, Q.EVENT_PRUNE_ALERTS: 0}
    for query in totals:

        async def work(tx: Tx, query: Q = query) -> int:
            row = await tx.one(query, before=before, batch=PRUNE_BATCH)
            return int(row["deleted"]) if row else 0

        while (deleted := await db.write(work)) > 0:
            totals[query] += deleted
    return Pruned(totals[Q.EVENT_PRUNE_EVENTS], totals[Q.EVENT_PRUNE_ALERTS])
