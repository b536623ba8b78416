"""What events leave behind, read back: CI status history and the unknown sources
report; and the retention of events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.graph.enums import CIStatus

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
