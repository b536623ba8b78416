"""``dependsOn`` and ``dependents`` of one request's nodes in one database read.

The explorer's CI details select both; as two DataLoaders they were two round trips.
Their batches are dispatched in the same turn of the event loop, so each side adds its
ids to what is wanted and awaits one shared read, which waits one more turn for the other
side before it asks (``relations.both_ways``: both directions in one statement). A side
asked alone still costs one read, of its own direction only. One per request
(``Loaders``), so nothing is shared across callers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from graphcmdb.db.database import Database
from graphcmdb.services import relations
from graphcmdb.services.relations import EdgeMap

#: what the next shared read asks: ids whose needs, ids whose dependents
Wanted = tuple[set[str], set[str]]


#: the shared read: (needs ids, needed-by ids) → (needs, needed by)
Read = Callable[[Database, list[str], list[str]], Awaitable[tuple[EdgeMap, EdgeMap]]]


class BothWays:
    def __init__(self, read: Read | None = None) -> None:
        self._read_both = read  # None: relations.both_ways, looked up when read
        self._wanted: Wanted = (set(), set())
        self._read: asyncio.Future[tuple[EdgeMap, EdgeMap]] | None = None

    async def needs(self, db: Database, ids: list[str]) -> EdgeMap:
        """What each of ``ids`` needs (a batch read of ``Loaders.depends_on``)."""
        self._wanted[0].update(ids)
        return (await self._joined(db))[0]

    async def needed_by(self, db: Database, ids: list[str]) -> EdgeMap:
        """What needs each of ``ids`` (a batch read of ``Loaders.dependents``)."""
        self._wanted[1].update(ids)
        return (await self._joined(db))[1]

    def _joined(self, db: Database) -> asyncio.Future[tuple[EdgeMap, EdgeMap]]:
        if self._read is None:
            self._read = asyncio.ensure_future(self._both(db))
        return self._read

    async def _both(self, db: Database) -> tuple[EdgeMap, EdgeMap]:
        await asyncio.sleep(0)  # the other side's batch of this turn joins meanwhile
        (needs, needed_by), self._wanted, self._read = self._wanted, (set(), set()), None
        read = self._read_both or relations.both_ways
        return await read(db, sorted(needs), sorted(needed_by))
