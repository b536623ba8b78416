"""Root queries of the explorer beyond the neighbourhood (viewer role)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.api.graphql.types import (
    GraphEdge,
    GraphNode,
    GraphView,
    edge_kind,
    public_labels,
)
from graphcmdb.graph.enums import RelType
from graphcmdb.services import graph_view, paths


def to_graph_view(view: graph_view.GraphView) -> GraphView:
    """The same node and edge shape as the ``graph`` query, in the service's order."""
    return GraphView(
        nodes=[
            GraphNode(
                id=n["id"],
                name=n.get("name") or "",
                status=n.get("status"),
                labels=public_labels(n["labels"]),
            )
            for n in view.nodes.values()
        ],
        edges=[
            GraphEdge(
                id=e["id"],
                source=e["source"],
                target=e["target"],
                type=RelType(e["type"]),
                kind=edge_kind(e["type"], e.get("kind")),
            )
            for e in view.edges.values()
        ],
        truncated=view.truncated,
    )


@strawberry.type
class ExplorerQuery:
    @strawberry.field(
        permission_classes=[IsViewer],
        description=(
            "One shortest path between two nodes, ignoring edge direction, over the "
            "relationship types the explorer draws; nodes and edges in path order "
            "(from fromId to toId), empty when none is at most maxHops (1 to 12) long."
        ),
    )
    async def shortestPath(
        self, info: Info, fromId: strawberry.ID, toId: strawberry.ID, maxHops: int = 8
    ) -> GraphView:
        view = await paths.shortest_path(info.context.db, fromId, toId, maxHops)
        return to_graph_view(view)
