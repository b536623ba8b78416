"""CI status from the alerts bound to it, applied in the events' transaction.

Each CI whose alerts changed is locked, its alerts' holds read under the lock, and the
status ``events/status.py`` decides is written with a ``StatusChange`` (the history) and
one audit entry for the payload.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q
from graphcmdb.events.status import StatusMove, next_status
from graphcmdb.graph.enums import CIStatus
from graphcmdb.services import audit
from graphcmdb.services.actor import Actor


@dataclass(frozen=True)
class Cause:
    """The last event that touched a CI in this payload: named by its status change."""

    fingerprint: str
    event_id: str
    reason: str


@dataclass(frozen=True)
class StatusChanged:
    ci_id: str
    before: CIStatus | None
    after: CIStatus
    cause: Cause


def _status(value: object) -> CIStatus | None:
    try:
        return CIStatus(str(value)) if value is not None else None
    except ValueError:
        return None


def _row(ci_id: str, before: CIStatus | None, move: StatusMove, cause: Cause) -> dict[str, object]:
    restoring = move.base is None
    reason = f"no open alert holds it any more ({cause.reason})" if restoring else cause.reason
    return {
        "id": ci_id,
        "from": before.value if before else None,
        "to": move.to.value,
        "base": move.base.value if move.base else None,
        "reason": reason,
        "fingerprint": cause.fingerprint,
        "eventId": cause.event_id,
    }


async def apply(
    tx: Tx, actor: Actor, causes: Mapping[str, Cause], at: datetime, batch: str
) -> list[StatusChanged]:
    """Bring each CI of ``causes`` to the status its alerts hold it at (its moves
    marked with ``batch`` for the live feed, ``services/live_feed.py``)."""
    if not causes:
        return []
    rows, changed = [], []
    [holds] = await tx.run(Q.EVENT_CI_HOLDS, ids=sorted(causes))
    for found in holds["cis"]:
        ci_id = str(found["id"])
        current, base = _status(found["status"]), _status(found["base"])
        held = [s for s in map(_status, found["held"]) if s is not None]
        move = next_status(current, base, held)
        if move is None:
            continue
        rows.append(_row(ci_id, current, move, causes[ci_id]))
        if move.to is not current:
            changed.append(StatusChanged(ci_id, current, move.to, causes[ci_id]))
    if rows:
        await tx.run(Q.EVENT_SET_CI_STATUS, rows=rows, at=at, batch=batch)
    if changed:
        await audit.record(
            tx,
            actor,
            "setCIStatusFromEvents",
            [c.ci_id for c in changed],
            {c.ci_id: {"status": c.before} for c in changed},
            {c.ci_id: {"status": c.after, "reason": c.cause.reason} for c in changed},
            relationships=False,  # a status and a StatusChange beside: no edge at the CI
        )
    return changed
