"""The API's side of the expensive-query worker process (``api/expensive_worker.py``).

The API starts the worker with itself and hands it every query that selects an
expensive field (``document_facts.py``); the answer comes back as if executed
here, with the worker's HTTP status (503 when it shed the query). While the worker is
not ready (starting, or restarting after it died) the query runs in this process as
before (``api/off_loop.py``): a worker is a gain in speed, never a condition of service.
A caller that goes (a disconnect, a deadline) withdraws its order, and the worker's
answer that it stopped is awaited, so its slot is free before the caller answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import socket
import sys
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError, GraphQLFormattedError
from graphql.language import SourceLocation
from strawberry.types import ExecutionResult

from graphcmdb.api import worker_wire as wire
from graphcmdb.config import Settings
from graphcmdb.errors import CmdbError
from graphcmdb.services.actor import Actor

log = logging.getLogger("graphcmdb.api.worker")

#: orders answered by a worker process since this process started (for tests and an
#: operator's curiosity)
handed_over = 0
#: orders withdrawn that the worker confirmed it stopped
withdrawn = 0
#: how long a withdrawn order's end is awaited, and a dead worker's restart is delayed
WITHDRAW_WAIT_S = 5.0
RESTART_DELAY_S = 1.0


class WorkerGone(CmdbError, code="WORKER_UNAVAILABLE"):
    """The worker process ended while it executed the query; retry (HTTP 503)."""


def rebuilt(formatted: GraphQLFormattedError) -> GraphQLError:
    """A GraphQL error as the worker formatted it, formatted the same here."""
    error = GraphQLError(
        formatted["message"], path=formatted.get("path"), extensions=formatted.get("extensions")
    )
    if "locations" in formatted:
        error.locations = [SourceLocation(p["line"], p["column"]) for p in formatted["locations"]]
    return error


class ExpensiveWorker:
    """One worker process, started by :meth:`start` and restarted when it dies."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pid: int | None = None
        #: the socket to the worker once it said it is ready (``_connection`` from its start)
        self._writer: asyncio.StreamWriter | None = None
        self._connection: asyncio.StreamWriter | None = None
        self._process: asyncio.subprocess.Process | None = None
        self._reading: asyncio.Task[None] | None = None
        self._pending: dict[int, asyncio.Future[wire.Answer]] = {}
        self._ids = itertools.count(1)
        self._sending = asyncio.Lock()
        self._stopping = False
        self._restarting: asyncio.Task[None] | None = None

    @property
    def ready(self) -> bool:
        return self.pid is not None and self._writer is not None

    @property
    def busy(self) -> int:
        """Orders sent and not answered yet."""
        return len(self._pending)

    async def start(self) -> None:
        """Start the worker; it says when it is ready (a second or two: imports, schema)."""
        ours, theirs = socket.socketpair()
        with theirs:
            self._process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "graphcmdb.api.expensive_worker",
                str(theirs.fileno()),
                pass_fds=(theirs.fileno(),),
            )
        reader, writer = await asyncio.open_connection(sock=ours)
        self._connection = writer
        await wire.send(writer, self.settings)
        self._reading = asyncio.create_task(self._read(reader, writer))

    async def _read(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                message = await wire.receive(reader)
                if isinstance(message, wire.Hello):
                    self.pid, self._writer = message.pid, writer
                    log.info("expensive-query worker %d ready", message.pid)
                elif isinstance(message, wire.Answer):
                    future = self._pending.pop(message.id, None)
                    if future is not None and not future.done():
                        future.set_result(message)
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self._gone(writer)

    def _gone(self, writer: asyncio.StreamWriter) -> None:
        """The worker ended: its orders fail (retry-safe), and it is started again."""
        self.pid, self._writer = None, None
        writer.close()
        for future in self._pending.values():
            if not future.done():
                future.set_exception(
                    WorkerGone("The query's worker process ended; retry.", retryAfter=1)
                )
        self._pending.clear()
        if not self._stopping:
            log.warning("expensive-query worker ended; restarting it")
            asyncio.get_running_loop().call_later(RESTART_DELAY_S, self._restart)

    def _restart(self) -> None:
        if not self._stopping:
            self._restarting = asyncio.create_task(self._reap_and_start())

    async def _reap_and_start(self) -> None:
        if self._process is not None:
            await self._process.wait()
        await self.start()

    async def execute(
        self,
        query: str,
        variables: dict[str, Any] | None,
        operation_name: str | None,
        actor: Actor | None,
    ) -> wire.Answer | None:
        """The worker's answer, or None when it is not ready (the caller executes)."""
        global handed_over
        writer = self._writer
        if writer is None or self._stopping:
            return None
        order = wire.Order(next(self._ids), query, variables, operation_name, actor)
        answered: asyncio.Future[wire.Answer] = asyncio.get_running_loop().create_future()
        self._pending[order.id] = answered
        try:
            async with self._sending:
                await wire.send(writer, order)
        except (ConnectionError, OSError):
            del self._pending[order.id]  # it died this instant: the caller executes
            return None
        handed_over += 1
        try:
            return await asyncio.shield(answered)
        except asyncio.CancelledError:
            await self._withdraw(order.id, answered)
            raise

    async def _withdraw(self, order: int, answered: asyncio.Future[wire.Answer]) -> None:
        global withdrawn
        writer = self._writer
        if writer is None or answered.done():
            return
        with contextlib.suppress(ConnectionError):
            async with self._sending:
                await wire.send(writer, wire.Withdraw(order))
        with contextlib.suppress(Exception):
            answer = await asyncio.wait_for(asyncio.shield(answered), WITHDRAW_WAIT_S)
            withdrawn += answer.withdrawn

    async def stop(self) -> None:
        self._stopping = True
        if self._restarting is not None:
            await asyncio.wait([self._restarting], timeout=WITHDRAW_WAIT_S)
        if self._connection is not None:
            self._connection.close()  # the worker ends when its socket closes
        if self._reading is not None:
            await asyncio.wait([self._reading], timeout=WITHDRAW_WAIT_S)
        if self._process is not None and self._process.returncode is None:
            try:
                await asyncio.wait_for(self._process.wait(), WITHDRAW_WAIT_S)
            except TimeoutError:
                self._process.kill()
                await self._process.wait()


@dataclass(frozen=True)
class Encoded:
    """An answer's JSON body as the worker encoded it, standing for its ``data`` until
    the router sends it (``api/app.py``'s ``encode_json``)."""

    body: bytes


def encoded_body(response: object) -> bytes | None:
    """The body of a response whose data the worker encoded, else None."""
    if isinstance(response, dict) and len(response) == 1:
        data = response.get("data")
        if isinstance(data, Encoded):
            return data.body
    return None


def result_of(answer: wire.Answer) -> ExecutionResult:
    """What the worker executed, as strawberry's own execution returns it."""
    if answer.body is not None:
        # passed on as it is: strawberry puts it in {"data": ...}, encode_json unwraps it
        return ExecutionResult(data=Encoded(answer.body), errors=None)  # type: ignore[arg-type]  # a stand-in the router's encode_json knows
    errors = [rebuilt(e) for e in answer.errors] or None
    return ExecutionResult(data=answer.data, errors=errors, extensions=answer.extensions)


async def in_worker(
    worker: ExpensiveWorker,
    query: str,
    variables: dict[str, Any] | None,
    operation_name: str | None,
    context: object,
) -> ExecutionResult | None:
    """``query`` executed by ``worker`` for the context's actor, its HTTP status set on
    the context's response; None when the worker is not ready."""
    actor: Actor | None = getattr(context, "actor", None)
    try:
        answer = await worker.execute(query, variables, operation_name, actor)
    except WorkerGone as exc:
        refusal = GraphQLError(exc.message, extensions=exc.extensions).formatted
        answer = wire.Answer(id=0, errors=(refusal,), status=503, retry_after="1")
    if answer is None:
        return None
    response = getattr(context, "response", None)
    if response is not None and answer.status is not None:
        response.status_code = answer.status
        if answer.retry_after is not None:
            response.headers["Retry-After"] = answer.retry_after
    return result_of(answer)
