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
from graphcmdb.api.capacity import Capacity, CapacityFull
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.graph.enums import Role
from tests.api.slow_paths import until
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


async def test_a_slot_given_back_on_one_loop_wakes_a_waiter_on_the_other() -> None:
    """The shedding slots are shared by both loops (a mutation selecting an incident's
    impact takes one on the API's loop, a query on its own): the counts stay right and
    a slot given back on one loop is handed to a waiter on the other."""
    capacity = Capacity(running=1, waiting=1)

    async def take_a_slot() -> str:
        async with capacity.slot():
            return "had a slot"

    async with capacity.slot():  # on the API's loop
        waiter = asyncio.create_task(off_loop.run(take_a_slot()))
        await until(lambda: capacity.waiting == 1, "the other loop's request in line")
        with pytest.raises(CapacityFull):  # the line is full, from either loop
            async with capacity.slot():
                pass
    assert await waiter == "had a slot"
    assert (capacity.running, capacity.waiting) == (0, 0)


async def test_a_waiter_cancelled_on_the_other_loop_leaves_the_line() -> None:
    capacity = Capacity(running=1, waiting=1)

    async def wait_in_line() -> None:
        async with capacity.slot():
            pass

    async with capacity.slot():
        waiter = asyncio.create_task(off_loop.run(wait_in_line()))
        await until(lambda: capacity.waiting == 1, "in line")
        waiter.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiter
        assert (capacity.running, capacity.waiting) == (1, 0)
    assert (capacity.running, capacity.waiting) == (0, 0)
