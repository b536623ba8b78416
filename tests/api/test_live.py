"""Live status over websocket (graphql-transport-ws) against real uvicorn servers and the
real Neo4j: a subscriber on one API process receives the CI and service moves of an
event posted to another (the change feed read from the database), a scoped token only
what it sees; bad tokens are refused, the per-token cap holds, and a revoked token's
subscription ends; a signed-in browser subscribes with its cookie and CSRF token, and
its subscription ends when its user is disabled. Service.status follows monitoring."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from websockets.exceptions import ConnectionClosed

from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.db.scoping import Scope
from graphcmdb.graph.enums import CIClass, DependencyKind, Environment, RelType, Role, ScopeKind
from graphcmdb.services import tokens, users
from graphcmdb.services.actor import system_actor
from tests.api.live_client import Subscription, bearer
from tests.conftest import free_port, make_token
from tests.impact_fixtures import build
from tests.web.live_server import LiveServer

Move = dict[str, Any]


@pytest.fixture(scope="module")
def servers(settings: Settings) -> Iterator[tuple[str, str]]:
    """Two API processes' worth of app (each its own driver, loop and feed poller)."""
    live = settings.model_copy(
        update={
            "live_poll_s": 0.05,
            "live_auth_check_s": 0.2,
            "live_per_token": 2,
            "token_sync_s": 0.1,  # revocations from this test process reach the cache
        }
    )
    with LiveServer(live, free_port()) as a, LiveServer(live, free_port()) as b:
        yield a, b


@pytest.fixture
async def landscape(db: Database) -> dict[str, str]:
    return await build(
        db,
        cis={
            "web1": (CIClass.VIRTUAL_MACHINE, {"environment": Environment.PRODUCTION.value}),
            "lab1": (CIClass.SERVER, {"environment": Environment.DEVELOPMENT.value}),
        },
        services={"wiki": {"criticality": 4, "users": 300}},
        edges=[("wiki", RelType.DEPENDS_ON, "web1", DependencyKind.HARD)],
    )


async def post_alert(url: str, token: str, ci_id: str, status: str = "firing") -> None:
    body = {"source": "prom", "alertName": "HostDown", "status": status, "severity": "critical"}
    async with httpx.AsyncClient(base_url=url) as client:
        answer = await client.post(
            "/events/generic", json={**body, "ciId": ci_id}, headers=bearer(token)
        )
    assert answer.status_code == 200, answer.text


async def until(sub: Subscription, done: Callable[[list[Move]], bool]) -> list[Move]:
    seen: list[Move] = []
    while not done(seen):
        seen += await sub.moves()
    return seen


def has(node_id: str, to: str) -> Callable[[list[Move]], bool]:
    return lambda moves: any(m["nodeId"] == node_id and m["to"] == to for m in moves)


def both(*tests: Callable[[list[Move]], bool]) -> Callable[[list[Move]], bool]:
    return lambda moves: all(t(moves) for t in tests)


async def service_status(url: str, token: str, service_id: str) -> str:
    query = "query($id: ID!) { service(id: $id) { status } }"
    async with httpx.AsyncClient(base_url=url) as client:
        answer = await client.post(
            "/graphql", json={"query": query, "variables": {"id": service_id}},
            headers=bearer(token),
        )  # fmt: skip
    return str(answer.json()["data"]["service"]["status"])


async def test_moves_posted_to_one_process_reach_a_subscriber_of_another(
    servers: tuple[str, str], db: Database, landscape: dict[str, str]
) -> None:
    a, b = servers
    viewer, events = await make_token(db, Role.VIEWER), await make_token(db, Role.EVENTS)
    web1, wiki = landscape["web1"], landscape["wiki"]
    assert await service_status(a, viewer, wiki) == "OPERATIONAL"
    async with Subscription(a, bearer(viewer)) as sub:
        assert sub.first["payload"]["data"]["liveStatus"]["moves"] == []
        await post_alert(b, events, web1)
        moves = await until(sub, both(has(web1, "DOWN"), has(wiki, "DOWN")))
        hit = next(m for m in moves if m["nodeId"] == wiki)
        assert hit["kind"] == "SERVICE"
        assert hit["name"] == "wiki"
        assert hit["incident"]["state"] == "NEW"
        down = next(m for m in moves if m["nodeId"] == web1)
        assert (down["kind"], down["name"], down["from"]) == ("CI", "web1", "OPERATIONAL")
        assert await service_status(a, viewer, wiki) == "DOWN"

        await post_alert(b, events, web1, "resolved")
        moves = await until(sub, both(has(web1, "OPERATIONAL"), has(wiki, "OPERATIONAL")))
        cleared = next(m for m in moves if m["nodeId"] == wiki)
        assert cleared["incident"]["state"] == "RESOLVED"
        assert await service_status(b, viewer, wiki) == "OPERATIONAL"


