"""``graphDiff(from, to, centerId, depth)``: what changed in the graph between two
moments (``services/history.py``), for the whole graph or a neighbourhood."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.services import history


def _plain(value: object) -> object:
    """A stored value as JSON (temporal values as ISO text)."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


@strawberry.type
class NodeVersion:
    id: strawberry.ID
    labels: list[str]
    properties: JSON = strawberry.field(
        description="Its stored properties then (secrets left out)."
    )


@strawberry.type
class PropertyChange:
    name: str
    before: JSON | None
    after: JSON | None


@strawberry.type
class ChangedNode:
    id: strawberry.ID
    before: NodeVersion
    after: NodeVersion
    changes: list[PropertyChange]


@strawberry.type
class EdgeVersion:
    source: strawberry.ID
    type: str
    target: strawberry.ID
    properties: list[JSON] = strawberry.field(
        description="The properties of each relationship of this type between the two."
    )


@strawberry.type
class ChangedEdge:
    before: EdgeVersion
    after: EdgeVersion


@strawberry.type
class GraphDiff:
    addedNodes: list[NodeVersion]
    removedNodes: list[NodeVersion]
    changedNodes: list[ChangedNode]
    addedEdges: list[EdgeVersion]
    removedEdges: list[EdgeVersion]
    changedEdges: list[ChangedEdge]


def _node(node: history.NodeState) -> NodeVersion:
    props = {k: _plain(v) for k, v in node.props.items()}
    return NodeVersion(id=strawberry.ID(node.id), labels=list(node.labels), properties=JSON(props))


def _edge(edge: history.EdgeState) -> EdgeVersion:
    return EdgeVersion(
        source=strawberry.ID(edge.source),
        type=edge.type,
        target=strawberry.ID(edge.target),
        properties=[JSON(history.parsed(p)) for p in edge.props],
    )


def to_diff(d: history.GraphDiff) -> GraphDiff:
    return GraphDiff(
        addedNodes=[_node(n) for n in d.added_nodes],
        removedNodes=[_node(n) for n in d.removed_nodes],
        changedNodes=[
            ChangedNode(
                id=strawberry.ID(c.after.id),
                before=_node(c.before),
                after=_node(c.after),
                changes=[
                    PropertyChange(
                        name=p.name, before=JSON(_plain(p.before)), after=JSON(_plain(p.after))
                    )
                    for p in c.changes
                ],
            )
            for c in d.changed_nodes
        ],
        addedEdges=[_edge(e) for e in d.added_edges],
        removedEdges=[_edge(e) for e in d.removed_edges],
        changedEdges=[
            ChangedEdge(before=_edge(c.before), after=_edge(c.after)) for c in d.changed_edges
        ],
    )


@strawberry.type
class DiffQuery:
    @strawberry.field(
        permission_classes=[IsViewer],
        description="What changed between two moments: nodes and relationships added, "
        "removed and changed (with before/after values), in the whole graph or in the "
        "neighbourhood of centerId (depth hops, at either moment).",
    )
    async def graphDiff(
        self,
        info: Info,
        from_: Annotated[datetime, strawberry.argument(name="from")],
        to: datetime | None = None,
        centerId: strawberry.ID | None = None,
        depth: int = 1,
    ) -> GraphDiff:
        end = to or info.context.db.clock()
        found = await history.graph_diff(
            info.context.db, from_, end, centerId, depth, info.context.settings.max_graph_nodes
        )
        return to_diff(found)
