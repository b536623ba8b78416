"""The expensive queries executed by a worker process (``api/expensive_process.py``),
against the real app, a real worker process and Neo4j: the same answers as in the API's
process (a scoped token's redactions included), the worker's status reaches the client,
a withdrawn order is stopped there, and a worker that dies is replaced while its queries
are answered here meanwhile."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from pydantic import SecretStr

from graphcmdb.api import expensive_process, off_loop
from graphcmdb.api.app import create_app
from graphcmdb.api.expensive_process import ExpensiveWorker
from graphcmdb.config import Settings
from graphcmdb.db.database import Database, neo4j_auth
from graphcmdb.graph.enums import Role, ScopeKind
from tests.api.slow_paths import until, uvicorn_serving
from tests.api.test_impact_api import IMPACT
from tests.api.test_request_lifetime import post_request
from tests.api.test_scopes import scoped
from tests.api.test_scopes_impact import IMPACT as SCOPED_IMPACT
from tests.api.test_scopes_impact import landscape
from tests.conftest import GQL, make_token
from tests.impact_fixtures import worked_example


@asynccontextmanager
async def serving(
    settings: Settings, db: Database, worker: bool
) -> AsyncIterator[tuple[httpx.AsyncClient, ExpensiveWorker | None]]:
    """The app, with a worker process (ready before this yields) or without one."""
    app = create_app(settings.model_copy(update={"expensive_worker": worker}), db)
    async with app.router.lifespan_context(app):
        started: ExpensiveWorker | None = app.state.graphcmdb.worker
        if started is not None:
            await until(lambda: started.ready, "the worker process ready")
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client, started


async def ask(client: httpx.AsyncClient, token: str, query: str, **variables: Any) -> Any:
    reply = await client.post(
        "/graphql",
        json={"query": query, "variables": variables},
        headers={"Authorization": f"Bearer {token}"},
    )
    return reply.status_code, reply.headers, reply.json()


async def test_the_worker_answers_as_the_api_would(settings: Settings, db: Database) -> None:
    ids = await worked_example(db)
    token = await make_token(db, Role.VIEWER)
    async with serving(settings, db, worker=False) as (client, _):
        here = await ask(client, token, IMPACT, down=[ids["h1"]])
        bad_here = await ask(client, token, IMPACT, down=["no-such-ci"])
    before = expensive_process.handed_over
    async with serving(settings, db, worker=True) as (client, worker):
        assert worker is not None
        assert worker.pid != os.getpid()
        there = await ask(client, token, IMPACT, down=[ids["h1"]])
        bad_there = await ask(client, token, IMPACT, down=["no-such-ci"])
        await ask(client, token, "{ cis { totalCount } }")  # a cheap read stays here
    assert expensive_process.handed_over == before + 2
    assert there[2] == here[2]
    assert there[2]["data"]["impact"]["summary"]["servicesDown"] == 1
    # a typed error, with its code, path and locations, as here
    assert bad_there[2] == bad_here[2]
    assert bad_there[2]["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert bad_there[0] == bad_here[0] == 200


async def test_a_scoped_token_sees_in_the_worker_what_it_sees_here(
    settings: Settings, gql: GQL, client: httpx.AsyncClient, db: Database
) -> None:
    ids = await landscape(gql)
    prod = await scoped(client, db, Role.VIEWER, (ScopeKind.ENVIRONMENT, "PRODUCTION"))
    here = await prod(SCOPED_IMPACT, {"ids": [ids["host"]]})
    async with serving(settings, db, worker=True) as (worker_client, _):
        _, _, there = await ask(worker_client, prod.token, SCOPED_IMPACT, ids=[ids["host"]])
    assert there == {"data": here}
    assert there["data"]["impact"]["summary"]["nodesHidden"] == 1
    assert "batch" not in str(there)


@asynccontextmanager
async def silent_neo4j() -> AsyncIterator[int]:
    """A loopback port that accepts connections and never says a word: a driver
    pointed at it waits for Neo4j's greeting until its own timeout."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.setblocking(False)
    held: list[socket.socket] = []

    async def accept() -> None:
        loop = asyncio.get_running_loop()
        while True:
            conn, _ = await loop.sock_accept(listener)
            held.append(conn)

    accepting = asyncio.create_task(accept())
    try:
        yield listener.getsockname()[1]
    finally:
        accepting.cancel()
        for conn in held:
            conn.close()
        listener.close()


