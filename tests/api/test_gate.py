"""The gate in front of /graphql: a caller who is not known gets nothing read or parsed;
a body over the limit is refused; failed authentications are throttled per address
(revocations: test_token_cache.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx

from graphcmdb.api.app import create_app
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.graph.enums import Role
from tests.conftest import make_token

QUERY = b'{"query": "{ cis { totalCount } }"}'
JSON = {"Content-Type": "application/json"}


def bearer(token: str) -> dict[str, str]:
    return {**JSON, "Authorization": f"Bearer {token}"}


@asynccontextmanager
async def served(
    settings: Settings, db: Database, address: str = "127.0.0.1", **overrides: object
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings.model_copy(update=overrides), db)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


class Body:
    """A streamed request body that records whether anyone read it."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks, self.read = chunks, False

    async def __aiter__(self) -> AsyncIterator[bytes]:
        self.read = True
        for chunk in self.chunks:
            yield chunk


def code(response: httpx.Response) -> str:
    return str(response.json()["errors"][0]["extensions"]["code"])


async def test_an_unknown_caller_gets_401_and_the_body_is_never_read(
    settings: Settings, db: Database
) -> None:
    async with served(settings, db) as client:
        for headers in ({}, {"Authorization": "Bearer gcmdb_not-a-token"}):
            body = Body([b'{"query": "', b"x" * 1000, b'"}'])
            response = await client.post("/graphql", content=body, headers=headers)
            assert (response.status_code, code(response)) == (401, "UNAUTHENTICATED")
            assert not body.read
            assert response.headers["X-Content-Type-Options"] == "nosniff"  # refusals too
            assert response.headers["X-Frame-Options"] == "DENY"


async def test_a_body_over_the_limit_is_refused_declared_or_streamed(
    settings: Settings, db: Database
) -> None:
    token = await make_token(db, Role.VIEWER)
    auth = bearer(token)
    async with served(settings, db, max_body_bytes=1000) as client:
        declared = await client.post("/graphql", content=b"x" * 1001, headers=auth)
        assert (declared.status_code, code(declared)) == (413, "BODY_TOO_LARGE")
        streamed = Body([QUERY[:10], b" " * 2000, QUERY[10:]])  # no length declared
        refused = await client.post("/graphql", content=streamed, headers=auth)
        assert (refused.status_code, code(refused)) == (413, "BODY_TOO_LARGE")
        fits = await client.post("/graphql", content=Body([QUERY[:10], QUERY[10:]]), headers=auth)
        assert fits.status_code == 200, fits.text
        assert fits.json()["data"]["cis"]["totalCount"] == 0


async def test_failed_authentications_are_throttled_per_address(
    settings: Settings, db: Database
) -> None:
    token = await make_token(db, Role.VIEWER)
    bad, good = bearer("gcmdb_guess"), bearer(token)
    async with served(settings, db, "10.9.9.9", auth_failure_limit=3) as guesser:
        for _ in range(3):
            assert (await guesser.post("/graphql", content=QUERY, headers=bad)).status_code == 401
        blocked = await guesser.post("/graphql", content=QUERY, headers=good)
        assert (blocked.status_code, code(blocked)) == (429, "TOO_MANY_REQUESTS")
        assert 1 <= int(blocked.headers["retry-after"]) <= 60
    async with served(settings, db, "10.9.9.10", auth_failure_limit=3) as other:
        assert (await other.post("/graphql", content=QUERY, headers=good)).status_code == 200


