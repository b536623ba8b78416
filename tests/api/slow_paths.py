"""Test-only slow paths: a database whose catalogue runs one named query as a Cypher
statement that counts to six billion (minutes of work in Neo4j), so a request is
still running when a test disconnects it, sheds others behind it or passes its
deadline; and a way to see which of them Neo4j is still running."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI

from graphcmdb.config import Settings
from graphcmdb.db.catalogue import CypherCatalogue, get_catalogue
from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q, QueryName
from tests.conftest import free_port

#: the number is the marker :func:`running_probes` looks for
MARKER = "6000000017"
SLOW = f"UNWIND range(1, {MARKER}) AS x WITH count(x) AS n RETURN n"
SHOW = (
    "SHOW TRANSACTIONS YIELD transactionId, currentQuery "
    "WHERE currentQuery CONTAINS $marker RETURN transactionId"
)


class SlowCatalogue(CypherCatalogue):
    """The real catalogue, but ``slow`` runs :data:`SLOW`."""

    def __init__(self, slow: QueryName) -> None:
        self.__dict__.update(get_catalogue().__dict__)
        self.slow = slow

    def __getitem__(self, query: QueryName) -> str:
        return SLOW if query == self.slow else super().__getitem__(query)


def slow_impact_db(settings: Settings) -> Database:
    """A database whose ``impact`` starts with minutes of counting."""
    return Database(settings, SlowCatalogue(Q.IMPACT_DEPENDENTS_CLOSURE))


async def running_probes(db: Database) -> list[str]:
    """Transactions Neo4j is running the slow statement in."""
    return [row["transactionId"] for row in await db.run_raw(SHOW, marker=MARKER)]


async def until(check: Callable[[], object], what: str, attempts: int = 600) -> None:
    """Poll ``check`` (a callable, async or not, returning a truth value) every 0.1 s;
    fail with ``what`` if it never holds (a bound for a broken build, not a timing)."""
    for _ in range(attempts):
        answer = check()
        if inspect.isawaitable(answer):
            answer = await answer
        if answer:
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


@asynccontextmanager
async def uvicorn_serving(app: FastAPI) -> AsyncIterator[int]:
    """The app served by a real uvicorn on a free loopback port, in this event loop."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    await until(lambda: server.started, "uvicorn started")
    try:
        yield port
    finally:
        server.should_exit = True
        await task
