"""Fixtures: one real Neo4j per test session, a wiped graph per test, an API client.

The Neo4j is the project's own managed server (jars from Maven Central, a fresh data
directory under a temporary state dir, a free port). Set GRAPHCMDB_TEST_NEO4J_URI
(+ _USER/_PASSWORD) to run the suite against another Neo4j instead; it is wiped.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import tempfile
from collections.abc import AsyncIterator, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import neo4j
import pytest
from pydantic import SecretStr

from graphcmdb import neo4j_server
from graphcmdb.api.app import create_app
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.db.schema import migrate
from graphcmdb.graph.enums import Permission, Role
from graphcmdb.services import tokens
from graphcmdb.services.actor import system_actor

WIPE = "MATCH (n) WHERE NOT n:SchemaMigration CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    external = os.environ.get("GRAPHCMDB_TEST_NEO4J_URI")
    state_dir = Path(tempfile.mkdtemp(prefix="graphcmdb-test-"))
    try:
        if external:
            yield Settings(
                state_dir=state_dir,
                neo4j_uri=external,
                neo4j_user=os.environ.get("GRAPHCMDB_TEST_NEO4J_USER", "neo4j"),
                neo4j_password=SecretStr(os.environ["GRAPHCMDB_TEST_NEO4J_PASSWORD"]),
            )
            return
        settings = Settings(
            state_dir=state_dir,
            neo4j_bolt_port=free_port(),
            neo4j_heap="1g",
            neo4j_pagecache="256m",
        )
        neo4j_server.start(settings)
        try:
            yield settings
        finally:
            neo4j_server.stop(settings)
    finally:
        # each run's store is ~0.5 GB (preallocated transaction logs): never leave it behind
        shutil.rmtree(state_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def settings(neo4j_settings: Settings) -> Settings:
    """Settings for the service under test (the managed Neo4j's password file is read).

    The token feed's stamp is read once an hour at most, so that round-trip counts do
    not depend on timing (changes through the API still apply at once); the interval
    has its own tests (tests/api/test_token_cache.py). The expensive queries run in the
    test's process (a worker process per app would cost each test a start-up);
    tests/api/test_expensive_worker.py runs them in the worker. No app runs schedules
    (tests/api/test_schedule_runs.py starts its own schedulers), and no notification
    dispatcher runs in the background: tests/notify/ drive one with their own clock.
    The impact evaluator runs when a payload wakes it, never on an idle timer (its look
    for work would land among round-trip counts); tests/services/test_impact_evaluator.py
    drains it. No app drills the event path at start (its rolled-back outage would run
    beside the test): tests/services/test_event_drill.py and tests/api/test_health.py do.
    """
    return neo4j_settings.model_copy(
        update={
            "token_sync_s": 3600.0,
            "expensive_worker": False,
            "scheduler": False,
            "notify_dispatcher": False,
            "impact_evaluator_poll_s": 3600.0,
            "event_drill": False,
        }
    )


@pytest.fixture(scope="session")
async def session_db(settings: Settings) -> AsyncIterator[Database]:
    db = Database(settings)
    await migrate(db)
    yield db
    await db.close()


#: wipes tried before a test fails: a module's live servers keep evaluating in the
#: background (a root-cause search writes seconds after its alert), and Neo4j may break a
#: deadlock between that write and the wipe by failing the wipe
WIPE_TRIES = 5


@pytest.fixture
async def db(session_db: Database) -> Database:
    """The shared database, wiped before the test (tests never depend on each other)."""
    for tried in range(1, WIPE_TRIES + 1):
        try:
            await session_db.run_raw(WIPE)
            break
        except neo4j.exceptions.TransientError:  # run_raw passes the driver's own on
            if tried == WIPE_TRIES:
                raise
            await asyncio.sleep(0.2 * tried)
    return session_db


@dataclass
class GQL:
    client: httpx.AsyncClient
    token: str | None

    async def raw(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> httpx.Response:
        headers = {}
        bearer = token if token is not None else self.token
        if bearer:
            headers["Authorization"] = f"Bearer {bearer}"
        return await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )

    async def __call__(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        """Data of a successful call; fails the test on any GraphQL error."""
        body = (await self.raw(query, variables, token)).json()
        assert not body.get("errors"), body["errors"]
        return dict(body["data"])

    async def error(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        """The first error of a call that must fail."""
        body = (await self.raw(query, variables, token)).json()
        assert body.get("errors"), f"expected an error, got {body}"
        return dict(body["errors"][0])


@pytest.fixture
async def client(settings: Settings, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, db)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            yield c


async def make_token(db: Database, role: Role, permissions: Collection[Permission] = ()) -> str:
    """A token named ``test-<role>`` (``test-<role>-2`` … for the next ones: names are
    unique among live tokens), with ``permissions`` beyond its role."""
    live = {t.name for t in await tokens.list_tokens(db) if t.revokedAt is None}
    name, n = f"test-{role.value}", 1
    while name in live:
        n += 1
        name = f"test-{role.value}-{n}"
    return (await tokens.create_token(db, system_actor("test"), name, role, permissions)).token


@pytest.fixture
async def gql(client: httpx.AsyncClient, db: Database) -> GQL:
    """A GraphQL caller authenticated as an editor who may read and write cost figures
    (the ``financials`` permission; ``editor_gql`` is one who may not)."""
    return GQL(client, await make_token(db, Role.EDITOR, [Permission.FINANCIALS]))


@pytest.fixture
async def editor_gql(client: httpx.AsyncClient, db: Database) -> GQL:
    """An editor without any permission beyond the role (no cost figures)."""
    return GQL(client, await make_token(db, Role.EDITOR))


@pytest.fixture
async def scan_gql(client: httpx.AsyncClient, db: Database) -> GQL:
    """An editor whose token may start scans (the ``discovery`` permission)."""
    actor = system_actor("test")
    issued = await tokens.create_token(
        db, actor, "test-scanner", Role.EDITOR, [Permission.DISCOVERY]
    )
    return GQL(client, issued.token)


@pytest.fixture
async def admin_gql(client: httpx.AsyncClient, db: Database) -> GQL:
    return GQL(client, await make_token(db, Role.ADMIN))


@pytest.fixture
async def viewer_gql(client: httpx.AsyncClient, db: Database) -> GQL:
    return GQL(client, await make_token(db, Role.VIEWER))
