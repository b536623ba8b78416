"""Randomised end-to-end check: graphs written to Neo4j, analysed through the fetch layer
and the engine, must match the naive reference run on the same graph built in memory.

This covers what the pure property tests cannot: edge directions and kinds as stored,
cluster member counts as counted by Cypher, and the breadth-first region loading.
"""

from __future__ import annotations

import random

import pytest

from graphcmdb.db.database import Database
from graphcmdb.graph.enums import CIClass, DependencyKind, RelType
from graphcmdb.impact.model import Need, NeedsGraph, NodeInfo, Status
from graphcmdb.impact.reference import reference_statuses
from graphcmdb.services import impact
from tests.impact_fixtures import build

Edge = tuple[str, RelType, str, DependencyKind | None]


def random_case(seed: int) -> tuple[dict[str, tuple[CIClass, dict[str, object]]], list[Edge]]:
    rng = random.Random(seed)
    apps = [f"a{i}" for i in range(rng.randint(3, 9))]
    clusters = [f"c{i}" for i in range(rng.randint(0, 2))]
    cis: dict[str, tuple[CIClass, dict[str, object]]] = {a: (CIClass.APPLICATION, {}) for a in apps}
    edges: list[Edge] = []
    for c in clusters:
        members = rng.sample(apps, rng.randint(1, min(4, len(apps))))
        cis[c] = (CIClass.CLUSTER, {"minAvailable": rng.randint(1, len(members) + 1)})
        edges += [(m, RelType.MEMBER_OF, c, None) for m in members]
    nodes = apps + clusters
    pairs = {(a, b) for a in nodes for b in nodes if a != b}
    for a, b in rng.sample(sorted(pairs), min(len(pairs), rng.randint(2, 14))):
        edges.append(
            (a, RelType.DEPENDS_ON, b, rng.choice([DependencyKind.HARD, DependencyKind.SOFT]))
        )
    return cis, edges


def in_memory(
    cis: dict[str, tuple[CIClass, dict[str, object]]], edges: list[Edge], ids: dict[str, str]
) -> NeedsGraph:
    graph = NeedsGraph()
    members = {c: sum(1 for e in edges if e[1] is RelType.MEMBER_OF and e[2] == c) for c in cis}
    for name, (cls, extra) in cis.items():
        minimum = extra.get("minAvailable")
        graph.add_node(
            NodeInfo(
                id=ids[name],
                name=name,
                labels=("CI", cls.value),
                min_available=int(minimum) if isinstance(minimum, int) else None,
                member_count=members[name],
            )
        )
    for a, rel, b, kind in edges:
        if rel is RelType.MEMBER_OF:
            graph.add_need(Need(ids[b], ids[a], rel, True))
        else:
            graph.add_need(Need(ids[a], ids[b], rel, kind is not DependencyKind.SOFT))
    return graph


@pytest.mark.parametrize("seed", range(20))
async def test_stored_graph_matches_reference(db: Database, seed: int) -> None:
    await db.run_raw("MATCH (n) WHERE NOT n:SchemaMigration DETACH DELETE n")
    cis, edges = random_case(seed)
    ids = await build(db, cis, {}, edges)
    rng = random.Random(seed * 7919)
    names = sorted(cis)
    down = rng.sample(names, rng.randint(1, 2))
    degraded = [n for n in rng.sample(names, rng.randint(0, 2)) if n not in down]
    expected = reference_statuses(
        in_memory(cis, edges, ids), {ids[n] for n in down}, {ids[n] for n in degraded}
    )
    report = await impact.analyze(db, [ids[n] for n in down], [ids[n] for n in degraded])
    got = {n.node.id: n.status for n in report.nodes}
    assert got == {i: s for i, s in expected.items() if s is not Status.OK}, (cis, edges, down)
