"""The one-query closure (``impact/dependents_closure``) loads exactly the region the
level-by-level walk loads: the same nodes with the same fields, the same needs, on random
stored graphs with cycles and clusters, on a deep chain, and below a downward walk; and
its history twin, as of a moment before the graph changed, the region of that moment."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.history import reading_as_of
from graphcmdb.domain.models import CIUpdate, RelateInput
from graphcmdb.errors import NotFound
from graphcmdb.graph.enums import CIClass, DependencyKind, RelType
from graphcmdb.impact.model import NeedsGraph
from graphcmdb.services import cis as ci_service
from graphcmdb.services import history_retention, impact_fetch, relations
from graphcmdb.services.actor import system_actor
from tests.db.conftest import MONDAY, Clock
from tests.impact_fixtures import build, worked_example
from tests.services.test_impact_db_property import random_case

#: a horizon no test graph reaches: the level-by-level walk, unbounded in effect
FAR = 10_000
ACTOR = system_actor("test")
TUESDAY = MONDAY + timedelta(days=1)


def region(graph: NeedsGraph) -> tuple[dict[str, object], set[object]]:
    needs = {n for group in graph.needs.values() for n in group}
    by = {n for group in graph.needed_by.values() for n in group}
    assert needs == by
    return dict(graph.nodes), needs


async def both(db: Database, ids: list[str]) -> tuple[NeedsGraph, NeedsGraph]:
    closure = await impact_fetch.upstream(db, ids)
    levels = await impact_fetch.upstream(db, ids, max_depth=FAR)
    return closure, levels


@pytest.mark.parametrize("seed", range(8))
async def test_random_graphs_give_the_same_region(db: Database, seed: int) -> None:
    await db.run_raw("MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n")
    cis, edges = random_case(seed)
    ids = await build(db, cis, {}, edges)
    rng = random.Random(seed)
    down = [ids[n] for n in rng.sample(sorted(cis), 2)]
    closure, levels = await both(db, down)
    assert region(closure) == region(levels)
    assert set(down) <= set(closure.nodes)


async def test_worked_example_and_a_deep_chain(db: Database) -> None:
    ids = await worked_example(db)
    closure, levels = await both(db, [ids["h1"]])
    assert region(closure) == region(levels)
    assert set(closure.nodes) == {ids[n] for n in ("h1", "web1", "web2", "web", "shop")}
    assert closure.nodes[ids["web"]].member_count == 3  # web3 is outside the region
    chain = {f"c{i}": (CIClass.APPLICATION, {}) for i in range(40)}
    hops = [(f"c{i + 1}", RelType.DEPENDS_ON, f"c{i}", DependencyKind.SOFT) for i in range(39)]
    more = await build(db, chain, {}, hops)
    closure, levels = await both(db, [more["c0"]])
    assert region(closure) == region(levels)
    assert len(closure.nodes) == 40


async def test_below_a_downward_walk(db: Database) -> None:
    ids = await worked_example(db)

    async def read(tx: Tx) -> NeedsGraph:
        return await impact_fetch.downstream_in(tx, [ids["shop"]], then_upstream=True)

    graph = await db.read_tx(read)
    assert set(graph.nodes) == set(ids.values())  # everything the shop needs, and above


async def test_unknown_ids_are_one_error_listing_them_all(db: Database) -> None:
    ids = await worked_example(db)
    with pytest.raises(NotFound) as raised:
        await impact_fetch.upstream(db, [ids["h1"], "nope-1", "nope-2", "nope-1"])
    assert raised.value.message == "No node with id nope-1, nope-2."


@pytest.mark.parametrize("seed", range(4))
async def test_as_of_the_closure_twin_gives_the_region_of_then(
    db: Database, clock: Clock, seed: int
) -> None:
    await db.run_raw("MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n")
    cis, edges = random_case(seed)
    ids = await build(db, cis, {}, edges)
    rng = random.Random(seed)
    down = [ids[n] for n in rng.sample(sorted(cis), 2)]
    then = region(await impact_fetch.upstream(db, down))
    clock.now = TUESDAY
    for a, t, b, _ in rng.sample(edges, len(edges) // 2):
        await relations.unrelate(db, ACTOR, ids[a], t, ids[b])
    names = sorted(cis)
    for _ in range(3):
        a, b = rng.sample(names, 2)
        await relations.relate(
            db, ACTOR, RelateInput(fromId=ids[a], type=RelType.DEPENDS_ON, toId=ids[b])
        )
    for name in names:
        await ci_service.update_ci(db, ACTOR, ids[name], CIUpdate(name=f"{name}-new"))
    assert region(await impact_fetch.upstream(db, down)) != then  # the present moved
    with reading_as_of(MONDAY + timedelta(hours=1)):
        closure, levels = await both(db, down)
    assert region(closure) == then
    assert region(levels) == then


async def test_as_of_a_moment_retention_thinned_the_walk_stops_where_the_levels_stop(
    db: Database, clock: Clock
) -> None:
    """c2 needs c1 needs c0; c1's version of Tuesday held at no anchor and is dropped, the
    needs (which held at the anchor, Monday) are kept: as of Tuesday c1 is absent, and
    neither walk reaches c2 through it."""
    ids = await build(
        db,
        {f"c{i}": (CIClass.APPLICATION, {}) for i in range(3)},
        {},
        [("c1", RelType.DEPENDS_ON, "c0", None), ("c2", RelType.DEPENDS_ON, "c1", None)],
    )
    for day, name in ((TUESDAY, "c1-tue"), (TUESDAY + timedelta(days=1), "c1-wed")):
        clock.now = day
        await ci_service.update_ci(db, ACTOR, ids["c1"], CIUpdate(name=name))
    at = TUESDAY + timedelta(hours=12)
    with reading_as_of(at):
        closure, levels = await both(db, [ids["c0"]])
    assert set(closure.nodes) == {ids["c0"], ids["c1"], ids["c2"]}  # before retention
    await history_retention.compact(db, TUESDAY + timedelta(days=2), [MONDAY + timedelta(hours=1)])
    with reading_as_of(at):
        closure, levels = await both(db, [ids["c0"]])
    assert region(closure) == region(levels)
    assert set(closure.nodes) == {ids["c0"]}
