"""A GraphQL request lives as long as its client and no longer than its deadline: when
the client disconnects, the work stops and Neo4j's transaction is gone (seen through
SHOW TRANSACTIONS, against a real uvicorn); a query past the read deadline is answered
TIMEOUT (retry-safe) and gives back what it held."""

from __future__ import annotations

import asyncio
import json

import httpx

from graphcmdb.api.app import create_app
from graphcmdb.api.lifetime import Deadline
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.graph.enums import Role
from tests.api.slow_paths import running_probes, slow_impact_db, until, uvicorn_serving
from tests.conftest import make_token

IMPACT = "query($down: [ID!]!) { impact(down: $down) { summary { nodesDown } } }"


def post_request(token: str, payload: dict[str, object]) -> bytes:
    body = json.dumps(payload).encode()
    head = (
        "POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n"
        f"Authorization: Bearer {token}\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def test_a_client_that_disconnects_stops_its_transaction(
    settings: Settings, db: Database
) -> None:
    token = await make_token(db, Role.VIEWER)
    # no deadline could stop it during the test: only the disconnect can
    slow = slow_impact_db(settings.model_copy(update={"read_deadline_s": 3600.0}))
    try:
        async with uvicorn_serving(create_app(slow.settings, slow)) as port:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(post_request(token, {"query": IMPACT, "variables": {"down": ["x"]}}))
            await writer.drain()
            await until(lambda: running_probes(db), "the slow query running in Neo4j")
            writer.close()  # the client goes away without waiting for the answer
            await writer.wait_closed()

            async def gone() -> bool:
                return not await running_probes(db)

            await until(gone, "the transaction gone after the disconnect")
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                after = await client.post(
                    "/graphql",
                    json={"query": "{ cis { totalCount } }"},
                    headers={"Authorization": f"Bearer {token}"},
                )
            assert after.status_code == 200, after.text  # the server carries on
            assert after.json()["data"]["cis"]["totalCount"] == 0
    finally:
        await slow.close()


async def test_a_query_past_its_deadline_gets_timeout_and_gives_its_place_back(
    settings: Settings, db: Database
) -> None:
    token = await make_token(db, Role.VIEWER)
    limits = {"read_deadline_s": 0.5, "expensive_running": 1, "expensive_waiting": 1}
    app = create_app(settings.model_copy(update=limits), db)
    capacity = app.state.graphcmdb.capacities["impact"]
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            async with capacity.slot():  # the only impact slot is taken: the query waits
                response = await client.post(
                    "/graphql",
                    json={"query": IMPACT, "variables": {"down": ["x"]}},
                    headers={"Authorization": f"Bearer {token}"},
                )
            assert response.status_code == 200  # as every typed GraphQL error
            error = response.json()["errors"][0]
            assert error["extensions"] == {"code": "TIMEOUT", "seconds": 0.5, "retrySafe": True}
            assert "safe to retry" in error["message"]
            assert (capacity.running, capacity.waiting) == (0, 0)
            cheap = await client.post(
                "/graphql",
                json={"query": "{ cis { totalCount } }"},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert cheap.json() == {"data": {"cis": {"totalCount": 0}}}


async def test_a_deadline_only_moves_earlier_and_says_what_it_stopped() -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    async with asyncio.timeout_at(started + 900) as timeout:
        deadline = Deadline(timeout, started, 900)
        deadline.narrow(15, "query")
        assert (timeout.when(), deadline.seconds) == (started + 15, 15)
        message, extensions = deadline.answer()
        assert extensions == {"code": "TIMEOUT", "seconds": 15, "retrySafe": True}
        assert "query ran past its 15 s deadline" in message
        deadline.narrow(900, "mutation")  # never later
        assert timeout.when() == started + 15
        _, extensions = deadline.answer()
        assert extensions["retrySafe"] is False  # an import's earlier batches stay
        timeout.reschedule(None)
        await asyncio.sleep(0)
