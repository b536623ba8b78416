"""A deliberately naive evaluator of DESIGN's impact rules, used only by the tests.

It shares no code with the engine on purpose: every round recomputes every node from
the rules, exactly as written, until nothing changes. Slow (rounds x edges) and
obviously right, which is what an oracle for property tests should be. The only
convention it repeats is the quorum clamp documented in :mod:`graphcmdb.impact.engine`.
"""

from __future__ import annotations

from collections.abc import Collection

from graphcmdb.graph.enums import RelType
from graphcmdb.impact.model import NeedsGraph, Status


def reference_statuses(
    graph: NeedsGraph, down: Collection[str], degraded: Collection[str] = ()
) -> dict[str, Status]:
    """Statuses above OK: start from rule 1, then apply rules 2 and 3 until stable."""
    status = dict.fromkeys(graph.nodes, Status.OK)
    for node_id in degraded:
        status[node_id] = Status.DEGRADED
    for node_id in down:
        status[node_id] = Status.DOWN
    changed = True
    while changed:
        changed = False
        for node_id in graph.nodes:
            new = max(status[node_id], _by_rules(graph, node_id, status))
            if new != status[node_id]:
                status[node_id] = new
                changed = True
    return {node_id: s for node_id, s in status.items() if s > Status.OK}


def _by_rules(graph: NeedsGraph, node_id: str, status: dict[str, Status]) -> Status:
    needs = graph.needs.get(node_id, [])
    result = Status.OK
    members = {n.dependency for n in needs if n.is_membership and n.dependency in graph.nodes}
    if members:
        node = graph.nodes[node_id]
        total = max(node.member_count, len(members))
        wanted = 1 if node.min_available is None else node.min_available
        wanted = max(0, min(wanted, total))
        down = sum(1 for m in members if status[m] == Status.DOWN)
        if total - down < wanted:
            result = Status.DOWN
        elif any(status[m] > Status.OK for m in members):
            result = Status.DEGRADED
    for need in needs:
        if need.is_membership:
            continue
        dep = status.get(need.dependency, Status.OK)
        hard = need.hard or need.type in (RelType.RUNS_ON, RelType.HOSTED_ON)
        if dep == Status.DOWN and hard:
            result = Status.DOWN
        elif dep > Status.OK:
            result = max(result, Status.DEGRADED)
    return result
