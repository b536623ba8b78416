"""The reads one request asks in the same few turns of the event loop, sent to Neo4j as
one statement.

A GraphQL request's DataLoaders dispatch their batches together: the explorer's CI
details ask a CI's needs, dependents, services, installations and asset in the same
turn, five statements. Each costs the API ~0.5 ms of CPU in the driver whatever it
returns (``benchmarks/README.md``, "Twenty-first session"), so most of a small
request's time was the driver's. Here each read of a request joins an open batch; a
few turns later the batch goes out as one statement, each read in a ``CALL () { … }``
of its own with its parameters renamed apart, its rows collected as lists, and every
reader gets its own rows back, as if it had been sent alone.

Only reads of the same request join (its id, ``logs.REQUEST_ID``): one statement has one
outcome, so an error fails every read of the batch, and that must stay the request's
own. A read whose columns are not all named (``return_columns``) is sent alone.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

#: the loop turns a batch stays open after its first read: DataLoaders start their
#: batch functions a turn after ``load`` and ``BothWays`` waits one more
TURNS = 3

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")

Row = dict[str, Any]
#: sends one statement (text, parameters) and answers its rows
Send = Callable[[str, dict[str, Any]], Awaitable[list[Row]]]


@dataclass(frozen=True)
class Part:
    """One read waiting in a batch, and where its rows go."""

    text: str
    params: dict[str, Any]
    columns: tuple[str, ...]
    answer: asyncio.Future[list[Row]]


@dataclass
class _Batch:
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
            f"RETURN collect([{', '.join(part.columns)}]) AS part{i}\n}}"
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
    """Open batches by request; one per ``Database`` (so one event loop)."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self._open: dict[str, _Batch] = {}

    async def read(
        self, key: str, text: str, params: dict[str, Any], columns: tuple[str, ...]
    ) -> list[Row]:
        loop = asyncio.get_running_loop()
        batch = self._open.get(key)
        if batch is None:
            batch = self._open[key] = _Batch()
            loop.call_soon(self._later, key, batch, TURNS)
        part = Part(text, params, columns, loop.create_future())
        batch.parts.append(part)
        try:
            return await part.answer
        except asyncio.CancelledError:
            # the last reader gone (client left, deadline passed): stop the statement too
            if batch.task is not None and all(p.answer.done() for p in batch.parts):
                batch.task.cancel()
            raise

    def _later(self, key: str, batch: _Batch, turns: int) -> None:
        if turns > 0:
            asyncio.get_running_loop().call_soon(self._later, key, batch, turns - 1)
            return
        if self._open.get(key) is batch:
            del self._open[key]
        waiting = [p for p in batch.parts if not p.answer.done()]
        if waiting:  # sent in the first reader's context: its deadline, its scopes
            batch.task = asyncio.ensure_future(self._flush(waiting))

    async def _flush(self, parts: list[Part]) -> None:
        try:
            if len(parts) == 1:
                answers = [await self._send(parts[0].text, parts[0].params)]
            else:
                (row,) = await self._send(*compose(parts))
                answers = split(parts, row)
        except asyncio.CancelledError:
            for part in parts:
                part.answer.cancel()
            raise
        except Exception as exc:  # every reader of the batch gets the statement's error
            for part in parts:
                if not part.answer.done():
                    part.answer.set_exception(exc)
            return
        for part, rows in zip(parts, answers, strict=True):
            if not part.answer.done():
                part.answer.set_result(rows)
