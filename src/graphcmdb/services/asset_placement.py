"""Where many assets are, who holds them and which CI each tracks, in one transaction
and one audit entry (an import from another register; the demo).

Location and holder replace the previous ones. An asset tracks one CI and a CI is
tracked by one asset: a CI already tracked by another asset stays with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphcmdb.db.database import Database, Tx
from graphcmdb.graph.enums import RelType
from graphcmdb.services import audit, link_bulk
from graphcmdb.services.actor import Actor
from graphcmdb.services.link_bulk import Link


@dataclass(frozen=True)
class Placement:
    asset_id: str
    ci_id: str | None = None
    location_id: str | None = None
    holder_id: str | None = None

    def links(self) -> list[Link]:
        me, out = self.asset_id, []
        if self.ci_id is not None:
            out.append(Link(RelType.TRACKS, me, self.ci_id, single=True, one_to_one=True))
        if self.location_id is not None:
            out.append(Link(RelType.LOCATED_AT, me, self.location_id, single=True))
        if self.holder_id is not None:
            out.append(Link(RelType.ASSIGNED_TO, me, self.holder_id, single=True))
        return out


async def place(db: Database, actor: Actor, placements: list[Placement]) -> int:
    """Write every placement; the number of links created or changed."""

    async def work(tx: Tx) -> int:
        changed = await link_bulk.merge_in(tx, [k for p in placements for k in p.links()])
        if changed:
            targets = sorted(set(changed))
            await audit.record(tx, actor, "placeAssets", targets, None, {"links": len(changed)})
        return len(changed)

    return await db.write(work)
