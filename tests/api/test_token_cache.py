"""Token look-ups are cached under the token feed's stamp (``services/token_cache.py``):
no database round trip per request, a revocation through the API applies to the very
next request of the same process, one made elsewhere (the CLI, another API process)
within ``token_sync_s``. The clocks are driven, never slept on."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from graphcmdb.api.app import create_app
from graphcmdb.config import Settings
from graphcmdb.db.database import Database
from graphcmdb.graph.enums import Role
from graphcmdb.services import tokens
from graphcmdb.services.actor import system_actor
from graphcmdb.services.token_cache import TokenCache
from tests.cli.test_cli import run_cli
from tests.conftest import WIPE, make_token

QUERY = b'{"query": "{ cis { totalCount } }"}'
REVOKE = "mutation($id: ID!) { revokeToken(id: $id) { revokedAt } }"
CYPHER = Path(__file__).parents[2] / "cypher"
SYNC_S = Settings.model_fields["token_sync_s"].default  # what a server runs with


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def bearer(token: str) -> dict[str, str]:
    return {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}


@asynccontextmanager
async def served(
    settings: Settings, db: Database, clock: Clock, sync_s: float = SYNC_S
) -> AsyncIterator[httpx.AsyncClient]:
    """An API process of its own (its own token cache) on the shared database; no impact
    evaluator (its look for queued work at start-up would count among the round trips)."""
    own = settings.model_copy(update={"token_sync_s": sync_s, "impact_evaluator": False})
    app = create_app(own, db, clock=clock)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


async def status(client: httpx.AsyncClient, token: str) -> int:
    return (await client.post("/graphql", content=QUERY, headers=bearer(token))).status_code


async def viewer_and_admin(db: Database) -> tuple[str, str, str]:
    """A viewer token, its id (to revoke it by) and an admin token."""
    viewer = await make_token(db, Role.VIEWER)
    admin = await make_token(db, Role.ADMIN)
    victim = next(t for t in await tokens.list_tokens(db) if t.role is Role.VIEWER)
    return viewer, victim.id, admin


async def revoke(client: httpx.AsyncClient, admin: str, token_id: str) -> httpx.Response:
    body = {"query": REVOKE, "variables": {"id": token_id}}
    return await client.post("/graphql", json=body, headers=bearer(admin))


async def test_a_known_token_costs_no_round_trip_while_the_stamp_holds(db: Database) -> None:
    raw = await make_token(db, Role.VIEWER)
    clock = Clock()
    cache = TokenCache(SYNC_S, clock)
    before = db.round_trips
    first = await cache.authenticate(db, raw)
    assert first is not None
    assert first.role is Role.VIEWER
    assert db.round_trips - before == 2  # the stamp, then the look-up
    start = clock.now
    for step in range(10):
        clock.now = start + SYNC_S / 2 * step / 10  # the first half: nothing read ahead
        assert await cache.authenticate(db, raw) == first
    assert db.round_trips - before == 2
    assert await cache.authenticate(db, "gcmdb_not-a-token") is None
    assert await cache.authenticate(db, "gcmdb_not-a-token") is None  # remembered too
    assert db.round_trips - before == 3


async def test_a_revocation_through_the_api_applies_to_the_next_request(
    settings: Settings, db: Database
) -> None:
    """A stamp trusted for an hour: only the revocation itself can end the token here."""
    viewer, victim, admin = await viewer_and_admin(db)
    async with served(settings, db, Clock(), sync_s=3600.0) as client:
        costs = []
        for _ in range(3):
            before = db.round_trips
            assert await status(client, viewer) == 200
            costs.append(db.round_trips - before)
        assert costs[0] - costs[1] == 2  # the stamp and the look-up, then neither
        assert costs[1] == costs[2]
        answer = await revoke(client, admin, victim)
        assert answer.json()["data"]["revokeToken"]["revokedAt"]
        assert await status(client, viewer) == 401
        assert await status(client, admin) == 200


async def test_the_cli_revokes_within_token_sync_s_and_at_once_after_it(
    settings: Settings, db: Database
) -> None:
    made = await tokens.create_token(db, system_actor("test"), "soon-revoked", Role.VIEWER)
    clock = Clock()
    async with served(settings, db, clock) as client:
        assert await status(client, made.token) == 200  # looked up: the stamp read now
        done = run_cli(settings, "token", "revoke", made.record.id)  # another process
        assert done.returncode == 0, done.stderr
        clock.now += SYNC_S * 0.4
        assert await status(client, made.token) == 200  # the bounded staleness
        clock.now += SYNC_S * 0.6
        assert await status(client, made.token) == 401  # the stamp is read again


async def test_a_revocation_through_another_api_process_applies_within_token_sync_s(
    settings: Settings, db: Database
) -> None:
    viewer, victim, admin = await viewer_and_admin(db)
    here, there = Clock(), Clock()
    async with served(settings, db, here) as one, served(settings, db, there) as other:
        assert await status(one, viewer) == 200
        assert await status(other, viewer) == 200
        assert (await revoke(one, admin, victim)).status_code == 200
        assert await status(one, viewer) == 401  # at once where it was revoked
        there.now += SYNC_S
        assert await status(other, viewer) == 401  # within token_sync_s elsewhere


async def test_a_token_created_elsewhere_is_known_at_once(settings: Settings, db: Database) -> None:
    """A token nobody has presented yet is looked up: its creation needs no waiting."""
    clock = Clock()
    async with served(settings, db, clock) as client:
        early = await make_token(db, Role.VIEWER)
        assert await status(client, early) == 200
        late = await make_token(db, Role.VIEWER)
        assert await status(client, late) == 200


async def test_a_wiped_or_restored_graph_drops_what_was_cached(
    settings: Settings, db: Database
) -> None:
    """The stamp is random, not a counter: a graph wiped and filled again never shows a
    process a stamp it cached under, even with as many token changes since."""
    viewer = await make_token(db, Role.VIEWER)
    clock = Clock()
    async with served(settings, db, clock) as client:
        assert await status(client, viewer) == 200
        await db.run_raw(WIPE)
        await make_token(db, Role.VIEWER)  # one change again, as before the wipe
        clock.now += SYNC_S
        assert await status(client, viewer) == 401


async def test_every_statement_that_writes_a_token_stamps_the_token_feed() -> None:
    """The stamp is what keeps caches honest: a token write that did not change it would
    go unnoticed by every API process until restarted."""
    writes = re.compile(r"\b(CREATE|SET|REMOVE|DELETE|MERGE)\b")
    checked = []
    for path in sorted(CYPHER.rglob("*.cypher")):
        text = "\n".join(
            line for line in path.read_text().splitlines() if not line.startswith("//")
        )
        if path.parent.name == "schema" or ":ApiToken" not in text or not writes.search(text):
            continue
        checked.append(path.stem)
        assert "MERGE (f:ChangeFeed {name: $feed})" in text, path
        assert "f.stamp = randomUUID()" in text, path
    assert sorted(checked) == ["create", "revoke", "revoke_by_name"]
