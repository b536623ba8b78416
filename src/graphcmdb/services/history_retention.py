"""Retention of history (``db/history.py``): versions that ended before a cut-off are
dropped unless they held at one of the anchors (month ends by default), so the graph
stays answerable exactly at each anchor and at any moment after the cut-off."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q


@dataclass(frozen=True)
class HistorySize:
    timelines: int
    versions: int
    edge_versions: int


def month_ends(start: datetime, end: datetime) -> list[datetime]:
    """The last instant of each month (the first of the next, exclusive) in [start, end]."""
    out: list[datetime] = []
    year, month = start.year, start.month
    while True:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        anchor = datetime(year, month, 1, tzinfo=UTC) - timedelta(microseconds=1)
        if anchor > end:
            return out
        if anchor >= start:
            out.append(anchor)


async def size(db: Database) -> HistorySize:
    row = (await db.read(Q.HISTORY_SIZE))[0]
    return HistorySize(int(row["timelines"]), int(row["versions"]), int(row["edgeVersions"]))


async def compact(db: Database, before: datetime, anchors: list[datetime]) -> HistorySize:
    """Drop what ended before ``before`` and held at none of ``anchors``; what is left."""
    for query in (Q.HISTORY_COMPACT_STATES, Q.HISTORY_COMPACT_EDGES):
        await db.run_raw(db.catalogue[query], before=before, anchors=anchors)
    await db.run_raw(db.catalogue[Q.HISTORY_COMPACT_TIMELINES])
    return await size(db)


async def compact_by_retention(db: Database, days: int, now: datetime) -> HistorySize:
    """:func:`compact` with the cut-off ``days`` before ``now`` and every month end before it
    (back to the oldest version) as anchors."""
    before = now - timedelta(days=days)
    oldest = datetime(2000, 1, 1, tzinfo=UTC)
    return await compact(db, before, month_ends(oldest, before))