async def test_a_scoped_token_receives_only_what_it_sees(
    servers: tuple[str, str], db: Database, landscape: dict[str, str]
) -> None:
    a, _ = servers
    events, viewer = await make_token(db, Role.EVENTS), await make_token(db, Role.VIEWER)
    dev = Scope(ScopeKind.ENVIRONMENT, Environment.DEVELOPMENT.value)
    scoped = await tokens.create_token(
        db, system_actor("test"), "dev-only", Role.VIEWER, scopes=[dev]
    )
    web1, lab1 = landscape["web1"], landscape["lab1"]
    async with (
        Subscription(a, bearer(scoped.token)) as narrow,
        Subscription(a, {"token": viewer}) as wide,
    ):
        await post_alert(a, events, web1)  # production: hidden from the scoped token
        await post_alert(a, events, lab1)
        await until(wide, both(has(web1, "DOWN"), has(lab1, "DOWN")))
        shown = await until(narrow, has(lab1, "DOWN"))
        assert {m["nodeId"] for m in shown} == {lab1}


@pytest.mark.parametrize("init", ["unknown", "events", "none"])
async def test_bad_auth_is_refused(servers: tuple[str, str], db: Database, init: str) -> None:
    token = {
        "unknown": "gcm_" + "x" * 40,
        "events": await make_token(db, Role.EVENTS),
        "none": "",
    }[init]
    sub = Subscription(servers[0], bearer(token) if token else {})
    with pytest.raises(ConnectionClosed) as closed:
        async with sub:
            pass
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403


async def test_only_subscriptions_over_websocket(servers: tuple[str, str], db: Database) -> None:
    viewer = await make_token(db, Role.VIEWER)
    async with Subscription(servers[0], bearer(viewer), "{ cis { totalCount } }") as sub:
        assert sub.first["type"] == "error", sub.first


async def test_the_cap_per_token_and_revocation(
    servers: tuple[str, str], db: Database, landscape: dict[str, str]
) -> None:
    issued = await tokens.create_token(db, system_actor("test"), "watcher", Role.VIEWER)
    async with (
        Subscription(servers[0], bearer(issued.token)) as one,
        Subscription(servers[0], bearer(issued.token)),
        Subscription(servers[0], bearer(issued.token)) as third,
    ):
        assert third.first["type"] == "next"
        assert third.first["payload"]["errors"][0]["extensions"]["code"] == "LIMIT_EXCEEDED"
        await tokens.revoke_token(db, system_actor("test"), issued.record.id)
        ended = await one.receive()
        assert ended["type"] == "next", ended
        assert ended["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert (await one.receive())["type"] == "complete"


async def test_a_signed_in_browser_subscribes_with_its_csrf_token_until_disabled(
    servers: tuple[str, str], db: Database
) -> None:
    """The session cookie travels with the upgrade, its CSRF token in connection_init;
    without that token it is refused, and disabling the user ends the subscription."""
    user = await users.create_user(
        db, system_actor("test"), "watcher", "a long password", Role.VIEWER
    )
    async with httpx.AsyncClient(base_url=servers[0]) as browser:
        signed = await browser.post(
            "/auth/login", json={"username": "watcher", "password": "a long password"}
        )
    assert signed.status_code == 200, signed.text
    cookie = {"Cookie": f"graphcmdb_session={signed.cookies['graphcmdb_session']}"}
    with pytest.raises(ConnectionClosed) as closed:
        async with Subscription(servers[0], {"csrfToken": "0" * 64}, headers=cookie):
            pass
    assert closed.value.rcvd is not None
    assert closed.value.rcvd.code == 4403
    init = {"csrfToken": signed.json()["csrfToken"]}
    async with Subscription(servers[0], init, headers=cookie) as sub:
        assert sub.first["type"] == "next", sub.first
        assert not sub.first["payload"].get("errors"), sub.first
        await users.disable_user(db, system_actor("test"), user.id)
        ended = await sub.receive()
        assert ended["type"] == "next", ended
        assert ended["payload"]["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert (await sub.receive())["type"] == "complete"
