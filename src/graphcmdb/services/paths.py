"""The shortest path between two nodes, over the same relationship types as the explorer."""

from __future__ import annotations

from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.errors import LimitExceeded, NotFound, ValidationFailed
from graphcmdb.graph.enums import RelType
from graphcmdb.services.graph_view import GraphView, as_seen, graph_edge, graph_node

#: The longest path searched. Neo4j 5 takes no parameter in a quantifier (``{1,N}``), so
#: ``graph/shortest_path.cypher`` searches up to this constant and filters by ``$maxHops``
#: (keep the two in step).
MAX_HOPS = 12

#: What the explorer draws: every relationship type of the ``graph`` view (audit entries
#: have no relationships; ``HAD`` only ends at lifecycle events, so it is never a
#: shortcut, only an end).
PATH_TYPES: tuple[RelType, ...] = tuple(RelType)


async def shortest_path(db: Database, from_id: str, to_id: str, max_hops: int) -> GraphView:
    """Nodes and edges of one shortest undirected path, in path order; empty when none."""
    if max_hops < 1:
        raise ValidationFailed("maxHops must be 1 or more.", field="maxHops")
    if max_hops > MAX_HOPS:
        raise LimitExceeded(f"maxHops must be at most {MAX_HOPS}.", field="maxHops", limit=MAX_HOPS)
    rows = await db.read(Q.GRAPH_NODES_BY_IDS, ids=[from_id, to_id])
    found = {r["node"]["id"]: r["node"] for r in rows}
    missing = [i for i in {from_id, to_id} if i not in found]
    if missing:
        raise NotFound("node", missing)
    ends = GraphView(nodes={i: graph_node(n) for i, n in found.items()})
    await as_seen(db, ends, [from_id, to_id])  # an end the caller does not see: not found
    if from_id == to_id:
        return GraphView(nodes={from_id: graph_node(found[from_id])})
    paths = await db.read(
        Q.GRAPH_SHORTEST_PATH,
        fromId=from_id,
        toId=to_id,
        types=[t.value for t in PATH_TYPES],
        maxHops=max_hops,
    )
    view = GraphView()
    if not paths:
        return view
    for node in paths[0]["nodes"]:
        view.nodes[node["id"]] = graph_node(node)
    for row in paths[0]["edges"]:
        edge = graph_edge(row)
        view.edges[edge.id] = edge
    return await as_seen(db, view, [])
