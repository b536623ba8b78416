"""The neighbourhood and path views the explorer draws."""

from __future__ import annotations

import strawberry

from graphcmdb.api.graphql.core.edges import edge_kind
from graphcmdb.api.graphql.core.node import public_labels
from graphcmdb.graph.enums import DependencyKind, RelType
from graphcmdb.services.graph_collapse import AggregateKind
from graphcmdb.services.graph_view import GraphView as ServiceGraphView


@strawberry.type
class GraphNode:
    id: strawberry.ID
    name: str
    labels: list[str]
    status: str | None
    hidden: bool = strawberry.field(
        default=False,
        description="Outside your token's scopes: id is a placeholder (hidden-1, … per "
        "answer), name is '(hidden)', no labels or status; its edges' ids are placeholders.",
    )


@strawberry.type
class GraphEdge:
    id: strawberry.ID
    source: strawberry.ID
    target: strawberry.ID
    type: RelType
    kind: DependencyKind | None


@strawberry.type(
    description="Relationships of one type at a drawn node that a collapsed neighbourhood "
    "did not walk: draw them with graph(centerId: nodeId, depth: 1, types: [type])."
)
class GraphAggregate:
    nodeId: strawberry.ID
    kind: AggregateKind
    type: RelType
    count: int
    sharedWith: int | None = strawberry.field(
        description="SOFTWARE: how many other CIs the most widely installed package is on."
    )


@strawberry.type(description="A neighbourhood for the explorer.")
class GraphView:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool
    aggregates: list[GraphAggregate] = strawberry.field(
        default_factory=list, description="Empty unless the neighbourhood was collapsed."
    )


def to_graph_view(view: ServiceGraphView) -> GraphView:
    """The same node and edge shape as the ``graph`` query, in the service's order."""
    return GraphView(
        nodes=[
            GraphNode(
                id=strawberry.ID(n.id),
                name=n.name,
                status=n.status,
                labels=public_labels(n.labels),
                hidden=n.hidden,
            )
            for n in view.nodes.values()
        ],
        edges=[
            GraphEdge(
                id=strawberry.ID(e.id),
                source=strawberry.ID(e.source),
                target=strawberry.ID(e.target),
                type=e.type,
                kind=edge_kind(e.type, e.kind),
            )
            for e in view.edges.values()
        ],
        truncated=view.truncated,
        aggregates=[
            GraphAggregate(
                nodeId=strawberry.ID(a.node_id),
                kind=a.kind,
                type=a.type,
                count=a.count,
                sharedWith=a.shared_with,
            )
            for a in view.aggregates
        ],
    )
