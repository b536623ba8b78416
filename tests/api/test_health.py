"""/healthz, /readyz, and recovery when the managed Neo4j stops and comes back."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from graphcmdb import neo4j_server
from graphcmdb.api.app import create_app
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.db.schema import latest_version
from graphcmdb.events.correlation import FlapRule
from graphcmdb.services import event_drill
from tests.api.slow_paths import until
from tests.conftest import GQL


async def test_health_and_ready(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json()["status"] == "ok"
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["schemaVersion"] == latest_version()


async def test_503_while_neo4j_is_down_then_recovers_without_restart(
    gql: GQL, client: httpx.AsyncClient, settings: Settings
) -> None:
    if not settings.managed_neo4j:
        pytest.skip("needs the managed Neo4j to stop and start it")  # external runs only
    await gql('mutation { createCI(input: {name: "before", ciClass: SERVER}) { id } }')
    assert neo4j_server.stop(settings)
    try:
        ready = await client.get("/readyz")
        assert ready.status_code == 503
        assert "unreachable" in ready.json()["neo4j"]
        resp = await gql.raw("{ cis { totalCount } }")
        assert resp.status_code == 503
        body = resp.json()
        assert body["errors"][0]["extensions"]["code"] == "DATABASE_UNAVAILABLE"
        assert "not reachable" in body["errors"][0]["message"]
    finally:
        neo4j_server.start(settings)
    assert (await client.get("/readyz")).status_code == 200
    data = await gql("{ cis { totalCount edges { node { name } } } }")
    assert data["cis"]["totalCount"] == 1


async def test_not_ready_until_the_event_drill_ran(
    settings: Settings, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """/readyz waits for the start-up drill of the event path (services/event_drill):
    'warming up' while it runs, ready once it is done."""
    started, release = asyncio.Event(), asyncio.Event()
    real_run = event_drill.run

    async def held(db: Database, rule: FlapRule) -> event_drill.Drill:
        started.set()
        await release.wait()
        return await real_run(db, rule)

    monkeypatch.setattr(event_drill, "run", held)
    app = create_app(settings.model_copy(update={"event_drill": True}), db)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            await asyncio.wait_for(started.wait(), 60)
            warming = await client.get("/readyz")
            assert warming.status_code == 503
            assert warming.json()["status"] == "warming up"
            assert (await client.get("/healthz")).status_code == 200  # alive meanwhile
            release.set()
            await until(lambda: ready(client), "ready after the drill")
            assert (await client.get("/readyz")).json()["status"] == "ready"


async def ready(client: httpx.AsyncClient) -> bool:
    return (await client.get("/readyz")).status_code == 200
