"""Token look-ups without a database round trip per request, revocation still at once.

An API process keeps what it looked up, keyed by the token's SHA-256 (never the token
itself), each entry with the token feed's *stamp* it was looked up under. Every token
change (create, revoke, reissue) gives the feed a new random stamp in the same
statement (``cypher/token/``). An entry is used only while its stamp is the one this
process last read, by a read that started less than ``sync_s`` ago:

- a change made through this process (``createToken``, ``revokeToken``) calls
  :meth:`TokenCache.changed` once committed, so the next request reads the stamp
  again and looks the token up again: no staleness at all;
- a change made anywhere else (``graphcmdb token revoke``, another API process) applies
  here at most ``sync_s`` after its commit: a stamp read started after the commit sees
  the new stamp, and nothing older than ``sync_s`` is trusted.

Reading the stamp is one small indexed read per ``sync_s`` while requests come and none
while the process is idle. Once half of ``sync_s`` has passed, a request starts the next
read in the background and goes on with the stamp it has, so under steady traffic no
request waits for it; past ``sync_s`` a request waits for a read (shared by every request
waiting then). An entry is tagged with a stamp read before its look-up began, so a
look-up racing a change is never trusted past the change's stamp.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from graphcmdb.db.database import Database
from graphcmdb.errors import DatabaseUnavailable
from graphcmdb.services import tokens
from graphcmdb.services.actor import Actor

log = logging.getLogger("graphcmdb.tokens")


@dataclass(frozen=True)
class _Stamp:
    value: str | None
    #: the clock when the read that gave it started
    read_at: float
    #: :attr:`TokenCache._epoch` when it started (a change made here since voids it)
    epoch: int


@dataclass(frozen=True)
class _Reading:
    started: float
    epoch: int
    task: asyncio.Task[str | None]


class TokenCache:
    """One per API process (never module-level): the look-ups of the tokens it served."""

    MAX_ENTRIES = 10_000

    def __init__(self, sync_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.sync_s = sync_s
        self._clock = clock  # a test drives it instead of sleeping
        #: token hash → (the stamp it was looked up under, its actor or None: unknown)
        self._entries: dict[str, tuple[str | None, Actor | None]] = {}
        self._stamp: _Stamp | None = None
        self._reading: _Reading | None = None
        self._tasks: set[asyncio.Task[str | None]] = set()
        self._epoch = 0

    async def authenticate(self, db: Database, raw: str) -> Actor | None:
        """The actor behind ``raw``, or None for an unknown or revoked token."""
        if not raw.startswith(tokens.TOKEN_PREFIX):
            return None
        key = tokens.hash_token(raw)
        stamp = await self._current(db)
        hit = self._entries.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        epoch = self._epoch
        actor = await tokens.look_up(db, key)
        if epoch == self._epoch:  # no change made here while it was asked
            if len(self._entries) >= self.MAX_ENTRIES:
                self._entries.clear()
            self._entries[key] = (stamp, actor)
        return actor

    def changed(self) -> None:
        """This process committed a token change: nothing it read before is trusted."""
        self._epoch += 1
        self._stamp = None
        self._entries.clear()

    async def _current(self, db: Database) -> str | None:
        """The stamp, read less than ``sync_s`` ago (read now if need be)."""
        now = self._clock()
        known = self._stamp
        if known is not None and known.epoch == self._epoch:
            age = now - known.read_at
            if age < self.sync_s:
                if age >= self.sync_s / 2:
                    self._read(db, now)  # the next one, ahead of time; not waited for
                return known.value
        return await asyncio.shield(self._read(db, now))

    def _read(self, db: Database, now: float) -> asyncio.Task[str | None]:
        """A read of the stamp started at ``now`` or less than ``sync_s`` before, after
        the last change made here: the one under way if it qualifies, else a new one."""
        under_way = self._reading
        if (
            under_way is not None
            and not under_way.task.done()
            and under_way.epoch == self._epoch
            and now - under_way.started < self.sync_s
        ):
            return under_way.task
        task = asyncio.get_running_loop().create_task(self._fetch(db, now, self._epoch))
        self._reading = _Reading(now, self._epoch, task)
        self._tasks.add(task)
        task.add_done_callback(self._finished)
        return task

    async def _fetch(self, db: Database, started: float, epoch: int) -> str | None:
        value = await tokens.stamp(db)
        known = self._stamp
        if epoch == self._epoch and (known is None or known.read_at <= started):
            if known is not None and known.value != value:
                self._entries.clear()  # looked up under a stamp that is gone
            self._stamp = _Stamp(value, started, epoch)
        return value

    def _finished(self, task: asyncio.Task[str | None]) -> None:
        self._tasks.discard(task)
        if task.cancelled():
            return
        failed = task.exception()  # retrieved: a read ahead nobody waited for may fail
        if failed is not None and not isinstance(failed, DatabaseUnavailable):
            log.error("the token feed's stamp was not read", exc_info=failed)
