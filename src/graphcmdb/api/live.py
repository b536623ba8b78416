"""Live status for GraphQL subscriptions: one feed poller per API process, fanned out.

While a process has subscribers, its poller reads the status feed (``services/
live_feed.py``) every ``live_poll_s`` after the last number it saw and hands each batch
to every subscriber's queue; moves made through any process sharing the Neo4j arrive the
same way, so a move reaches every subscriber within about one poll interval after its
commit (plus the read). A subscriber sees a move only when its token's scopes show the
node (``live_visibility.py``: one read per batch and scope set); its token is looked up
again every ``live_auth_check_s`` (a revoked token's subscriptions end then); a token
holds at most ``live_per_token`` subscriptions, a process serves at most
``live_per_process``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

from graphcmdb.api.live_visibility import SharedVisibility
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.errors import DatabaseUnavailable, LimitExceeded, Unauthenticated
from graphcmdb.graph.enums import Role
from graphcmdb.services import live_feed
from graphcmdb.services.actor import Actor
from graphcmdb.services.live_feed import LiveMove

log = logging.getLogger("graphcmdb.api.live")

#: batches a slow subscriber may have waiting before it is dropped
QUEUE_BATCHES = 256
Authenticate = Callable[[Database, str], Awaitable[Actor | None]]


@dataclass(frozen=True)
class LiveBatch:
    """What one subscriber receives at once: the moves of one or more feed numbers it
    may see (none in the first, which says from which number it is live)."""

    seq: int
    moves: tuple[LiveMove, ...] = ()


@dataclass(eq=False)
class _Subscriber:
    token_id: str
    queue: asyncio.Queue[list[LiveMove] | None] = field(
        default_factory=lambda: asyncio.Queue(QUEUE_BATCHES)
    )


def may_subscribe(actor: Actor | None) -> bool:
    return actor is not None and actor.role.allows(Role.VIEWER)


class LiveHub:
    """The process's subscribers and the poller that feeds them (running only while
    there are subscribers)."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        authenticate: Authenticate,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.db, self.settings, self.authenticate, self.clock = db, settings, authenticate, clock
        self._subscribers: set[_Subscriber] = set()
        self._per_token: Counter[str] = Counter()
        self._poller: asyncio.Task[None] | None = None
        self._started: asyncio.Future[int] | None = None
        self.cursor = 0
        self.visibility = SharedVisibility(db)

    @property
    def count(self) -> int:
        return len(self._subscribers)

    def _join(self, actor: Actor) -> _Subscriber:
        token = actor.token_id or actor.name
        if len(self._subscribers) >= self.settings.live_per_process:
            raise LimitExceeded(
                f"This API process serves {self.settings.live_per_process} status "
                "subscriptions already; try again later or another process."
            )
        if self._per_token[token] >= self.settings.live_per_token:
            raise LimitExceeded(
                f"Token '{actor.name}' holds {self.settings.live_per_token} status "
                "subscriptions already (live_per_token)."
            )
        sub = _Subscriber(token)
        self._subscribers.add(sub)
        self._per_token[token] += 1
        if self._poller is None or self._poller.done():
            self._started = asyncio.get_running_loop().create_future()
            self._poller = asyncio.create_task(self._poll(), name="graphcmdb-live-poller")
        return sub

    def _leave(self, sub: _Subscriber) -> None:
        if sub in self._subscribers:
            self._subscribers.discard(sub)
            self._per_token[sub.token_id] -= 1
            if self._per_token[sub.token_id] <= 0:
                del self._per_token[sub.token_id]
        if not self._subscribers and self._poller is not None:
            self._poller.cancel()
            self._poller = None

    async def _poll(self) -> None:
        started = self._started
        assert started is not None
        while not started.done():
            try:
                self.cursor = await live_feed.cursor(self.db)
                started.set_result(self.cursor)
            except DatabaseUnavailable as exc:
                log.warning("live feed not read: %s", exc.message)
                await asyncio.sleep(self.settings.live_poll_s)
        while self._subscribers:
            await asyncio.sleep(self.settings.live_poll_s)
            try:
                read = await live_feed.moves(self.db, self.cursor)
            except DatabaseUnavailable as exc:
                log.warning("live feed not read: %s", exc.message)
                continue
            moves = read.moves
            if not moves:
                self.cursor = min(self.cursor, read.last)  # a feed reset starts over
                continue
            self.cursor = moves[-1].seq
            self.visibility.newest(moves)
            for sub in list(self._subscribers):
                try:
                    sub.queue.put_nowait(moves)
                except asyncio.QueueFull:  # too slow: dropped, told why
                    self._leave(sub)
                    sub.queue.get_nowait()
                    sub.queue.put_nowait(None)

    async def stop(self) -> None:
        poller, self._poller = self._poller, None
        if poller is not None:
            poller.cancel()
            await asyncio.gather(poller, return_exceptions=True)

    async def follow(self, actor: Actor, raw_token: str | None) -> AsyncIterator[LiveBatch]:
        """The batches ``actor`` may see, from now on, until its token is revoked."""
        sub = self._join(actor)
        try:
            assert self._started is not None
            yield LiveBatch(await asyncio.shield(self._started))
            async for batch in self._batches(sub, actor, raw_token):
                yield batch
        finally:
            self._leave(sub)

    async def _batches(
        self, sub: _Subscriber, actor: Actor, raw_token: str | None
    ) -> AsyncIterator[LiveBatch]:
        check_at = self.clock() + self.settings.live_auth_check_s
        while True:
            try:
                moves = await asyncio.wait_for(sub.queue.get(), max(0.0, check_at - self.clock()))
            except TimeoutError:
                moves = []
            if self.clock() >= check_at:
                actor = await self._recheck(actor, raw_token)
                check_at = self.clock() + self.settings.live_auth_check_s
            if moves is None:
                raise LimitExceeded("This subscription fell too far behind and was dropped.")
            shown = await self.visibility.shown(actor, moves)
            if shown:
                yield LiveBatch(moves[-1].seq, tuple(shown))

    async def _recheck(self, actor: Actor, raw_token: str | None) -> Actor:
        if raw_token is None:
            return actor
        again = await self.authenticate(self.db, raw_token)
        if again is None or not may_subscribe(again):
            raise Unauthenticated("The token of this subscription was revoked.")
        return again
