"""The reads one GraphQL query asks in the same few turns of the event loop, sent to
Neo4j as one statement.

A query's DataLoaders dispatch their batches together: the explorer's CI details ask a
CI's needs, dependents, services, installations and asset in the same turn, five
statements. Each costs the API ~0.5 ms of CPU in the Python driver whatever it returns
(``benchmarks/README.md``, "Twenty-first session"), so most of a small request's time
was the driver's. Here each read of the operation joins an open batch; a few turns
later the batch goes out as one statement, each read in a ``CALL () { … }`` of its own
with its parameters renamed apart and its rows collected as lists, and every reader
gets its own rows back, as if it had been sent alone.

Only reads of one query operation join (``one_operation``, entered by the schema for a
query; never a mutation, a job, the CLI or a task shared between requests). When the
statement fails, each read is sent again alone, so an error stays the read's own. A
statement is sent alone the first time the process reads it: Neo4j's answer names its
columns, which it needs to join others (``Database.read``). One that cannot be nested
(``nestable``) or returns an unnamed column is always sent alone. The rows of a part
reach ``collect`` in the order its own ``ORDER BY`` gave them (Community's slotted
runtime keeps a subquery's order).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from graphcmdb.errors import DatabaseBusy, DatabaseUnavailable, RequestTimedOut

#: the loop turns a batch stays open after its first read: DataLoaders start their
#: batch functions a turn after ``load`` and ``BothWays`` waits one more
TURNS = 3
#: reads one statement carries at most (a bigger batch is sent and a new one opened)
MAX_PARTS = 16
#: failures that are the database's, not a read's: not worth sending each read again
_NOT_THE_READS = (RequestTimedOut, DatabaseUnavailable, DatabaseBusy)

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")

Row = dict[str, Any]
#: sends one statement (text, parameters) and answers its rows
Send = Callable[[str, dict[str, Any]], Awaitable[list[Row]]]


#: the query operation running in this context, whose reads may share a statement
_OPERATION: ContextVar[object | None] = ContextVar("graphcmdb_read_operation", default=None)


@contextmanager
def one_operation() -> Iterator[None]:
    """Reads made in this block (and in the tasks it starts) may share statements."""
    token = _OPERATION.set(object())
    try:
        yield
    finally:
        _OPERATION.reset(token)


def operation() -> object | None:
    """The operation whose reads may share a statement here; None: each goes alone."""
    return _OPERATION.get()


@dataclass(frozen=True)
class Part:
    """One read waiting in a batch, and where its rows go."""

    text: str
    params: dict[str, Any]
    columns: tuple[str, ...]
    answer: asyncio.Future[list[Row]]


@dataclass
class _Batch:
    loop: asyncio.AbstractEventLoop
    parts: list[Part] = field(default_factory=list)
    task: asyncio.Task[None] | None = None


def compose(parts: list[Part]) -> tuple[str, dict[str, Any]]:
    """One statement answering every part: one row, its column ``part<i>`` holding the
    ``i``-th part's rows as lists of its columns' values, in the part's order. Each part
    is collected inside a subquery of its own: an aggregation without grouping keys
    answers one row even when the part has none."""
    clauses: list[str] = []
    params: dict[str, Any] = {}
    for i, part in enumerate(parts):
        prefix = f"p{i}_"
        params |= {prefix + name: value for name, value in part.params.items()}
        clauses.append(
            f"CALL () {{\nCALL () {{\n{_renamed(part.text, prefix)}\n}}\n"
            f"RETURN collect([{', '.join(f'`{c}`' for c in part.columns)}]) AS part{i}\n}}"
        )
    returned = ", ".join(f"part{i}" for i in range(len(parts)))
    return "\n".join(clauses) + f"\nRETURN {returned}", params


def _renamed(text: str, prefix: str) -> str:
    return _PARAMETER.sub(lambda m: f"${prefix}{m.group(1)}", text)


def split(parts: list[Part], row: Row) -> list[list[Row]]:
    """Each part's rows out of the composed statement's one row."""
    return [
        [dict(zip(part.columns, values, strict=True)) for values in row[f"part{i}"]]
        for i, part in enumerate(parts)
    ]


class Coalescer:
    """Open batches by operation; one per ``Database``, on the driver's loop."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self._open: dict[object, _Batch] = {}

    async def read(
        self, key: object, text: str, params: dict[str, Any], columns: tuple[str, ...]
    ) -> list[Row]:
        loop = asyncio.get_running_loop()
        batch = self._open.get(key)
        if batch is None or batch.loop is not loop:  # a stopped loop's batch never goes
            batch = self._open[key] = _Batch(loop)
            loop.call_soon(self._later, key, batch, TURNS)
        part = Part(text, params, columns, loop.create_future())
        batch.parts.append(part)
        if len(batch.parts) >= MAX_PARTS:  # full: sent now, the next read opens another
            del self._open[key]
            self._later(key, batch, 0)
        try:
            return await part.answer
        except asyncio.CancelledError:
            # the last reader gone (client left, deadline passed): stop the statement too
            if batch.task is not None and all(p.answer.done() for p in batch.parts):
                batch.task.cancel()
            raise

    def _later(self, key: object, batch: _Batch, turns: int) -> None:
        if batch.task is not None:
            return  # sent already (full)
        if turns > 0:
            batch.loop.call_soon(self._later, key, batch, turns - 1)
            return
        if self._open.get(key) is batch:
            del self._open[key]
        # sent in the first reader's context: its deadline
        batch.task = asyncio.ensure_future(self._flush(batch.parts))

    async def _flush(self, parts: list[Part]) -> None:
        # the readers still waiting, sorted: one text per set of reads, so one plan
        parts = sorted((p for p in parts if not p.answer.done()), key=lambda p: p.text)
        try:
            answers = await self._answers(parts) if parts else []
        except asyncio.CancelledError:
            for part in parts:
                part.answer.cancel()
            raise
        except Exception as exc:  # a lone read's error, or a fault composing or splitting
            answers = [exc] * len(parts)
        for part, answer in zip(parts, answers, strict=True):
            if part.answer.done():
                continue
            if isinstance(answer, BaseException):
                part.answer.set_exception(answer)
            else:
                part.answer.set_result(answer)

    async def _answers(self, parts: list[Part]) -> list[list[Row] | BaseException]:
        """Each part's rows, or its error (a lone read's error is raised)."""
        if len(parts) == 1:
            return [await self._send(parts[0].text, parts[0].params)]
        try:
            (row,) = await self._send(*compose(parts))
            return list(split(parts, row))
        except _NOT_THE_READS as exc:
            # the database's own failure, or the deadline: the request's deadline is the
            # same and has passed too, so sending each again alone would not help
            return [exc] * len(parts)
        except Exception:  # which read failed is not known: each is sent again alone
            return await asyncio.gather(
                *(self._send(p.text, p.params) for p in parts), return_exceptions=True
            )
