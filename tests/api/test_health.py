"""/healthz, /readyz, and recovery when the managed Neo4j stops and comes back."""

from __future__ import annotations

import httpx
import pytest

from graphcmdb import neo4j_server
from graphcmdb.config import Settings
from graphcmdb.db.schema import latest_version
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
