"""graphcmdb's own ``/metrics``: who may read it, and what it counts (GraphQL by root
field and error code, HTTP refusals, Neo4j transactions and pool, events in and
dropped, discovery runs, notification deliveries defined ahead)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr

from graphcmdb.api.app import create_app
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.discovery.observation import ScanResult
from graphcmdb.graph.enums import Role
from graphcmdb.services.actor import system_actor
from graphcmdb.services.discovery import run_discovery
from tests.conftest import GQL, make_token
from tests.discovery.test_runs import fake_scan


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample of an exposition (0 when it is not there)."""
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return float(s.value)
    return 0.0


async def scrape(client: httpx.AsyncClient) -> str:
    answer = await client.get("/metrics")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("text/plain")
    return answer.text


@asynccontextmanager
async def served_to(
    settings: Settings, db: Database, address: str
) -> AsyncIterator[httpx.AsyncClient]:
    """The app, as a client at ``address`` reaches it."""
    app = create_app(settings, db)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            yield c


async def test_graphql_operations_are_timed_by_root_field_and_errors_counted_by_code(
    client: httpx.AsyncClient, gql: GQL, viewer_gql: GQL
) -> None:
    before = await scrape(client)
    await gql("query AnyNameAtAll { cis(first: 1) { totalCount } }")
    await gql("query { cis(first: 1) { totalCount } discoveryRuns(first: 1) { totalCount } }")
    await gql.error("query { noSuchField }")
    await viewer_gql.error('mutation { deleteCredentialSet(id: "x") }')
    after = await scrape(client)

    def grew(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    count = "graphcmdb_graphql_operation_duration_seconds_count"
    assert grew(count, type="query", field="cis") == 1  # the operation name is no label
    assert grew(count, type="query", field="(several)") == 1
    assert grew(count, type="query", field="(unknown)") == 1
    assert grew(count, type="mutation", field="deleteCredentialSet") == 1
    assert "AnyNameAtAll" not in after
    assert grew("graphcmdb_graphql_errors_total", code="GRAPHQL_ERROR") == 1
    assert grew("graphcmdb_graphql_errors_total", code="FORBIDDEN") == 1
    # the HTTP layer: every answer by route group, and the transactions they ran
    assert grew("graphcmdb_http_requests_total", route="graphql", status="200") == 4
    assert grew("graphcmdb_neo4j_transactions_total", mode="read", outcome="ok") >= 2
    assert sample(after, "graphcmdb_neo4j_transactions_in_flight", mode="read") == 0
    assert sample(after, "graphcmdb_neo4j_pool_max_size") >= 1
    assert sample(after, "graphcmdb_neo4j_pool_connections") >= 1


async def test_refusals_before_graphql_count_by_status(client: httpx.AsyncClient) -> None:
    before = await scrape(client)
    assert (
        await client.post("/graphql", json={"query": "{ cis { totalCount } }"})
    ).status_code == 401
    after = await scrape(client)
    key = {"route": "graphql", "status": "401"}
    assert (
        sample(after, "graphcmdb_http_requests_total", **key)
        - sample(before, "graphcmdb_http_requests_total", **key)
        == 1
    )


async def test_events_in_and_dropped_by_source_and_reason(
    client: httpx.AsyncClient, db: Database
) -> None:
    token = await make_token(db, Role.EVENTS)
    headers = {"Authorization": f"Bearer {token}"}
    event = {"source": "nagios", "alertName": "Disk full", "status": "firing", "hostname": "x9"}
    before = await scrape(client)
    assert (await client.post("/events/generic", json=event, headers=headers)).status_code == 200
    assert (await client.post("/events/generic", json=event, headers=headers)).status_code == 200
    bad = await client.post("/events/generic", content=b"{not json", headers=headers)
    assert bad.status_code == 400
    assert (await client.post("/events/zabbix", json={})).status_code == 401
    after = await scrape(client)

    def grew(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    assert grew("graphcmdb_events_in_total", source="generic", match="unmatched") == 1
    assert grew("graphcmdb_events_dropped_total", source="generic", reason="duplicate") == 1
    dropped = "graphcmdb_events_dropped_total"
    assert grew(dropped, source="generic", reason="malformed_payload") == 1
    assert grew(dropped, source="zabbix", reason="unauthenticated") == 1


async def test_discovery_runs_by_outcome_and_notifications_defined(
    client: httpx.AsyncClient, db: Database
) -> None:
    before = await scrape(client)
    await run_discovery(db, system_actor("test"), ["10.0.0.1"], fake_scan(ScanResult()))
    after = await scrape(client)
    name = "graphcmdb_discovery_runs_total"
    assert sample(after, name, outcome="done") - sample(before, name, outcome="done") == 1
    assert sample(after, "graphcmdb_discovery_runs_running") == 0
    # the notification attempts' counter is there before any is sent (tests/notify)
    for channel in ("webhook", "email"):
        deliveries = "graphcmdb_notification_deliveries_total"
        assert f'{deliveries}{{channel="{channel}",outcome="delivered"}}' in after


async def test_metrics_are_for_loopback_or_the_metrics_token_only(
    settings: Settings, db: Database
) -> None:
    async with served_to(settings, db, "203.0.113.9") as outside:
        refused = await outside.get("/metrics")
        assert refused.status_code == 403
        assert refused.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert "graphcmdb_" not in refused.text
    with_token = settings.model_copy(update={"metrics_token": SecretStr("s3cret-scrape")})
    async with served_to(with_token, db, "203.0.113.9") as outside:
        assert (await outside.get("/metrics")).status_code == 401
        wrong = {"Authorization": "Bearer nope"}
        assert (await outside.get("/metrics", headers=wrong)).status_code == 401
        right = {"Authorization": "Bearer s3cret-scrape"}
        assert (await outside.get("/metrics", headers=right)).status_code == 200
    local_off = settings.model_copy(update={"metrics_from_loopback": False})
    async with served_to(local_off, db, "127.0.0.1") as local:
        assert (await local.get("/metrics")).status_code == 403
