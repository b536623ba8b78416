"""People sign in: a password opens a session cookie (HttpOnly, SameSite=Strict, Secure
over https, bounded), whose server-side record ends at sign-out or when the user is
disabled; wrong passwords are refused and throttled; a cookie request without the
session's CSRF token is refused and changes nothing; a viewer never reaches the admin
queries. Real app, real Neo4j; tokens keep working as before."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from graphcmdb.api.app import create_app
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.graph.enums import Role
from graphcmdb.services import users
from graphcmdb.services.actor import system_actor
from tests.api.test_node_permissions import graph_state
from tests.conftest import make_token

PASSWORD = "correct horse battery"
ADMIN_PASSWORD = "admin staple horse"
CREATE_CI = 'mutation { createCI(input: {name: "forged", ciClass: SERVER}) { id } }'
COUNT = "{ cis { totalCount } }"


@asynccontextmanager
async def app_of(settings: Settings, db: Database, **overrides: object) -> AsyncIterator[FastAPI]:
    app = create_app(settings.model_copy(update=overrides), db)
    async with app.router.lifespan_context(app):
        yield app


@asynccontextmanager
async def browser(
    app: FastAPI, address: str = "127.0.0.1", base: str = "http://test"
) -> AsyncIterator[httpx.AsyncClient]:
    """A client with its own cookie jar, from ``address``."""
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    async with httpx.AsyncClient(transport=transport, base_url=base) as client:
        yield client


async def add_user(db: Database, name: str, role: Role, password: str = PASSWORD) -> str:
    return (await users.create_user(db, system_actor("test"), name, password, role)).id


async def sign_in(client: httpx.AsyncClient, name: str, password: str = PASSWORD) -> httpx.Response:
    return await client.post("/auth/login", json={"username": name, "password": password})


async def gql(
    client: httpx.AsyncClient, query: str, csrf: str | None, **headers: str
) -> httpx.Response:
    sent = {"X-CSRF-Token": csrf} if csrf else {}
    return await client.post("/graphql", json={"query": query}, headers={**sent, **headers})


def code(response: httpx.Response) -> str:
    return str(response.json()["errors"][0]["extensions"]["code"])


def data(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    assert not body.get("errors"), body
    return dict(body["data"])


async def test_sign_in_sets_a_strict_http_only_bounded_cookie_that_works(
    settings: Settings, db: Database
) -> None:
    await add_user(db, "alice", Role.VIEWER)
    async with app_of(settings, db, session_lifetime_s=3600) as app, browser(app) as client:
        signed = await sign_in(client, "alice")
        assert signed.status_code == 200, signed.text
        cookie = signed.headers["set-cookie"]
        assert cookie.startswith("graphcmdb_session=gsess_")
        for attribute in ("HttpOnly", "SameSite=strict", "Max-Age=3600", "Path=/"):
            assert attribute.lower() in cookie.lower(), cookie
        assert "secure" not in cookie.lower()  # plain http: a Secure cookie would be dropped
        body = signed.json()
        assert body["user"] == {"name": "alice", "role": "VIEWER", "permissions": [], "scopes": []}
        csrf = body["csrfToken"]
        assert data(await gql(client, COUNT, csrf)) == {"cis": {"totalCount": 0}}
        again = await client.get("/auth/session")
        assert again.status_code == 200
        assert again.json() == body
    async with app_of(settings, db) as app, browser(app, base="https://test") as client:
        assert "secure" in (await sign_in(client, "alice")).headers["set-cookie"].lower()


async def test_the_session_record_expires_with_its_lifetime(
    settings: Settings, db: Database
) -> None:
    await add_user(db, "alice", Role.VIEWER)
    async with app_of(settings, db) as app, browser(app) as client:
        csrf = (await sign_in(client, "alice")).json()["csrfToken"]
        rows = await db.run_raw(
            "MATCH (s:Session) RETURN duration.inSeconds(s.createdAt, s.expiresAt).seconds AS s"
        )
        assert [r["s"] for r in rows] == [int(settings.session_lifetime_s)]
        await db.run_raw("MATCH (s:Session) SET s.expiresAt = datetime() - duration('PT1S')")
        assert code(await gql(client, COUNT, csrf)) == "UNAUTHENTICATED"


async def test_a_wrong_password_is_refused_then_throttled(settings: Settings, db: Database) -> None:
    await add_user(db, "alice", Role.VIEWER)
    async with app_of(settings, db, auth_failure_limit=3) as app, browser(app) as client:
        for name, password in (("alice", "wrong password"), ("nobody", PASSWORD), ("alice", "x")):
            refused = await sign_in(client, name, password)
            assert refused.status_code == 401
            assert code(refused) == "UNAUTHENTICATED"
            assert "set-cookie" not in refused.headers
        throttled = await sign_in(client, "alice")  # the right password, too late
        assert throttled.status_code == 429
        assert code(throttled) == "TOO_MANY_REQUESTS"
        assert int(throttled.headers["retry-after"]) >= 1
    assert await db.run_raw("MATCH (s:Session) RETURN s") == []


async def test_guessing_one_account_from_many_addresses_is_throttled_too(
    settings: Settings, db: Database
) -> None:
    await add_user(db, "alice", Role.VIEWER)
    async with app_of(settings, db, auth_failure_limit=3) as app:
        for n in range(3):
            async with browser(app, address=f"10.0.0.{n}") as client:
                assert (await sign_in(client, "alice", "guess-guess")).status_code == 401
        async with browser(app, address="10.0.0.9") as client:
            assert (await sign_in(client, "alice")).status_code == 429
            assert (await sign_in(client, "bob", "whatever-else")).status_code == 401


async def test_a_disabled_users_session_dies_at_once(settings: Settings, db: Database) -> None:
    alice = await add_user(db, "alice", Role.EDITOR)
    admin = await make_token(db, Role.ADMIN)
    async with app_of(settings, db) as app, browser(app) as client:
        csrf = (await sign_in(client, "alice")).json()["csrfToken"]
        assert data(await gql(client, COUNT, csrf))
        disable = f'mutation {{ disableUser(id: "{alice}") {{ disabledAt }} }}'
        async with browser(app, address="10.1.1.1") as other:
            done = await gql(other, disable, None, Authorization=f"Bearer {admin}")
            assert data(done)["disableUser"]["disabledAt"]
        assert code(await gql(client, COUNT, csrf)) == "UNAUTHENTICATED"
        assert (await client.get("/auth/session")).json() == {"user": None, "csrfToken": None}
        assert "graphcmdb_session" not in client.cookies  # the ended session's cookie cleared
        assert (await sign_in(client, "alice")).status_code == 401
    assert await db.run_raw("MATCH (s:Session) RETURN s") == []


async def test_sign_out_ends_the_session_on_the_server(settings: Settings, db: Database) -> None:
    await add_user(db, "alice", Role.VIEWER)
    async with app_of(settings, db) as app, browser(app) as client:
        signed = await sign_in(client, "alice")
        csrf, cookie = signed.json()["csrfToken"], client.cookies["graphcmdb_session"]
        refused = await client.post("/auth/logout", json={})  # no CSRF token
        assert refused.status_code == 403
        assert code(refused) == "CSRF_REFUSED"
        out = await client.post("/auth/logout", json={}, headers={"X-CSRF-Token": csrf})
        assert out.status_code == 200
        assert 'graphcmdb_session=""' in out.headers["set-cookie"]
        # a copy of the cookie kept by someone is worth nothing now
        client.cookies.set("graphcmdb_session", cookie)
        assert code(await gql(client, COUNT, csrf)) == "UNAUTHENTICATED"
    rows = await db.run_raw("MATCH (a:AuditEntry) RETURN a.operation AS op ORDER BY a.at")
    assert [r["op"] for r in rows][-2:] == ["signIn", "signOut"]


@pytest.mark.parametrize("csrf", [None, "0" * 64, "other-session"])
async def test_a_cookie_request_without_its_csrf_token_changes_nothing(
    settings: Settings, db: Database, csrf: str | None
) -> None:
    await add_user(db, "root", Role.ADMIN, ADMIN_PASSWORD)
    await add_user(db, "mallory", Role.VIEWER)
    async with app_of(settings, db) as app, browser(app) as client:
        assert (await sign_in(client, "root", ADMIN_PASSWORD)).status_code == 200
        if csrf == "other-session":  # a real CSRF token, of someone else's session
            async with browser(app) as attacker:
                csrf = (await sign_in(attacker, "mallory")).json()["csrfToken"]
        before = await graph_state(db)
        refused = await gql(client, CREATE_CI, csrf)
        assert refused.status_code == 403
        assert code(refused) == "CSRF_REFUSED"
        assert await graph_state(db) == before
        # the same request with the session's own token goes through
        right = (await client.get("/auth/session")).json()["csrfToken"]
        assert data(await gql(client, CREATE_CI, right))["createCI"]["id"]
    rows = await db.run_raw("MATCH (a:AuditEntry {operation: 'createCI'}) RETURN a.actor AS actor")
    assert [r["actor"] for r in rows] == ["user:root"]


ADMIN_QUERIES = (
    "{ users { name } }",
    "{ apiTokens { name } }",
    'mutation { createUser(input: {name: "eve", password: "long enough pw", role: ADMIN}) { id } }',
)


@pytest.mark.parametrize("query", ADMIN_QUERIES)
async def test_a_signed_in_viewer_cannot_reach_the_admin_queries(
    settings: Settings, db: Database, query: str
) -> None:
    await add_user(db, "vera", Role.VIEWER)
    async with app_of(settings, db) as app, browser(app) as client:
        csrf = (await sign_in(client, "vera")).json()["csrfToken"]
        before = await graph_state(db)
        body = (await gql(client, query, csrf)).json()
        assert body["data"] is None
        assert body["errors"][0]["extensions"] == {
            "code": "FORBIDDEN",
            "needed": "admin",
            "role": "viewer",
        }
        assert await graph_state(db) == before


async def test_tokens_keep_working_without_csrf_and_win_over_a_cookie(
    settings: Settings, db: Database
) -> None:
    await add_user(db, "vera", Role.VIEWER)
    admin = await make_token(db, Role.ADMIN)
    async with app_of(settings, db) as app, browser(app) as client:
        await sign_in(client, "vera")
        done = await gql(client, "{ users { name role } }", None, Authorization=f"Bearer {admin}")
        assert data(done) == {"users": [{"name": "vera", "role": "VIEWER"}]}


async def test_passwords_are_argon2_hashes_never_stored_or_answered_in_clear(
    settings: Settings, db: Database
) -> None:
    admin = await make_token(db, Role.ADMIN)
    secret = "a very secret passphrase"
    create = (
        'mutation($p: String!) { createUser(input: {name: "ada", password: $p, role: EDITOR,'
        ' permissions: [FINANCIALS], scopes: [{kind: ENVIRONMENT, value: "PRODUCTION"}]})'
        " { id name role permissions scopes { kind value } disabledAt } }"
    )
    async with app_of(settings, db) as app, browser(app) as client:
        response = await client.post(
            "/graphql",
            json={"query": create, "variables": {"p": secret}},
            headers={"Authorization": f"Bearer {admin}"},
        )
        created = data(response)["createUser"]
        assert created["permissions"] == ["FINANCIALS"]
        assert created["disabledAt"] is None
        assert created["scopes"] == [{"kind": "ENVIRONMENT", "value": "PRODUCTION"}]
        assert secret not in response.text
        assert "argon2" not in response.text
        signed = await sign_in(client, "ada", secret)
        assert signed.json()["user"]["scopes"] == ["environment=PRODUCTION"]
    (stored,) = await db.run_raw("MATCH (u:User {name: 'ada'}) RETURN u.passwordHash AS h")
    assert stored["h"].startswith("$argon2id$")
    everything = str(await graph_state(db))
    assert secret not in everything
    entries = await db.run_raw("MATCH (a:AuditEntry) RETURN a.after AS after")
    assert not any("argon2" in str(e["after"]) for e in entries)


async def test_bad_user_input_is_a_typed_error_and_writes_nothing(
    settings: Settings, db: Database
) -> None:
    admin = await make_token(db, Role.ADMIN)
    await add_user(db, "taken", Role.VIEWER)
    cases = {
        '{name: "ok-name", password: "short", role: VIEWER}': ("VALIDATION_FAILED", "password"),
        '{name: "no spaces", password: "long enough pw", role: VIEWER}': (
            "VALIDATION_FAILED",
            "name",
        ),
        '{name: "taken", password: "long enough pw", role: VIEWER}': ("DUPLICATE", "name"),
        '{name: "bot", password: "long enough pw", role: EVENTS}': ("VALIDATION_FAILED", "role"),
    }
    async with app_of(settings, db) as app, browser(app) as client:
        before = await graph_state(db)
        for given, (expected, field) in cases.items():
            query = f"mutation {{ createUser(input: {given}) {{ id }} }}"
            body = (await gql(client, query, None, Authorization=f"Bearer {admin}")).json()
            extensions = body["errors"][0]["extensions"]
            assert (extensions["code"], extensions["field"]) == (expected, field), given
            assert "long enough pw" not in str(body)
        assert await graph_state(db) == before


async def test_a_new_password_ends_the_users_sessions(settings: Settings, db: Database) -> None:
    alice = await add_user(db, "alice", Role.VIEWER)
    async with app_of(settings, db) as app, browser(app) as client:
        csrf = (await sign_in(client, "alice")).json()["csrfToken"]
        await users.set_password(db, system_actor("test"), alice, "a brand new password")
        assert code(await gql(client, COUNT, csrf)) == "UNAUTHENTICATED"
        assert (await sign_in(client, "alice")).status_code == 401
        assert (await sign_in(client, "alice", "a brand new password")).status_code == 200


async def test_sign_in_needs_a_json_body(settings: Settings, db: Database) -> None:
    await add_user(db, "alice", Role.VIEWER)
    async with app_of(settings, db) as app, browser(app) as client:
        form = await client.post("/auth/login", data={"username": "alice", "password": PASSWORD})
        assert form.status_code == 415
        assert "set-cookie" not in form.headers
