"""The live status feed: every status move monitoring makes, numbered in commit order.

The events' transaction marks the ``StatusChange`` nodes it writes (CIs and business
services) with a ``batch`` and, as its last step (after the history capture too),
:func:`stamp_last` gives them the feed's next number (``feedSeq``) under the ``ChangeFeed``
node's lock. The lock is held until commit, so numbers commit in order: a reader that
has seen everything up to N never sees a move numbered N or less appear later. Every
API process polls :func:`moves` after the last number it has seen (``api/live.py``), so
a move made through one process reaches the subscribers of all of them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.graph.enums import CIStatus, IncidentPriority, IncidentState, Label, LiveKind

#: the one feed (``ChangeFeed.name``)
FEED = "status"
#: feed numbers read at most in one poll (a number is one payload's moves)
SPAN = 200


def new_batch() -> str:
    """The mark of one payload's status moves until :func:`stamp_last` numbers them."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class LiveIncident:
    id: str
    number: str
    state: IncidentState
    priority: IncidentPriority | None


@dataclass(frozen=True)
class LiveMove:
    """One status move of a CI or a business service, as the feed numbered it."""

    seq: int
    at: datetime
    kind: LiveKind
    node_id: str
    name: str | None
    before: CIStatus | None
    after: CIStatus
    reason: str | None
    #: a service's move: the automatic incident it opened, attached to or resolved
    incident: LiveIncident | None = None

    @property
    def id(self) -> str:
        """The node's id (``services/visible.py`` asks by it)."""
        return self.node_id

    @property
    def labels(self) -> tuple[str, ...]:
        return (Label.CI.value if self.kind is LiveKind.CI else Label.SERVICE.value,)


def stamp_last(tx: Tx, batch: str) -> None:
    """Number the moves of ``batch`` as ``tx``'s last statement (``Tx.last``): after the
    history capture too, which in an evaluator's pass took up to a second while every
    payload's transaction waited for the feed's lock."""
    tx.last(lambda: tx.one(Q.LIVE_STAMP, batch=batch, feed=FEED))


async def cursor(db: Database) -> int:
    """The feed's last number: a poller starting now pushes only what comes after."""
    rows = await db.read(Q.LIVE_CURSOR, feed=FEED)
    return int(rows[0]["seq"]) if rows else 0


def _incident(value: object) -> LiveIncident | None:
    if not isinstance(value, dict):
        return None
    priority = value.get("priority")
    return LiveIncident(
        id=str(value["id"]),
        number=str(value["number"]),
        state=IncidentState(value["state"]),
        priority=IncidentPriority(priority) if priority else None,
    )


def _move(row: Row) -> LiveMove:
    m = row["move"]
    service = m.get("serviceId")
    return LiveMove(
        seq=int(m["feedSeq"]),
        at=m["at"],
        kind=LiveKind.SERVICE if service else LiveKind.CI,
        node_id=str(service or m["ciId"]),
        name=str(row["name"]) if row.get("name") is not None else None,
        before=CIStatus(m["from"]) if m.get("from") else None,
        after=CIStatus(m["to"]),
        reason=str(m["reason"]) if m.get("reason") is not None else None,
        incident=_incident(row.get("incident")),
    )


@dataclass(frozen=True)
class FeedRead:
    #: the feed's last number (below a reader's cursor: the feed was reset, e.g. the
    #: database restored)
    last: int
    moves: list[LiveMove]


async def moves(db: Database, after: int, span: int = SPAN) -> FeedRead:
    """The moves numbered after ``after`` (at most ``span`` numbers), in feed order."""
    rows = await db.read(Q.LIVE_MOVES, after=after, upTo=after + span, feed=FEED)
    last = int(rows[0]["last"]) if rows else 0
    return FeedRead(last, [_move(r) for r in rows if r.get("move") is not None])