def aside(settings: Settings, port: int) -> Settings:
    """Settings whose Neo4j is at ``port`` (the API keeps its own ``db``)."""
    password = SecretStr(neo4j_auth(settings)[1])
    return settings.model_copy(
        update={"neo4j_uri": f"bolt://127.0.0.1:{port}", "neo4j_password": password}
    )


async def test_a_client_that_disconnects_withdraws_its_order_from_the_worker(
    settings: Settings, db: Database
) -> None:
    token = await make_token(db, Role.VIEWER)
    async with silent_neo4j() as port:
        app = create_app(aside(settings, port).model_copy(update={"expensive_worker": True}), db)
        async with uvicorn_serving(app) as api:
            worker: ExpensiveWorker = app.state.graphcmdb.worker
            await until(lambda: worker.ready, "the worker process ready")
            _, writer = await asyncio.open_connection("127.0.0.1", api)
            writer.write(post_request(token, {"query": IMPACT, "variables": {"down": ["x"]}}))
            await writer.drain()
            # the worker waits for a Neo4j that never answers
            await until(lambda: worker.busy == 1, "the order in the worker")
            before = expensive_process.withdrawn
            writer.close()  # the client goes away without waiting for the answer
            await writer.wait_closed()
            await until(lambda: expensive_process.withdrawn == before + 1, "the worker stopped it")
            assert worker.busy == 0
            assert worker.ready  # and carries on


async def test_the_workers_own_failure_reaches_the_client_with_its_status(
    settings: Settings, db: Database
) -> None:
    token = await make_token(db, Role.VIEWER)
    closed = socket.create_server(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there: the worker's Neo4j is unreachable
    async with serving(aside(settings, port), db, True) as (client, _):
        status, _headers, body = await ask(client, token, IMPACT, down=["x"])
    assert status == 503
    assert body["errors"][0]["extensions"]["code"] == "DATABASE_UNAVAILABLE"
    assert body["data"] is None
    assert "127.0.0.1" in body["errors"][0]["message"]  # unreachable, not unconfigured


async def test_a_dead_worker_is_replaced_and_its_queries_answered_here_meanwhile(
    settings: Settings, db: Database
) -> None:
    ids = await worked_example(db)
    token = await make_token(db, Role.VIEWER)
    async with serving(settings, db, worker=True) as (client, worker):
        assert worker is not None
        assert worker.pid is not None
        first = worker.pid
        os.kill(first, signal.SIGKILL)
        await until(lambda: not worker.ready, "the worker's death noticed")
        here = off_loop.handed_over
        _, _, body = await ask(client, token, IMPACT, down=[ids["h1"]])
        assert body["data"]["impact"]["summary"]["servicesDown"] == 1
        assert off_loop.handed_over == here + 1  # answered in the API's process
        await until(lambda: worker.ready, "a new worker")
        assert worker.pid not in (None, first)
        _, _, again = await ask(client, token, IMPACT, down=[ids["h1"]])
        assert again == body


async def test_a_query_in_the_worker_keeps_the_read_deadline(
    settings: Settings, db: Database
) -> None:
    token = await make_token(db, Role.VIEWER)
    # the worker waits for a Neo4j that never answers; the mutation backstop is far
    limits = {"read_deadline_s": 1.0, "mutation_deadline_s": 3600.0}
    async with silent_neo4j() as port:
        limited = aside(settings, port).model_copy(update=limits)
        async with serving(limited, db, True) as (client, worker):
            assert worker is not None
            before = expensive_process.withdrawn
            status, _, body = await ask(client, token, IMPACT, down=["x"])
            assert (status, body["errors"][0]["extensions"]["code"]) == (200, "TIMEOUT")
            assert body["errors"][0]["extensions"]["seconds"] == 1.0
            assert body["errors"][0]["extensions"]["retrySafe"] is True
            assert expensive_process.withdrawn == before + 1
            assert worker.busy == 0
