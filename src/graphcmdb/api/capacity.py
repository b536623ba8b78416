"""Bounded concurrency for a class of expensive work: at most ``running`` at once and
``waiting`` more in line; anything past that is refused at once (the caller answers
503 with Retry-After) instead of joining a queue without end."""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class CapacityFull(Exception):
    """Every running slot and every place in line is taken."""


class Capacity:
    """Usable from any event loop of the process (the API's and the expensive queries'
    own, ``api/off_loop.py``): the counts are kept under a lock, and a slot given back
    is handed to the first in line on that waiter's loop."""

    def __init__(self, running: int, waiting: int) -> None:
        self.limit, self.max_waiting = running, waiting
        self._lock = threading.Lock()
        self._line: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = deque()
        self.running = 0
        self.waiting = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold a running slot for the block; raises :class:`CapacityFull` when none is
        free and the line is full. A holder cancelled (its client gone, its deadline
        past) gives its slot or its place in line back."""
        loop = asyncio.get_running_loop()
        turn: asyncio.Future[None] | None = None
        with self._lock:
            if self.running < self.limit and not self._line:
                self.running += 1
            elif self.waiting >= self.max_waiting:
                raise CapacityFull
            else:
                turn = loop.create_future()
                self._line.append((loop, turn))
                self.waiting += 1
        if turn is not None:
            await self._wait(loop, turn)
        try:
            yield
        finally:
            self._release()

    async def _wait(self, loop: asyncio.AbstractEventLoop, turn: asyncio.Future[None]) -> None:
        """Wait in line until a slot is handed over (``running`` already counts it)."""
        try:
            await turn
        except BaseException:
            with self._lock:
                queued = (loop, turn) in self._line
                if queued:
                    self._line.remove((loop, turn))
                    self.waiting -= 1
            if not queued and turn.done() and not turn.cancelled():
                self._release()  # handed a slot just as it left: pass it on
            raise  # (handed over but cancelled first: _hand_over passes it on)

    def _release(self) -> None:
        with self._lock:
            if not self._line:
                self.running -= 1
                return
            loop, turn = self._line.popleft()
            self.waiting -= 1
        loop.call_soon_threadsafe(self._hand_over, turn)

    def _hand_over(self, turn: asyncio.Future[None]) -> None:
        """On the waiter's loop: its turn, unless it left the line meanwhile."""
        if turn.cancelled():
            self._release()
        else:
            turn.set_result(None)


class Capacities:
    """One :class:`Capacity` per class name, all with the same bounds; a ``running``
    of 0 bounds nothing."""

    def __init__(self, running: int, waiting: int) -> None:
        self.running, self.waiting = running, waiting
        self._by_class: dict[str, Capacity] = {}

    def __getitem__(self, name: str) -> Capacity:
        if name not in self._by_class:
            self._by_class[name] = Capacity(self.running, self.waiting)
        return self._by_class[name]

    @property
    def enabled(self) -> bool:
        return self.running > 0
