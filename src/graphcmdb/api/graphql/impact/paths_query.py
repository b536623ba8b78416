"""Root queries of the explorer beyond the neighbourhood (viewer role)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.core.graph_types import GraphView, to_graph_view
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.services import paths


@strawberry.type
class PathsQuery:
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
