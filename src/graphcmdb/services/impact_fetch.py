"""Load the region of the graph an analysis needs into a :class:`NeedsGraph`.

The graph reading of impact analysis; ``impact/`` holds only the algorithms over the typed
:class:`NeedsGraph` it builds (rows become ``NodeInfo`` and ``Need`` here, in one place).

Inside one read transaction (a consistent snapshot): upwards from failed CIs (everything
that needs them, transitively) or downwards from a service (everything it needs). The cost
follows the size of the region, not the graph. Upwards without a depth limit is one query
(``impact/dependents_closure``: a pruning breadth-first closure answering one compact row
per node); downwards, or with ``max_depth``, one query per level. Above a downward
region (a root-cause search's), one query per level too, ids only: the closure query
walks once per start node, and there the start nodes are thousands.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.errors import NotFound
from graphcmdb.graph.enums import RelType
from graphcmdb.impact.model import Need, NeedsGraph, NodeInfo

#: A guard against pathological depth; real dependency chains are a dozen levels deep.
MAX_LEVELS = 200


def to_node_info(row: Row) -> NodeInfo:
    return NodeInfo(
        id=row["id"],
        name=row.get("name") or row["id"],
        labels=tuple(label for label in row.get("labels", ()) if label != "Entity"),
        criticality=row.get("criticality"),
        users=row.get("users"),
        sla_target=row.get("slaTarget"),
        owner=row.get("owner"),
        min_available=row.get("minAvailable"),
        member_count=int(row.get("memberCount") or 0),
    )


def _need(dependent: str, dependency: str, row: Row) -> Need:
    return Need(
        dependent=dependent,
        dependency=dependency,
        type=RelType(row["type"]),
        hard=row["kind"] != "soft",
    )


async def load_nodes(
    tx: Tx, ids: Collection[str], graph: NeedsGraph, known_only: bool = False
) -> None:
    """Add the start nodes; unknown ids are one typed error listing all of them (left
    out instead with ``known_only``)."""
    wanted = list(dict.fromkeys(ids))
    rows = await tx.run(Q.IMPACT_NODES_BY_IDS, ids=wanted)
    found = {r["node"]["id"] for r in rows}
    missing = [i for i in wanted if i not in found]
    if missing and not known_only:
        raise NotFound("node", missing)
    for r in rows:
        graph.add_node(to_node_info(r["node"]))


#: a row of ``impact/dependents_closure``: id, name, labels, criticality, users, slaTarget,
#: owner, minAvailable, memberCount, then the needs pointing at it (dependent, type, kind)
ClosureRow = list[Any]
_TYPES = {t.value: t for t in RelType}


def _reached(rows: list[ClosureRow], start: set[str]) -> list[ClosureRow]:
    """The rows the needs they list reach from ``start``: every row of the present closure;
    as of a past moment, not those the walk found only through a node without a version
    then (retention dropped it: no row, so no needs, as the level-by-level walk sees it)."""
    by_id = {row[0]: row for row in rows}
    seen = start & by_id.keys()
    todo = list(seen)
    while todo:
        for dependent, _, _ in by_id[todo.pop()][9]:
            if dependent in by_id and dependent not in seen:
                seen.add(dependent)
                todo.append(dependent)
    return [row for row in rows if row[0] in seen]


async def _closure_into(tx: Tx, graph: NeedsGraph, start: Collection[str]) -> set[str]:
    """Add ``start`` and everything that needs it, with every need among them, to ``graph``
    (nodes already there are kept); the ids of ``start`` found as Entity nodes.

    The same region, nodes and needs as expanding level by level without a limit: every
    node reached is an Entity or a dependent of one, and every need pointing at a reached
    Entity is added (its dependent is reached too). As of a past moment the same read
    answers from the history (its twin, ``db/history.TWINS``)."""
    result = await tx.raw(Q.IMPACT_DEPENDENTS_CLOSURE, ids=list(start))
    closure: list[ClosureRow] = result[0]["closure"] if result else []
    wanted = set(start)
    found = {row[0] for row in closure if row[0] in wanted and "Entity" in row[2]}
    rows = _reached(closure, found)
    nodes, needs, needed_by = graph.nodes, graph.needs, graph.needed_by
    for node_id, name, labels, criticality, users, sla, owner, minimum, members, _ in rows:
        if node_id not in nodes:
            nodes[node_id] = NodeInfo(
                id=node_id,
                name=name or node_id,
                labels=tuple(label for label in labels if label != "Entity"),
                criticality=criticality,
                users=users,
                sla_target=sla,
                owner=owner,
                min_available=minimum,
                member_count=int(members or 0),
            )
    known = {n for group in needs.values() for n in group}
    for row in rows:
        dependency = row[0]
        for dependent, rel_type, kind in row[9]:
            need = Need(dependent, dependency, _TYPES[rel_type], kind != "soft")
            if need not in known:
                known.add(need)
                needs[dependent].append(need)
                needed_by[dependency].append(need)
    return found


async def _expand(
    tx: Tx, graph: NeedsGraph, start: list[str], upwards: bool, max_depth: int | None
) -> None:
    seen = set(start)
    frontier = start
    query = Q.IMPACT_DEPENDENTS_OF if upwards else Q.IMPACT_DEPENDENCIES_OF
    levels = min(max_depth, MAX_LEVELS) if max_depth is not None else MAX_LEVELS
    for _ in range(levels):
        if not frontier:
            return
        result = await tx.raw(query, ids=frontier)
        rows = result[0]["rows"] if result else []
        frontier = []
        for r in rows:
            node = to_node_info(r["node"])
            graph.add_node(node)
            if upwards:
                graph.add_need(_need(node.id, r["dependency"], r))
            else:
                graph.add_need(_need(r["dependent"], node.id, r))
            if node.id not in seen:
                seen.add(node.id)
                frontier.append(node.id)


async def upstream_in(
    tx: Tx, ids: Collection[str], max_depth: int | None = None, known_only: bool = False
) -> NeedsGraph:
    """The start nodes and everything that needs them, transitively, read in ``tx``
    (``known_only``: ids that name no node are left out, not an error)."""
    graph = NeedsGraph()
    if max_depth is not None:
        await load_nodes(tx, ids, graph, known_only)
        await _expand(tx, graph, list(graph.nodes), True, max_depth)
        return graph
    wanted = list(dict.fromkeys(ids))
    found = await _closure_into(tx, graph, wanted)
    if not known_only and (missing := [i for i in wanted if i not in found]):
        raise NotFound("node", missing)
    return graph


async def downstream_in(
    tx: Tx,
    ids: Collection[str],
    max_depth: int | None = None,
    then_upstream: bool = False,
    known_only: bool = False,
) -> NeedsGraph:
    """Everything the start nodes need, read in ``tx``; with ``then_upstream`` also all
    that needs those, counted only (``_dependents_into``; ``known_only``: ids that name
    no node are left out)."""
    graph = NeedsGraph()
    await load_nodes(tx, ids, graph, known_only)
    await _expand(tx, graph, list(graph.nodes), False, max_depth)
    if then_upstream:
        await _dependents_into(tx, graph, list(graph.nodes))
    return graph


def _counted_only(node_id: str) -> NodeInfo:
    """A node of the upward part of a root-cause region: only counted, never shown."""
    return NodeInfo(id=node_id, name=node_id, labels=(), counted_only=True)


async def _dependents_into(tx: Tx, graph: NeedsGraph, start: list[str]) -> None:
    """Add everything that needs ``start``, with every need pointing at a node reached,
    level by level, ids only: nodes not in ``graph`` yet come in as :func:`_counted_only`.

    A root-cause region: the downward region of the symptoms (with properties), then all
    that needs any of it, which at 100,000 CIs (shared switches below the symptoms) is
    nearly the whole graph and is only counted. From thousands of start nodes the
    closure query (``_closure_into``) walks once per start: minutes, where this walk
    visits each node once (``benchmarks/README.md``, "events")."""
    nodes, needs, needed_by = graph.nodes, graph.needs, graph.needed_by
    known = {n for group in needs.values() for n in group}
    seen = set(nodes)
    frontier = start
    while frontier:  # no level cut, as the closure query has none: ``seen`` ends it
        result = await tx.raw(Q.IMPACT_DEPENDENTS_IDS_OF, ids=frontier)
        frontier = []
        for dependent, dependency, rel_type, kind in result[0]["rows"] if result else ():
            need = Need(dependent, dependency, _TYPES[rel_type], kind != "soft")
            if need not in known:
                known.add(need)
                needs[dependent].append(need)
                needed_by[dependency].append(need)
            if dependent not in seen:
                seen.add(dependent)
                nodes[dependent] = _counted_only(dependent)
                frontier.append(dependent)


async def upstream(
    db: Database, ids: Collection[str], max_depth: int | None = None, known_only: bool = False
) -> NeedsGraph:
    """The start nodes and everything that needs them, transitively (``known_only``: ids
    that name no node are left out)."""

    async def work(tx: Tx) -> NeedsGraph:
        return await upstream_in(tx, ids, max_depth, known_only)

    return await db.read_tx(work)


async def downstream(
    db: Database, ids: Collection[str], max_depth: int | None = None, then_upstream: bool = False
) -> NeedsGraph:
    """Everything the start nodes need; with ``then_upstream`` also all that needs those."""

    async def work(tx: Tx) -> NeedsGraph:
        return await downstream_in(tx, ids, max_depth, then_upstream)

    return await db.read_tx(work)