async def test_guessing_at_the_event_receivers_is_throttled_as_at_graphql(
    settings: Settings, db: Database
) -> None:
    """One count per address, whichever door is tried: three wrong tokens on
    ``/events/generic`` block the address at ``/graphql`` too, before a look-up."""
    token = await make_token(db, Role.EVENTS)
    event = {"source": "probe", "hostname": "h1", "alertName": "x", "status": "firing"}
    async with served(settings, db, "10.9.9.11", auth_failure_limit=3) as guesser:
        for _ in range(3):
            reply = await guesser.post("/events/generic", json=event, headers=bearer("gcmdb_x"))
            assert reply.status_code == 401
        for path in ("/events/generic", "/graphql"):
            blocked = await guesser.post(path, json=event, headers=bearer(token))
            assert (blocked.status_code, code(blocked)) == (429, "TOO_MANY_REQUESTS"), path
            assert 1 <= int(blocked.headers["retry-after"]) <= 60
    assert not await db.run_raw("MATCH (e:Event) RETURN e")  # nothing was stored


async def test_an_event_token_past_its_rate_is_refused(settings: Settings, db: Database) -> None:
    token = await make_token(db, Role.EVENTS)
    event = {"source": "probe", "hostname": "h1", "alertName": "x", "status": "firing"}
    limits = {"token_rate_per_s": 0.001, "token_burst": 2}
    async with served(settings, db, **limits) as sender:
        answers = [
            await sender.post("/events/generic", json=event, headers=bearer(token))
            for _ in range(3)
        ]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert code(answers[2]) == "RATE_LIMITED"
    assert int(answers[2].headers["retry-after"]) >= 1


async def test_the_graphiql_page_needs_no_token_when_switched_on(
    settings: Settings, db: Database
) -> None:
    async with served(settings, db, graphiql=True) as client:
        page = await client.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert "graphiql" in page.text.lower()


async def test_a_query_sent_as_if_for_the_page_still_passes_the_gate(
    settings: Settings, db: Database
) -> None:
    """Strawberry executes a GET that carries ``query`` even when it accepts HTML: such
    a request is no page view, so an unknown token is refused and counted like any."""
    html = {"Accept": "text/html", "Authorization": "Bearer gcmdb_not-a-token"}
    async with served(settings, db, graphiql=True, auth_failure_limit=2) as client:
        asked = {"query": "{ cis { totalCount } }"}
        answers = [await client.get("/graphql", params=asked, headers=html) for _ in range(3)]
        assert [a.status_code for a in answers] == [401, 401, 429]
        assert code(answers[0]) == "UNAUTHENTICATED"


async def test_the_production_profile_shows_no_tools_and_no_hints(
    settings: Settings, db: Database
) -> None:
    token = await make_token(db, Role.VIEWER)
    typo = b'{"query": "{ cis { totlCount } }"}'
    async with served(settings, db) as client:  # the defaults: a production server
        page = await client.get("/graphql", headers={"Accept": "text/html"})
        assert page.status_code != 200 or "graphiql" not in page.text.lower()
        for path in ("/docs", "/redoc", "/openapi.json"):
            assert (await client.get(path)).status_code == 404
        error = (await client.post("/graphql", content=typo, headers=bearer(token))).json()
        message = error["errors"][0]["message"]
        assert "totlCount" in message
        assert "Did you mean" not in message
        schema = b'{"query": "{ __schema { types { name } } }"}'
        refused = (await client.post("/graphql", content=schema, headers=bearer(token))).json()
        assert refused["data"] is None
        assert "introspection" in refused["errors"][0]["message"].lower()
        explorer = await client.get("/")
        assert "frame-ancestors 'none'" in explorer.headers["content-security-policy"]
        assert explorer.headers["x-frame-options"] == "DENY"
        assert explorer.headers["x-content-type-options"] == "nosniff"
        assert explorer.headers["referrer-policy"] == "no-referrer"
    async with served(
        settings, db, field_suggestions=True, api_docs=True, introspection=True
    ) as demo:
        error = (await demo.post("/graphql", content=typo, headers=bearer(token))).json()
        assert "Did you mean 'totalCount'?" in error["errors"][0]["message"]
        schema_read = (await demo.post("/graphql", content=schema, headers=bearer(token))).json()
        assert {"name": "CI"} in schema_read["data"]["__schema"]["types"]
        assert (await demo.get("/openapi.json")).status_code == 200
