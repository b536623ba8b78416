"""A second event loop, in a thread of its own, for the expensive GraphQL operations.

An impact analysis, a graph drawing or a report is mostly Python: the impact engine's
fixpoint, then graphql-core completing a large answer field by field, 0.1 to 0.3 s in one
synchronous stretch for the largest. On the API's event loop that stretch stalls every
other request (a search, a CI's details, ``/healthz``). Run on this loop instead, it
holds the interpreter only in turns (the thread switch interval, set to 1 ms once the
loop starts), so the API's loop keeps answering. Database calls made here are sent
back to the loop that owns the driver (``db/database.py``); cancelling the awaiting
request cancels the work here.

One loop per process, started on first use, a daemon thread: it holds no state of its
own between operations.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None
#: operations handed to the loop since the process started (what ran where, for tests
#: and a curious operator)
handed_over = 0


#: how long a thread may hold the interpreter while another waits for it (CPython's
#: default is 5 ms): the API's loop, woken by a socket, waits at most this long for the
#: expensive loop to let go, once per wake-up
SWITCH_INTERVAL_S = 0.001


def _start() -> asyncio.AbstractEventLoop:
    global _loop
    with _lock:
        if _loop is None:
            sys.setswitchinterval(SWITCH_INTERVAL_S)
            loop = asyncio.new_event_loop()
            thread = threading.Thread(
                target=loop.run_forever, name="graphcmdb-expensive", daemon=True
            )
            thread.start()
            _loop = loop
        return _loop


def is_off_loop() -> bool:
    """Whether the caller runs on the expensive operations' loop."""
    try:
        return asyncio.get_running_loop() is _loop
    except RuntimeError:
        return False


async def run(work: Coroutine[Any, Any, T]) -> T:
    """``work`` on the expensive operations' loop; its answer, or its error, here.
    Cancelling the caller (a client gone, a deadline passed) cancels ``work`` and waits
    for it to end, so what it held (a slot, a transaction) is given back before the
    caller answers."""
    global handed_over
    handed_over += 1
    caller, loop = asyncio.get_running_loop(), _start()
    ended: asyncio.Future[T] = caller.create_future()
    started: list[asyncio.Task[T]] = []

    def start() -> None:
        task = loop.create_task(work)  # in the caller's context (request id, scopes)
        started.append(task)
        task.add_done_callback(lambda t: caller.call_soon_threadsafe(_settle, t, ended))

    loop.call_soon_threadsafe(start)
    try:
        return await asyncio.shield(ended)
    except asyncio.CancelledError:
        loop.call_soon_threadsafe(lambda: started[0].cancel())  # after start: in order
        await asyncio.wait([ended])
        raise


def _settle(task: asyncio.Task[T], ended: asyncio.Future[T]) -> None:
    if ended.done():
        return
    if task.cancelled():
        ended.cancel()
    elif (error := task.exception()) is not None:
        ended.set_exception(error)
    else:
        ended.set_result(task.result())
