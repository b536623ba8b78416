"""The one-query closure (``impact/dependents_closure``) loads exactly the region the
level-by-level walk loads: the same nodes with the same fields, the same needs, on random
stored graphs with cycles and clusters, on a deep chain, and below a downward walk."""

from __future__ import annotations

import random

import pytest

from graphcmdb.db.database import Database, Tx
from graphcmdb.errors import NotFound
from graphcmdb.graph.enums import CIClass, DependencyKind, RelType
from graphcmdb.impact.model import NeedsGraph
from graphcmdb.services import impact_fetch
from tests.impact_fixtures import build, worked_example
from tests.services.test_impact_db_property import random_case

#: a horizon no test graph reaches: the level-by-level walk, unbounded in effect
FAR = 10_000


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
