"""Load shedding against the real app: a full class of expensive operations sheds the
next one at once (503 OVERLOADED, Retry-After) while cheap reads and other classes go
on; a token past its burst gets 429 RATE_LIMITED and recovers as its bucket refills
(the limiter's clock is driven by the test, nothing sleeps)."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from graphcmdb.api.app import create_app
from graphcmdb.api.capacity import Capacity
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.graph.enums import Role
from tests.api.slow_paths import running_probes, slow_impact_db, until
from tests.conftest import make_token

IMPACT = "query($down: [ID!]!) { impact(down: $down) { summary { nodesDown } } }"
CHEAP = "{ cis { totalCount } }"
GRAPH = '{ graph(centerId: "nope", depth: 1) { truncated } }'


async def post(
    client: httpx.AsyncClient, token: str, query: str, variables: dict[str, Any] | None = None
) -> httpx.Response:
    return await client.post(
        "/graphql",
        json={"query": query, "variables": variables or {}},
        headers={"Authorization": f"Bearer {token}"},
    )


def client_of(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")


async def test_a_full_expensive_class_sheds_the_next_request_not_cheap_reads(
    settings: Settings, db: Database
) -> None:
    token = await make_token(db, Role.VIEWER)
    limits = {"read_deadline_s": 3600.0, "expensive_running": 1, "expensive_waiting": 1}
    slow = slow_impact_db(settings.model_copy(update=limits))
    app = create_app(slow.settings, slow)
    impact: Capacity = app.state.graphcmdb.capacities["impact"]
    down = {"down": ["x"]}
    try:
        async with app.router.lifespan_context(app), client_of(app) as client:
            held = [asyncio.create_task(post(client, token, IMPACT, down)) for _ in range(2)]
            await until(lambda: (impact.running, impact.waiting) == (1, 1), "the class full")

            shed = await post(client, token, IMPACT, down)
            assert shed.status_code == 503
            assert shed.headers["retry-after"] == "2"
            error = shed.json()["errors"][0]
            assert error["extensions"] == {
                "code": "OVERLOADED",
                "operationClass": "impact",
                "retryAfter": 2,
            }
            cheap = await post(client, token, CHEAP)
            assert (cheap.status_code, cheap.json()) == (200, {"data": {"cis": {"totalCount": 0}}})
            other_class = await post(client, token, GRAPH)  # the graph class has its own slots
            assert other_class.status_code == 200
            assert other_class.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"

            for task in held:
                task.cancel()
            await asyncio.gather(*held, return_exceptions=True)
            await until(lambda: (impact.running, impact.waiting) == (0, 0), "slots given back")

            async def stopped() -> bool:
                return not await running_probes(db)

            await until(stopped, "the slow queries stopped")
    finally:
        await slow.close()


async def test_a_token_past_its_burst_gets_429_then_recovers(
    settings: Settings, db: Database
) -> None:
    now = [1000.0]
    rates = {"token_rate_per_s": 1.0, "token_burst": 3}
    app = create_app(settings.model_copy(update=rates), db, clock=lambda: now[0])
    busy, other = await make_token(db, Role.VIEWER), await make_token(db, Role.VIEWER)
    async with app.router.lifespan_context(app), client_of(app) as client:
        for _ in range(3):
            assert (await post(client, busy, CHEAP)).status_code == 200
        refused = await post(client, busy, CHEAP)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "1"
        assert refused.json()["errors"][0]["extensions"] == {
            "code": "RATE_LIMITED",
            "retryAfter": 1,
        }
        assert (await post(client, other, CHEAP)).status_code == 200  # per token

        now[0] += 1.0  # one request earned back
        assert (await post(client, busy, CHEAP)).status_code == 200
        assert (await post(client, busy, CHEAP)).status_code == 429
        now[0] += 10.0  # refilled to the burst, no more
        for _ in range(3):
            assert (await post(client, busy, CHEAP)).status_code == 200
        assert (await post(client, busy, CHEAP)).status_code == 429
