"""A live batch's visibility is read once per scope set, shared by the subscribers with
those scopes, and each sees only what its scopes show (real Neo4j; round trips counted
by the database object)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from graphcmdb.api.live_visibility import SharedVisibility
from graphcmdb.db.database import Database
from graphcmdb.db.scoping import Scope
from graphcmdb.graph.enums import CIClass, CIStatus, Environment, LiveKind, Role, ScopeKind
from graphcmdb.services.actor import Actor
from graphcmdb.services.live_feed import LiveMove
from tests.impact_fixtures import build

DEV = Scope(ScopeKind.ENVIRONMENT, Environment.DEVELOPMENT.value)
PROD = Scope(ScopeKind.ENVIRONMENT, Environment.PRODUCTION.value)


def move(seq: int, node_id: str) -> LiveMove:
    at = datetime.now(UTC)
    return LiveMove(seq, at, LiveKind.CI, node_id, None, None, CIStatus.DOWN, "test")


def viewer(n: int, *scopes: Scope) -> Actor:
    return Actor(f"dash-{n}", Role.VIEWER, token_id=f"t{n}", scopes=scopes)


async def test_one_read_per_batch_and_scope_set(db: Database) -> None:
    ids = await build(
        db,
        cis={
            "web1": (CIClass.SERVER, {"environment": Environment.PRODUCTION.value}),
            "lab1": (CIClass.SERVER, {"environment": Environment.DEVELOPMENT.value}),
        },
        services={},
        edges=[],
    )
    shared = SharedVisibility(db)
    batch = [move(1, ids["web1"]), move(2, ids["lab1"])]
    shared.newest(batch)
    devs = [viewer(n, DEV) for n in range(6)]
    prods = [viewer(10 + n, PROD) for n in range(6)]
    before = db.round_trips
    shown = await asyncio.gather(*(shared.shown(a, batch) for a in [*devs, *prods]))
    assert db.round_trips - before == 2  # one read per scope set, not one per subscriber
    assert [[m.node_id for m in s] for s in shown[:6]] == [[ids["lab1"]]] * 6
    assert [[m.node_id for m in s] for s in shown[6:]] == [[ids["web1"]]] * 6
    unscoped = await shared.shown(viewer(99), batch)
    assert unscoped is batch
    assert db.round_trips - before == 2
    older = [move(0, ids["web1"])]  # a lagging subscriber's older batch: read on its own
    assert await shared.shown(devs[0], older) == []
    assert db.round_trips - before == 3
