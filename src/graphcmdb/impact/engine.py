"""Impact propagation: the least fixpoint of DESIGN's three rules, plus one witness per node.

Why a worklist and not "recompute everything until stable": a node's status can only
change when one of its needs changed, and only nodes upstream of a failed input can
change at all. Statuses only ever rise (OK -> DEGRADED -> DOWN), so every node changes
at most twice and every ``needed_by`` edge is looked at at most twice: the cost is
proportional to the blast radius, not to the graph, and cycles cannot loop forever.

Quorum convention (shared by every algorithm in this package): a cluster's
``min_available`` defaults to 1 when missing and is clamped to ``[0, member total]``.
A cluster that is below quorum with nothing failed (misconfigured, or members not yet
registered) is already broken; a what-if analysis is about what the *inputs* cause, so
such a cluster is treated as needing all of its members instead of being DOWN from
the start. This is what keeps "all OK" a fixpoint when nothing failed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection
from typing import NamedTuple

from graphcmdb.graph.enums import RelType
from graphcmdb.impact.model import Need, NeedsGraph, NodeInfo, Status

_ALWAYS_HARD = frozenset({RelType.RUNS_ON, RelType.HOSTED_ON})
_NO_NEEDS: tuple[Need, ...] = ()


class Impacted(NamedTuple):
    """One impacted node: its final status and one shortest witness chain of failures
    (immutable; a named tuple, one per impacted node, as :class:`NodeInfo`)."""

    id: str
    status: Status
    distance: int
    #: node names from a failed input to this node, inclusive
    path: tuple[str, ...]
    path_ids: tuple[str, ...]


def is_hard(need: Need) -> bool:
    """RUNS_ON and HOSTED_ON are hard whatever the edge's flag says (DESIGN)."""
    return need.hard or need.type in _ALWAYS_HARD


def members_of(graph: NeedsGraph, cluster: str) -> set[str]:
    """Distinct in-graph members (a member reachable by two MEMBER_OF edges counts once)."""
    return {
        n.dependency
        for n in graph.needs.get(cluster, _NO_NEEDS)
        if n.is_membership and n.dependency in graph.nodes
    }


def quorum(node: NodeInfo, members_in_graph: int) -> tuple[int, int]:
    """(total members, effective min_available) under the module's quorum convention.

    The total is ``member_count`` (which also counts members outside the loaded region,
    never DOWN) but never less than the members actually present in the graph.
    """
    total = max(node.member_count, members_in_graph)
    wanted = 1 if node.min_available is None else node.min_available
    return total, max(0, min(wanted, total))


def input_statuses(
    graph: NeedsGraph, down: Collection[str], degraded: Collection[str]
) -> dict[str, Status]:
    """Rule 1. Unknown ids are the fetch layer's job to reject; here they are a bug."""
    status: dict[str, Status] = {}
    for node_id in degraded:
        assert node_id in graph.nodes, f"unknown node {node_id!r}"
        status[node_id] = Status.DEGRADED
    for node_id in down:
        assert node_id in graph.nodes, f"unknown node {node_id!r}"
        status[node_id] = Status.DOWN
    return status


class _Propagation:
    """Worklist state: statuses, DOWN-member counters and cached quorums of clusters."""

    def __init__(self, graph: NeedsGraph, status: dict[str, Status]) -> None:
        self.graph = graph
        self.status = status
        self.down_members: dict[str, int] = {}
        self._quorum: dict[str, tuple[int, int]] = {}

    def quorum_down(self, cluster: str) -> bool:
        """Rule 2's first half, with the counters as they stand."""
        total, wanted = self.cluster_quorum(cluster)
        return total - self.down_members.get(cluster, 0) < wanted

    def cluster_quorum(self, cluster: str) -> tuple[int, int]:
        cached = self._quorum.get(cluster)
        if cached is None:
            members = len(members_of(self.graph, cluster))
            cached = self._quorum[cluster] = quorum(self.graph.nodes[cluster], members)
        return cached

    def run(self) -> None:
        notified: dict[str, Status] = {}
        queue = deque(sorted(self.status))
        while queue:
            dep = queue.popleft()
            new = self.status[dep]
            if notified.get(dep, Status.OK) == new:
                continue  # queued twice (DEGRADED then DOWN) and already handled
            notified[dep] = new
            self._raise_dependents(dep, new, queue)

    def _raise_dependents(self, dep: str, new: Status, queue: deque[str]) -> None:
        """Apply ``dep`` reaching ``new`` to everything that needs it (the hot loop)."""
        nodes, status, down_members = self.graph.nodes, self.status, self.down_members
        counted: set[str] = set()
        for need in self.graph.needed_by.get(dep, _NO_NEEDS):
            node = need.dependent
            if node not in nodes:
                continue
            if need.type is RelType.MEMBER_OF:
                raised = Status.DEGRADED
                if new is Status.DOWN:
                    if node not in counted:  # two MEMBER_OF edges are still one member
                        counted.add(node)
                        down_members[node] = down_members.get(node, 0) + 1
                    if self.quorum_down(node):
                        raised = Status.DOWN
            elif need.hard or need.type in _ALWAYS_HARD:
                raised = new
            else:
                raised = min(new, Status.DEGRADED)
            if raised > status.get(node, Status.OK):
                status[node] = raised
                queue.append(node)


