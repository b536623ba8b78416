"""Which moves of a live batch a scoped subscriber sees, read once per batch and scope
set: a hundred dashboards of one team's scopes cost one visibility read per feed batch,
not a hundred. Subscribers without scopes see every move (no read at all)."""

from __future__ import annotations

import asyncio

from graphcmdb.db import scoping
from graphcmdb.db.database import Database
from graphcmdb.db.scoping import Scope
from graphcmdb.services import visible
from graphcmdb.services.actor import Actor
from graphcmdb.services.live_feed import LiveMove

ScopeKey = tuple[Scope, ...]


class SharedVisibility:
    """The visibility reads of the newest batch, by scope set (older batches, which only
    a lagging subscriber still reads, are read on their own)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._batch: list[LiveMove] | None = None
        self._reads: dict[ScopeKey, asyncio.Future[set[str] | None]] = {}

    def newest(self, moves: list[LiveMove]) -> None:
        """``moves`` is the batch being handed to every subscriber now."""
        self._batch, self._reads = moves, {}

    async def shown(self, actor: Actor, moves: list[LiveMove]) -> list[LiveMove]:
        """The moves of ``moves`` that ``actor`` may see."""
        if not moves or not actor.scopes:
            return moves
        key = tuple(sorted(set(actor.scopes), key=lambda s: s.text))
        if moves is not self._batch:
            seen = await self._read(key, moves)
        else:
            read = self._reads.get(key)
            if read is None:
                read = self._reads[key] = asyncio.ensure_future(self._read(key, moves))
            seen = await asyncio.shield(read)  # one subscriber leaving cancels no other's
        return moves if seen is None else [m for m in moves if m.node_id in seen]

    async def _read(self, scopes: ScopeKey, moves: list[LiveMove]) -> set[str] | None:
        with scoping.bound(scopes):
            return await visible.visible_nodes(self.db, moves)
