"""The outbox: a notice becomes one delivery per subscription that wants it, written in
the transaction of the change that causes it (``enqueue``).

Incidents call :func:`incident` from the transaction that opens or resolves one
(``services/incidents.py``; the impact evaluator calls :func:`incidents` for all those a
pass moved, and any other code that opens or resolves incidents calls them the same
way), so the notice commits with the incident or not at all. The time-based notices come
from ``notify_scan``; the dispatcher (``notify_dispatch``) sends them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from graphcmdb.db.database import Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.notify.model import DeliveryState, NotificationKind, Subject

#: the incident kinds :func:`incidents` writes
INCIDENT_KINDS = (NotificationKind.INCIDENT_OPENED, NotificationKind.INCIDENT_RESOLVED)


@dataclass(frozen=True)
class Notice:
    """One subject to tell of: ``key`` names it within its kind (an incident id,
    ``<contract id>:<notice date>`` ...)."""

    kind: NotificationKind
    key: str
    subject: Subject


async def enqueue_all(tx: Tx, notices: Sequence[Notice], at: datetime | None = None) -> list[str]:
    """Per notice, one PENDING delivery per subscription that wants its kind and whose
    filter it passes, due ``at`` (now), in one statement for them all. Enqueuing the same
    kind and key again writes nothing. Returns the ids of the deliveries (new or already
    there)."""
    if not notices:
        return []
    rows = await tx.run(
        Q.NOTIFY_ENQUEUE,
        notices=[
            {
                "kind": n.kind.value,
                "key": n.key,
                "subject": n.subject.stored(),
                "targetIds": list(n.subject.target_ids),
            }
            for n in notices
        ],
        pending=DeliveryState.PENDING.value,
        at=at or datetime.now(UTC),
    )
    return [str(r["id"]) for r in rows]


async def enqueue(
    tx: Tx, kind: NotificationKind, key: str, subject: Subject, at: datetime | None = None
) -> list[str]:
    """One notice (:func:`enqueue_all`)."""
    return await enqueue_all(tx, [Notice(kind, key, subject)], at)


def _incident_notice(row: Row) -> Notice:
    """The notice of one incident opened or resolved, from its subject's row."""
    kind = NotificationKind(row["kind"])
    inc = row["incident"]
    incident_id = str(inc["id"])
    affects = [a["name"] or a["id"] for a in row["affects"]]
    services = sorted(row["servicesHit"])
    verb = "opened" if kind is NotificationKind.INCIDENT_OPENED else "resolved"
    moment = inc.get("resolvedAt") if kind is NotificationKind.INCIDENT_RESOLVED else None
    lines = (
        f"Incident {inc['number']} ({inc['priority']}) {verb}: {inc['title']}",
        f"State: {inc['state']}",
        f"Opened at: {inc['openedAt'].isoformat()}",
        *([f"Resolved at: {moment.isoformat()}"] if moment else []),
        f"Affects: {', '.join(affects) or 'nothing recorded'}",
        f"Services hit: {', '.join(services) or 'none'}",
    )
    subject = Subject(
        title=f"{inc['number']} {verb}: {inc['title']}",
        lines=lines,
        target_ids=tuple(a["id"] for a in row["affects"]),
        object_id=incident_id,
        facts={
            "number": inc["number"],
            "title": inc["title"],
            "priority": inc["priority"],
            "state": inc["state"],
            "openedAt": inc["openedAt"].isoformat(),
            "resolvedAt": moment.isoformat() if moment else None,
            "affects": ", ".join(affects),
            "servicesHit": ", ".join(services),
        },
    )
    key = incident_id
    if kind is NotificationKind.INCIDENT_RESOLVED:
        key = f"{incident_id}:{inc.get('reopenCount') or 0}"
    return Notice(kind, key, subject)


async def incidents(
    tx: Tx, moves: Sequence[tuple[str, NotificationKind]], at: datetime | None = None
) -> list[str]:
    """Enqueue the notices of incidents just opened or resolved (``(incident id, kind)``),
    in their transaction: their services' subscribers hear of them. Two statements for
    them all (their subjects, then :func:`enqueue_all`). The key is the incident (and,
    when resolved, its reopen count: a reopened incident resolved again is a new notice).
    An incident whose kind nobody subscribed to reads nothing more than that."""
    if not moves:
        return []
    assert all(kind in INCIDENT_KINDS for _, kind in moves), moves
    rows = await tx.run(
        Q.NOTIFY_INCIDENT_SUBJECT, rows=[{"id": i, "kind": k.value} for i, k in moves]
    )
    return await enqueue_all(tx, [_incident_notice(r) for r in rows], at)


async def incident(
    tx: Tx, incident_id: str, kind: NotificationKind, at: datetime | None = None
) -> list[str]:
    """The notice of one incident opened or resolved (:func:`incidents`)."""
    return await incidents(tx, [(incident_id, kind)], at)
