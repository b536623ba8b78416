"""The worker process that executes the expensive GraphQL queries (impact, graph
drawings, reports), started by the API (``api/expensive_process.py``).

Why a process: an impact answer is mostly Python (the engine's fixpoint, then
graphql-core completing tens of thousands of values). In the API's process, even on a
loop of its own, it shares one interpreter with the explorer's cheap reads, which then
wait for it in turns. Here it has its own interpreter, at a lower CPU priority (``nice``),
so on a busy machine the cheap reads go first (``benchmarks.load``).

The worker builds the same schema with the same settings (limits, cost budget, deadline,
shedding, financials and scope guards) and its own Neo4j driver, executes each order as
the actor who sent it, and answers with what the API sends back. It ends when the API's
end of the socket closes.

    python -m graphcmdb.api.expensive_worker <fd>
"""

from __future__ import annotations

import asyncio
import contextlib
import logging.config
import os
import pickle
import socket
import sys

from graphql import GraphQLFormattedError
from starlette.responses import Response

from graphcmdb import collector, logs
from graphcmdb.api import json_body
from graphcmdb.api import worker_wire as wire
from graphcmdb.api.graphql.context import Context
from graphcmdb.api.graphql.schema import build_schema
from graphcmdb.config import Settings
from graphcmdb.db import scoping
from graphcmdb.db.database import Database

log = logging.getLogger("graphcmdb.api.worker")
OK = 200
#: what the API answers for a fault it does not explain (as ``mask_internal_errors``)
INTERNAL: GraphQLFormattedError = {
    "message": "Internal error; the request changed nothing. See the server log."
}


class Worker:
    def __init__(self, settings: Settings, writer: asyncio.StreamWriter) -> None:
        # executed here, never handed on again
        self.settings = settings.model_copy(
            update={"expensive_off_loop": False, "expensive_worker": False}
        )
        self.schema = build_schema(self.settings)
        self.db = Database(self.settings)
        self.writer = writer
        self.running: dict[int, asyncio.Task[None]] = {}
        self._sending = asyncio.Lock()

    async def answer(self, order: wire.Order) -> None:
        actor = order.actor
        logs.REQUEST_ID.set(actor.request_id if actor is not None else None)
        scoping.bind(actor.scopes if actor is not None else ())
        context = Context(db=self.db, settings=self.settings, actor=actor)
        context.response = Response()  # where the error handling sets a 503 and its headers
        try:
            result = await self.schema.execute(
                order.query, order.variables, context, operation_name=order.operation_name
            )
            status = context.response.status_code
            if not result.errors and not result.extensions and status == OK:
                # the API's own encoding (``LiveRouter.encode_json``), done here
                body = json_body.encode({"data": result.data})
                answer = wire.Answer(id=order.id, body=body)
            else:
                answer = wire.Answer(
                    id=order.id,
                    data=result.data,
                    errors=tuple(e.formatted for e in result.errors or ()),
                    extensions=result.extensions,
                    status=None if status == OK else status,
                    retry_after=context.response.headers.get("retry-after"),
                )
        except asyncio.CancelledError:
            answer = wire.Answer(id=order.id, withdrawn=True)
        except Exception:  # the schema masks what resolvers raise; this is the rest
            log.exception("the expensive query failed outside its execution")
            answer = wire.Answer(id=order.id, errors=(INTERNAL,))
        finally:
            self.running.pop(order.id, None)
        async with self._sending:
            try:
                await wire.send(self.writer, answer)
            except (pickle.PicklingError, TypeError, AttributeError):
                log.exception("an answer could not be sent to the API")
                failed = wire.Answer(id=order.id, errors=(INTERNAL,))
                await wire.send(self.writer, failed)

    def take(self, message: wire.Message) -> None:
        if isinstance(message, wire.Order):
            self.running[message.id] = asyncio.create_task(self.answer(message))
        elif isinstance(message, wire.Withdraw) and message.id in self.running:
            self.running[message.id].cancel()

    async def close(self) -> None:
        for task in list(self.running.values()):
            task.cancel()
        await asyncio.gather(*self.running.values(), return_exceptions=True)
        await self.db.close()


async def serve(fd: int) -> None:
    reader, writer = await asyncio.open_connection(sock=socket.socket(fileno=fd))
    settings = await wire.receive(reader)
    if not isinstance(settings, Settings):
        raise SystemExit("the first message is the settings")
    with contextlib.suppress(OSError):  # a lower priority, never a higher one
        os.nice(settings.expensive_worker_nice)
    logging.config.dictConfig(logs.config(settings.log_format))
    collector.tune_server()
    worker = Worker(settings, writer)
    collector.freeze_startup()
    try:
        try:
            await wire.send(writer, wire.Hello(os.getpid()))
        except ConnectionError:
            return  # the API stopped while this worker started
        while True:
            try:
                message = await wire.receive(reader)
            except (asyncio.IncompleteReadError, ConnectionError):
                return  # the API has gone
            worker.take(message)
    finally:
        await worker.close()
        writer.close()


if __name__ == "__main__":
    asyncio.run(serve(int(sys.argv[1])))
