"""Bounded concurrency for a class of expensive work: at most ``running`` at once and
``waiting`` more in line; anything past that is refused at once (the caller answers
503 with Retry-After) instead of joining a queue without end."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class CapacityFull(Exception):
    """Every running slot and every place in line is taken."""


class Capacity:
    def __init__(self, running: int, waiting: int) -> None:
        self.limit, self.max_waiting = running, waiting
        self._slots = asyncio.Semaphore(running)
        self.running = 0
        self.waiting = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold a running slot for the block; raises :class:`CapacityFull` when none is
        free and the line is full. A holder cancelled (its client gone, its deadline
        past) gives its slot or its place in line back."""
        if self._slots.locked() and self.waiting >= self.max_waiting:
            raise CapacityFull
        self.waiting += 1
        try:
            await self._slots.acquire()
        finally:
            self.waiting -= 1
        self.running += 1
        try:
            yield
        finally:
            self.running -= 1
            self._slots.release()


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