def propagate(
    graph: NeedsGraph, down: Collection[str], degraded: Collection[str] = ()
) -> tuple[dict[str, Status], dict[str, int]]:
    """Statuses of every node above OK, and the DOWN-member count of touched clusters.

    Use this instead of :func:`evaluate` when no witness paths are needed.
    """
    work = _Propagation(graph, input_statuses(graph, down, degraded))
    work.run()
    return work.status, work.down_members


def propagate_statuses(
    graph: NeedsGraph, down: Collection[str], degraded: Collection[str] = ()
) -> dict[str, Status]:
    return propagate(graph, down, degraded)[0]


def evaluate(
    graph: NeedsGraph,
    down: Collection[str],
    degraded: Collection[str] = (),
    max_depth: int | None = None,
) -> dict[str, Impacted]:
    """Every node the inputs push above OK (inputs included), with a witness path.

    Propagation is always exact over the whole graph: ``max_depth`` only cuts the
    *listing* (nodes whose witness distance is above it are left out), never the
    statuses of the nodes that are listed. The result is ordered by distance, then
    name, then id, and does not depend on the order the graph was built in.

    The listing costs O(sum of distances) because every entry carries its full path;
    real blast radii are shallow, and ``max_depth`` bounds it for pathological chains.
    """
    inputs = input_statuses(graph, down, degraded)
    work = _Propagation(graph, dict(inputs))
    work.run()
    sources = [node for node, given in inputs.items() if work.status[node] == given]
    result = _witnesses(work, sources, max_depth)
    assert max_depth is not None or len(result) == len(work.status), "unjustified status"
    return result


def _witnesses(
    work: _Propagation, sources: list[str], max_depth: int | None
) -> dict[str, Impacted]:
    """Breadth-first from the sources over justifying edges only, one sorted layer at a time.

    A layer is visited in (name, id) order and a node keeps the first parent that reaches
    it, so its parent is the smallest (name, id) justifying need at the shortest distance.
    Every impacted node is reached: the least fixpoint derives each status from needs
    that already had a status justifying it (the property tests check this too).
    """
    nodes, status, needed_by = work.graph.nodes, work.status, work.graph.needed_by

    def order(node_id: str) -> tuple[str, str]:
        return nodes[node_id].name, node_id

    result: dict[str, Impacted] = {}
    layer = sorted(sources, key=order)
    for source in layer:
        result[source] = Impacted(source, status[source], 0, (nodes[source].name,), (source,))
    distance = 0
    while layer and (max_depth is None or distance < max_depth):
        distance += 1
        found: dict[str, Impacted] = {}
        for dep in layer:
            parent = result[dep]
            for need in needed_by.get(dep, _NO_NEEDS):
                node = need.dependent
                if node in result or node in found or node not in status:
                    continue
                node_status = status[node]
                if node_status is Status.DEGRADED or _justifies_down(work, need):
                    path = (*parent.path, nodes[node].name)
                    ids = (*parent.path_ids, node)
                    found[node] = Impacted(node, node_status, distance, path, ids)
        layer = sorted(found, key=order)
        result.update((node, found[node]) for node in layer)
    return result


def _justifies_down(work: _Propagation, need: Need) -> bool:
    """Does this need explain its dependent being DOWN? (Any non-OK need explains DEGRADED.)"""
    if work.status.get(need.dependency) is not Status.DOWN:
        return False
    if need.type is RelType.MEMBER_OF:
        return work.quorum_down(need.dependent)
    return is_hard(need)
