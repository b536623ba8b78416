"""The region an impact evaluator's pass evaluates: what a set of business services need
that lies above a failed CI, with the failed CIs' statuses.

A service's status depends only on the failed CIs it needs and on the nodes between: the
propagation (``impact/engine``) only ever walks upwards from failed inputs, and a
cluster's quorum counts its members from its ``memberCount``, not from the members read.
So the pass walks down from the services reading element ids only
(``impact/needs_below``, one statement per level: a frontier, where a quantified path
from many start nodes walks once per start; element ids, valid within the pass's one
transaction, spare an index look-up and an id read per node, half the walk's time at
100,000 CIs), marks the failed CIs met on the way, keeps the nodes on a path from a
service to one of them, and reads the properties of those alone, in one record.

Why not the whole downward region with its properties, as the pass read it before:
behind the hypervisor whose shared monitoring ~100 services need (100,000 CIs), the
services need ~13,000 nodes; with the hypervisor down nearly all of them lie above it,
but on the pass that resolves its incidents none does, and the properties (with each
cluster's member count) were most of the read's cost either way.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q
from graphcmdb.graph.enums import CIStatus, RelType
from graphcmdb.impact.model import Need, NeedsGraph
from graphcmdb.services.impact_fetch import MAX_LEVELS, to_node_info

_TYPES = {t.value: t for t in RelType}


@dataclass(frozen=True)
class FailureRegion:
    """The services and every node on a path from one of them down to a failed CI, with
    the needs among those nodes; ``failed``: the failed CIs the services need."""

    graph: NeedsGraph
    failed: dict[str, CIStatus]


@dataclass
class _Below:
    """What the walk down met: each need once (by its dependency), and the failed CIs."""

    needed_by: dict[str, list[Need]]
    failed: dict[str, CIStatus]


async def _walk_down(tx: Tx, start: list[str], failed: Collection[CIStatus]) -> _Below:
    """The walk by element ids (``start`` too): needs, and failed CIs, named by them."""
    states = [s.value for s in failed]
    below = _Below(defaultdict(list), {})
    seen_needs: set[Need] = set()
    seen = set(start)
    frontier = start
    for _ in range(MAX_LEVELS):
        if not frontier:
            break
        result = await tx.raw(Q.IMPACT_NEEDS_BELOW, ids=frontier, failed=states)
        frontier = []
        for dependent, dependency, rel_type, kind, status in result[0]["rows"] if result else ():
            need = Need(dependent, dependency, _TYPES[rel_type], kind != "soft")
            if need not in seen_needs:
                seen_needs.add(need)
                below.needed_by[dependency].append(need)
            if status is not None:
                below.failed[dependency] = CIStatus(status)
            if dependency not in seen:
                seen.add(dependency)
                frontier.append(dependency)
    return below


def _above(needed_by: dict[str, list[Need]], failed: Iterable[str]) -> set[str]:
    """The failed nodes and everything the walk met that needs one of them."""
    kept = set(failed)
    todo = list(kept)
    while todo:
        for need in needed_by.get(todo.pop(), ()):
            if need.dependent not in kept:
                kept.add(need.dependent)
                todo.append(need.dependent)
    return kept


async def read(tx: Tx, service_ids: Collection[str], failed: Collection[CIStatus]) -> FailureRegion:
    """The region of ``service_ids`` (each of them in it, failed CIs below or not); a
    CI counts as failed when its status is one of ``failed``. Ids that name no node are
    left out."""
    found = await tx.raw(Q.IMPACT_ELEMENT_IDS, ids=sorted(set(service_ids)))
    start = sorted(element for _, element in found[0]["found"]) if found else []
    below = await _walk_down(tx, start, failed)
    kept = _above(below.needed_by, below.failed) | set(start)
    rows = await tx.raw(Q.IMPACT_NODES_BY_ELEMENT_IDS, ids=sorted(kept))
    graph = NeedsGraph()
    ids: dict[str, str] = {}
    for element, node in rows[0]["rows"] if rows else ():
        ids[element] = node["id"]
        graph.add_node(to_node_info(node))
    # ``ids``: the kept nodes that have a row; one deleted meanwhile by another transaction
    # (reads see each commit) has none, and is left out as a node the walk never met
    for dependency in sorted(ids):
        for need in below.needed_by.get(dependency, ()):
            if need.dependent in ids:
                named = Need(ids[need.dependent], ids[dependency], need.type, need.hard)
                graph.needs[named.dependent].append(named)
                graph.needed_by[named.dependency].append(named)
    failed_now = {ids[e]: status for e, status in below.failed.items() if e in ids}
    return FailureRegion(graph, failed_now)
