"""One transaction's statements, one at a time and in order, while the caller works.

A transaction runs one statement at a time. Awaiting each in turn leaves the database
idle while Python works on the last answer (planning the rows just read), and Python
idle while the database works. A :class:`Lane` queues the statements instead: each runs
in a task of its own as soon as the one before it has ended, so the database reads the
next rows while Python plans the last ones, in the order they were submitted. After a
statement fails, the ones queued behind it do not run (:class:`Skipped`): a failed
transaction takes no more statements.

Leaving the lane drops the statements that have not started and waits for the one
running: a transaction is never rolled back under a running statement.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Any, TypeVar

T = TypeVar("T")


class Skipped(RuntimeError):
    """A statement queued behind one that failed."""


@dataclass
class _Statement:
    task: asyncio.Task[Any]
    started: bool = False


class Lane:
    def __init__(self) -> None:
        self._statements: list[_Statement] = []

    def submit(self, call: Callable[[], Awaitable[T]]) -> asyncio.Task[T]:
        """Run ``call`` once every statement submitted before it has ended."""
        before = self._statements[-1].task if self._statements else None

        async def in_turn() -> T:
            if before is not None:
                # wait, not await: cancelling this one must not cancel the one before
                await asyncio.wait([before])
                if before.cancelled() or before.exception() is not None:
                    raise Skipped("a statement before this one failed")
            entry.started = True
            return await call()

        entry = _Statement(asyncio.create_task(in_turn()))
        self._statements.append(entry)
        return entry.task

    async def __aenter__(self) -> Lane:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for statement in self._statements:
            if not statement.started:
                statement.task.cancel()
        # every task's end is taken here, errors included (the awaiters saw theirs)
        await asyncio.gather(*(s.task for s in self._statements), return_exceptions=True)
