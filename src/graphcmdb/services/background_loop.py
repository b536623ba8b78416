"""The loop a background worker of an API process runs (the impact evaluator, the
notification dispatcher): a turn, then a wait, until stopped. A turn that fails is
logged, never fatal: the next one tries again (Neo4j away is a warning, not a trace)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from graphcmdb.errors import CmdbError, DatabaseUnavailable

T = TypeVar("T")


async def run_turns(
    turn: Callable[[], Awaitable[object]],
    stop: asyncio.Event,
    every_s: float,
    log: logging.Logger,
    undone: str,
    wake: asyncio.Event | None = None,
) -> None:
    """``turn`` at once, then every ``every_s`` (or as soon as ``wake`` is set: the turn
    clears it) until ``stop`` is set; a turn under way is finished before it returns.
    ``undone`` says in the log what a failed turn left for the next."""
    while not stop.is_set():
        try:
            await turn()
        except DatabaseUnavailable as exc:
            log.warning("%s (next turn): %s", undone, exc.message)
        except CmdbError as exc:
            log.error("%s: [%s] %s", undone, exc.code, exc.message)
        except Exception:
            log.exception("%s: the turn failed", undone)
        if wake is not None and wake.is_set():
            continue
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(either(stop, wake), every_s)


async def either(stop: asyncio.Event, wake: asyncio.Event | None) -> None:
    """Until ``stop`` or ``wake`` is set."""
    waits = {asyncio.ensure_future(e.wait()) for e in (stop, wake) if e is not None}
    try:
        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiting in waits:
            waiting.cancel()


async def unless_stopped(work: Awaitable[T], stop: asyncio.Event | None) -> T | None:
    """``work``'s answer, or None if ``stop`` is set first: it is then cancelled (and
    awaited), so what it started ends with it."""
    if stop is None:
        return await work
    doing = asyncio.ensure_future(work)
    stopped = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait([doing, stopped], return_when=asyncio.FIRST_COMPLETED)
    finally:
        stopped.cancel()
        if not doing.done():
            doing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await doing
    return None if doing.cancelled() else doing.result()
