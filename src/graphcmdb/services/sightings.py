"""When a source (an inventory feed, the demo's nightly sweep) last saw CIs on the
network: ``lastSeen`` only moves forward, ``firstSeen`` is set once, and the source is
added to the CI's ``sources``. One transaction and one audit entry when anything moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.services import audit
from graphcmdb.services.actor import Actor


@dataclass(frozen=True)
class Sighting:
    ci_id: str
    at: datetime


async def record(db: Database, actor: Actor, source: str, seen: list[Sighting]) -> int:
    """The number of CIs whose sighting moved."""

    async def work(tx: Tx) -> int:
        rows = await tx.run(
            Q.CI_RECORD_SIGHTINGS,
            source=source,
            rows=[{"id": s.ci_id, "lastSeen": s.at} for s in seen],
        )
        moved = [str(r["id"]) for r in rows]
        if moved:
            await audit.record(tx, actor, "recordSightings", moved, None, {"source": source})
        return len(moved)

    return await db.write(work)
