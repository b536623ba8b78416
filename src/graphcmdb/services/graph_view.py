"""The neighbourhood of a node, breadth-first, for the explorer."""

from __future__ import annotations

from dataclasses import dataclass, field

from graphcmdb.db.database import Database, Row
from graphcmdb.db.queries import Q
from graphcmdb.errors import LimitExceeded, NotFound
from graphcmdb.graph.enums import RelType

MAX_DEPTH = 6


@dataclass
class GraphView:
    nodes: dict[str, Row] = field(default_factory=dict)
    edges: dict[str, Row] = field(default_factory=dict)
    truncated: bool = False


async def neighbourhood(
    db: Database, center_id: str, depth: int, types: list[RelType] | None, max_nodes: int
) -> GraphView:
    """One query per level (``depth`` round-trips at most), capped at ``max_nodes`` nodes."""
    if not 0 <= depth <= MAX_DEPTH:
        raise LimitExceeded(f"depth must be between 0 and {MAX_DEPTH}.", field="depth")
    start = await db.read(Q.GRAPH_NODES_BY_IDS, ids=[center_id])
    if not start:
        raise NotFound("node", [center_id])
    view = GraphView(nodes={center_id: start[0]["node"]})
    type_names = [t.value for t in (types or list(RelType))]
    frontier = [center_id]
    for _ in range(depth):
        if not frontier:
            break
        rows = await db.read(
            Q.GRAPH_NEIGHBOURS, ids=frontier, types=type_names, limit=max_nodes * 4
        )
        frontier = []
        for r in rows:
            node = r["node"]
            if node["id"] not in view.nodes:
                if len(view.nodes) >= max_nodes:
                    view.truncated = True
                    continue
                view.nodes[node["id"]] = node
                frontier.append(node["id"])
            if r["source"] in view.nodes and r["target"] in view.nodes:
                edge_id = r["relId"] or r["elementId"]
                view.edges[edge_id] = r | {"id": edge_id}
    return view
