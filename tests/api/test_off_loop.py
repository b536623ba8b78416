"""Expensive queries run on a loop of their own (``api/off_loop.py``), against the real
app and Neo4j: an impact answer is the same on either loop, only the expensive queries
are handed over, the database calls made there are sent back to the driver's loop, and
cancelling the caller cancels the work on the other loop."""

from __future__ import annotations

import asyncio
import threading

import httpx
import pytest

from graphcmdb.api import off_loop
from graphcmdb.api.app import create_app
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.graph.enums import Role
from tests.api.test_impact_api import IMPACT
from tests.conftest import GQL, make_token
from tests.impact_fixtures import worked_example


async def answer_with(settings: Settings, db: Database, down: str, off: bool) -> object:
    app = create_app(settings.model_copy(update={"expensive_off_loop": off}), db)
    token = await make_token(db, Role.VIEWER)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            reply = await client.post(
                "/graphql",
                json={"query": IMPACT, "variables": {"down": [down]}},
                headers={"Authorization": f"Bearer {token}"},
            )
    body = reply.json()
    assert "errors" not in body, body
    return body["data"]


async def test_an_impact_answer_is_the_same_on_either_loop(
    settings: Settings, db: Database
) -> None:
    ids = await worked_example(db)
    before = off_loop.handed_over
    on_api_loop = await answer_with(settings, db, ids["h1"], off=False)
    assert off_loop.handed_over == before
    elsewhere = await answer_with(settings, db, ids["h1"], off=True)
    assert off_loop.handed_over == before + 1
    assert elsewhere == on_api_loop


async def test_only_expensive_queries_are_handed_over(gql: GQL, db: Database) -> None:
    ids = await worked_example(db)
    before = off_loop.handed_over
    await gql("{ cis { totalCount } }")
    await gql('mutation { upsertCIs(input: [{name: "x1", ciClass: SERVER}]) { created } }')
    assert off_loop.handed_over == before  # a read and a mutation stay where they are
    report = (await gql(IMPACT, {"down": [ids["h1"]]}))["impact"]
    assert report["summary"]["servicesDown"] == 1
    assert off_loop.handed_over == before + 1


async def test_database_calls_from_the_other_loop_run_on_the_drivers(db: Database) -> None:
    api_thread = threading.get_ident()

    async def probe() -> tuple[bool, int, object]:
        rows = await db.read(Q.SYSTEM_PING)
        return off_loop.is_off_loop(), threading.get_ident(), rows

    elsewhere, thread, rows = await off_loop.run(probe())
    assert elsewhere
    assert thread != api_thread
    assert rows == await db.read(Q.SYSTEM_PING)


async def test_cancelling_the_caller_cancels_the_work_on_the_other_loop() -> None:
    started, cancelled = threading.Event(), threading.Event()

    async def forever() -> None:
        started.set()
        try:
            await asyncio.Event().wait()
        finally:
            cancelled.set()

    caller = asyncio.create_task(off_loop.run(forever()))
    assert await asyncio.to_thread(started.wait, 30)  # a bound for a broken build
    caller.cancel()
    with pytest.raises(asyncio.CancelledError):
        await caller  # which returns once the work has ended
    assert cancelled.is_set()
