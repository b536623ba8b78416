"""One transaction's statements, one at a time and in order, while the caller works.

A transaction runs one statement at a time. Awaiting each in turn leaves the database
idle while Python works on the last answer (planning the rows just read), and Python
idle while the database works. A :class:`Lane` queues the statements instead: one task
runs them in the order they were submitted and starts the next one (sends it to the
database) as soon as the last has answered, before the caller goes on with that answer.
So the database reads the next rows while Python plans the last ones. After a statement
fails, the ones queued behind it do not run: a failed transaction takes no more
statements, and their awaiters get the same error (so whichever the caller awaits first,
it sees what went wrong, e.g. a transient error the driver retries the transaction on).

Leaving the lane drops the statements that have not started and waits for the one
running: a transaction is never rolled back under a running statement.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any, TypeVar

T = TypeVar("T")

Queued = tuple[Callable[[], Awaitable[Any]], "asyncio.Future[Any]"]


class Skipped(RuntimeError):
    """A statement left in the queue when the lane stopped."""


class Lane:
    def __init__(self) -> None:
        self._queue: deque[Queued] = deque()
        self._more = asyncio.Event()
        self._worker: asyncio.Task[None] | None = None
        self._closing = False
        self._futures: list[asyncio.Future[Any]] = []

    def submit(self, call: Callable[[], Awaitable[T]]) -> asyncio.Future[T]:
        """Run ``call`` once every statement submitted before it has ended."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._queue.append((call, future))
        self._futures.append(future)
        self._more.set()
        if self._worker is None:
            self._worker = asyncio.create_task(self._run())
        return future

    async def _run(self) -> None:
        try:
            await self._each()
        finally:  # however the worker ends, nobody is left waiting on a statement
            for _, future in self._queue:
                if not future.done():
                    future.set_exception(Skipped("the lane stopped before this statement"))

    async def _each(self) -> None:
        failed: Exception | None = None
        while self._queue or not self._closing:
            if not self._queue:
                self._more.clear()
                await self._more.wait()
                continue
            call, future = self._queue.popleft()
            if future.done():  # dropped on leaving
                continue
            if failed is not None:
                future.set_exception(failed)
                continue
            try:
                result = await call()
            except Exception as error:  # the awaiter gets it; nothing runs after it
                failed = error
                future.set_exception(error)
            except BaseException:
                future.cancel()
                raise
            else:
                # set, then straight on to the next statement without yielding: it is
                # sent before the caller resumes with this answer
                future.set_result(result)

    async def __aenter__(self) -> Lane:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._closing = True
        for _, future in self._queue:
            future.cancel()
        self._more.set()
        # the running statement ends first, even if this task is cancelled again
        # meanwhile (a server shutting down): never two statements on one transaction
        cancelled = False
        while self._worker is not None and not self._worker.done():
            try:
                await asyncio.wait([self._worker])
            except asyncio.CancelledError:
                cancelled = True
        for future in self._futures:  # every error is taken (the awaiters saw theirs)
            if future.done() and not future.cancelled():
                future.exception()
        if cancelled:
            raise asyncio.CancelledError
