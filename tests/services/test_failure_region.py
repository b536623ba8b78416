"""The evaluator's region (``services/failure_region``): what services need above a
failed CI, read from Neo4j, gives each service the status the reference computes over
the whole graph, and leaves out what no failure lies below."""

from __future__ import annotations

import random

import pytest

from graphcmdb.db.database import Database, Tx
from graphcmdb.graph.enums import CIClass, CIStatus, DependencyKind, RelType
from graphcmdb.impact.engine import propagate_statuses
from graphcmdb.impact.model import Need, NodeInfo, Status
from graphcmdb.impact.reference import reference_statuses
from graphcmdb.impact.rootcause import closure
from graphcmdb.services import failure_region
from graphcmdb.services.failure_region import FailureRegion
from tests.impact_fixtures import WORKED_SHOP, build, worked_example
from tests.services.test_impact_db_property import Edge, in_memory, random_case

FAILED = (CIStatus.DOWN, CIStatus.DEGRADED)
AS_STATUS = {CIStatus.DOWN: Status.DOWN, CIStatus.DEGRADED: Status.DEGRADED}


async def _read(db: Database, service_ids: list[str]) -> FailureRegion:
    async def work(tx: Tx) -> FailureRegion:
        return await failure_region.read(tx, service_ids, FAILED)

    return await db.read_tx(work)


async def _set_status(db: Database, statuses: dict[str, CIStatus]) -> None:
    rows = [{"id": i, "status": s.value} for i, s in statuses.items()]
    await db.run_raw("UNWIND $rows AS r MATCH (c:CI {id: r.id}) SET c.status = r.status", rows=rows)


def _statuses(region: FailureRegion) -> dict[str, Status]:
    down = [i for i, s in region.failed.items() if s is CIStatus.DOWN]
    degraded = [i for i, s in region.failed.items() if s is CIStatus.DEGRADED]
    return propagate_statuses(region.graph, down, degraded)


@pytest.mark.parametrize("seed", range(16))
async def test_region_gives_the_reference_status(db: Database, seed: int) -> None:
    await db.run_raw("MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n")
    cis, edges = random_case(seed)
    rng = random.Random(seed * 104729)
    names = sorted(cis)
    services = {"s1": {}, "s2": {}}
    service_edges: list[Edge] = [
        (s, RelType.DEPENDS_ON, n, rng.choice([DependencyKind.HARD, DependencyKind.SOFT]))
        for s in services
        for n in rng.sample(names, rng.randint(1, 3))
    ]
    if seed % 2:  # a service that needs another: failures reach it through that one
        kind = rng.choice([DependencyKind.HARD, DependencyKind.SOFT])
        service_edges.append(("s2", RelType.DEPENDS_ON, "s1", kind))
    ids = await build(db, cis, services, edges + service_edges)
    failed = {ids[n]: rng.choice(FAILED) for n in rng.sample(names, rng.randint(0, 3))}
    await _set_status(db, failed)

    region = await _read(db, [ids["s1"], ids["s2"]])

    whole = in_memory(cis, edges, ids)
    for s in services:
        whole.add_node(NodeInfo(id=ids[s], name=s, labels=("Service",)))
    for a, rel, b, kind in service_edges:
        whole.add_need(Need(ids[a], ids[b], rel, kind is not DependencyKind.SOFT))
    expected = reference_statuses(
        whole,
        {i for i, s in failed.items() if s is CIStatus.DOWN},
        {i for i, s in failed.items() if s is CIStatus.DEGRADED},
    )
    got = _statuses(region)
    for s in services:
        assert got.get(ids[s], Status.OK) == expected.get(ids[s], Status.OK), (seed, s)
    below = set().union(*(closure(whole, ids[s], whole.needs, up=False) for s in services))
    assert region.failed == {i: s for i, s in failed.items() if i in below}
    for s in services:  # every failed CI a service needs is reached from it in the region
        reached = closure(region.graph, ids[s], region.graph.needs, up=False)
        needed = closure(whole, ids[s], whole.needs, up=False)
        assert reached & failed.keys() == needed & failed.keys(), (seed, s)


async def test_region_holds_only_what_lies_above_a_failure(db: Database) -> None:
    ids = await worked_example(db)
    wiki = await build(
        db,
        {"spare": (CIClass.SERVER, {})},
        {"wiki": dict(WORKED_SHOP)},
        [("wiki", RelType.DEPENDS_ON, "spare", DependencyKind.HARD)],
    )
    other = wiki["wiki"]
    nothing = await _read(db, [ids["shop"], other])
    assert set(nothing.graph.nodes) == {ids["shop"], other}  # nothing failed: the services
    assert nothing.failed == {}

    await _set_status(db, {ids["h2"]: CIStatus.DOWN})
    region = await _read(db, [ids["shop"]])
    assert set(region.graph.nodes) == {ids[n] for n in ("shop", "web", "web3", "h2")}
    assert region.failed == {ids["h2"]: CIStatus.DOWN}
    web = region.graph.nodes[ids["web"]]
    assert (web.member_count, web.min_available) == (3, 2)  # counted in the graph, not read
    assert _statuses(region)[ids["shop"]] is Status.DEGRADED  # 2 of 3 web servers left


async def test_a_node_deleted_during_the_read_is_left_out(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk and the nodes' read are two statements; a transaction committing between
    them (reads see each commit) deletes web3: the region is read without it, as a walk
    that never met it, instead of failing the pass."""
    ids = await worked_example(db)
    await _set_status(db, {ids["h2"]: CIStatus.DOWN, ids["web3"]: CIStatus.DOWN})
    real_raw = Tx.raw

    async def deleting_first(self: Tx, query: object, **params: object) -> object:
        if str(query) == "impact/nodes_by_element_ids":
            await db.run_raw("MATCH (n:CI {id: $id}) DETACH DELETE n", id=ids["web3"])
        return await real_raw(self, query, **params)  # type: ignore[arg-type]

    monkeypatch.setattr(Tx, "raw", deleting_first)
    region = await _read(db, [ids["shop"]])
    assert set(region.graph.nodes) == {ids[n] for n in ("shop", "web", "h2")}
    assert region.failed == {ids["h2"]: CIStatus.DOWN}
    needs = [(n.dependent, n.dependency) for group in region.graph.needs.values() for n in group]
    assert needs == [(ids["shop"], ids["web"])]  # none to or from web3
