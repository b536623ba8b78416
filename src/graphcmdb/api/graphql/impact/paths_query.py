"""Root queries of the explorer beyond the neighbourhood (viewer role)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.as_of_values import mark
from graphcmdb.api.graphql.core.graph_types import GraphView, to_graph_view
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.api.graphql.query_fields import AsOf
from graphcmdb.db.history import reading_as_of
from graphcmdb.services import paths


@strawberry.type
class PathsQuery:
    @strawberry.field(
        permission_classes=[IsViewer],
        description=(
            "One shortest path between two nodes, ignoring edge direction, over the "
            "relationship types the explorer draws; nodes and edges in path order "
            "(from fromId to toId), empty when none is at most maxHops (1 to 12) long; "
            "asOf: over the relationships of that moment."
        ),
    )
    async def shortestPath(
        self,
        info: Info,
        fromId: strawberry.ID,
        toId: strawberry.ID,
        maxHops: int = 8,
        asOf: AsOf = None,
    ) -> GraphView:
        with reading_as_of(asOf):
            view = await paths.shortest_path(info.context.db, fromId, toId, maxHops)
        return mark(to_graph_view(view), asOf)
