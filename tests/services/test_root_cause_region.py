"""A root-cause region (``impact_fetch.downstream_in(then_upstream=True)``) holds exactly
the nodes and needs of the symptoms' downward region and of everything that needs it,
as the closure query reads them, with the downward part described and the part above
it counted only; and so does its history twin as of a moment before the graph changed."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.history import reading_as_of
from graphcmdb.domain.models import RelateInput
from graphcmdb.graph.enums import RelType
from graphcmdb.impact.model import Need, NeedsGraph
from graphcmdb.services import impact_fetch, relations
from graphcmdb.services.actor import system_actor
from tests.db.conftest import MONDAY, Clock
from tests.impact_fixtures import build, worked_example
from tests.services.test_impact_db_property import random_case

ACTOR = system_actor("test")
TUESDAY = MONDAY + timedelta(days=1)


def needs_of(graph: NeedsGraph) -> set[Need]:
    needs = {n for group in graph.needs.values() for n in group}
    assert needs == {n for group in graph.needed_by.values() for n in group}
    return needs


async def both(db: Database, start: list[str]) -> tuple[NeedsGraph, NeedsGraph, NeedsGraph]:
    """The root-cause region; the downward region alone; the closure query above it."""

    async def read(tx: Tx) -> tuple[NeedsGraph, NeedsGraph, NeedsGraph]:
        counted = await impact_fetch.downstream_in(tx, start, then_upstream=True)
        below = await impact_fetch.downstream_in(tx, start)
        above = await impact_fetch.upstream_in(tx, list(below.nodes))
        return counted, below, above

    return await db.read_tx(read)


def check(counted: NeedsGraph, below: NeedsGraph, above: NeedsGraph) -> None:
    assert set(counted.nodes) == set(below.nodes) | set(above.nodes)
    assert needs_of(counted) == needs_of(below) | needs_of(above)
    for node_id, node in below.nodes.items():
        assert counted.nodes[node_id] == node  # described: names, labels, quorums
    for node_id in set(above.nodes) - set(below.nodes):
        assert counted.nodes[node_id].labels == ()  # counted only


async def case(db: Database, seed: int) -> tuple[dict[str, str], list[str], random.Random]:
    await db.run_raw("MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n")
    cis, edges = random_case(seed)
    ids = await build(db, cis, {}, edges)
    rng = random.Random(seed)
    return ids, [ids[n] for n in rng.sample(sorted(cis), 2)], rng


@pytest.mark.parametrize("seed", range(8))
async def test_random_graphs_give_the_closures_region(db: Database, seed: int) -> None:
    _, start, _ = await case(db, seed)
    counted, below, above = await both(db, start)
    check(counted, below, above)


async def test_above_the_symptoms_is_counted_not_described(db: Database) -> None:
    ids = await worked_example(db)
    counted, below, above = await both(db, [ids["web1"]])
    check(counted, below, above)
    assert set(below.nodes) == {ids["web1"], ids["h1"]}
    only_counted = {i for i, node in counted.nodes.items() if node.name == i}
    assert only_counted == {ids["web2"], ids["web"], ids["shop"]}


@pytest.mark.parametrize("seed", range(3))
async def test_as_of_the_twin_gives_the_region_of_then(
    db: Database, clock: Clock, seed: int
) -> None:
    ids, start, rng = await case(db, seed)
    then, _, _ = await both(db, start)
    clock.now = TUESDAY
    names = sorted(ids)
    for _ in range(4):
        a, b = rng.sample(names, 2)
        await relations.relate(
            db, ACTOR, RelateInput(fromId=ids[a], type=RelType.DEPENDS_ON, toId=ids[b])
        )
    now, _, _ = await both(db, start)
    assert needs_of(now) != needs_of(then)  # the present moved
    with reading_as_of(MONDAY + timedelta(hours=1)):
        past, below, above = await both(db, start)
    check(past, below, above)
    assert (set(past.nodes), needs_of(past)) == (set(then.nodes), needs_of(then))
