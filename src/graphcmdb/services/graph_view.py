"""The neighbourhood of a node, breadth-first, for the explorer.

For a scoped caller the drawing is of the real graph with every node it does not see
as a placeholder (``hidden: true``, ``hidden-1`` …, as impact shows them): a centre it
does not see is "not found" like a missing id.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.errors import LimitExceeded, NotFound
from graphcmdb.graph.enums import RelType
from graphcmdb.services import visible
from graphcmdb.services.graph_collapse import (
    GraphAggregate,
    collapsed_counts,
    is_hub,
    walked_types,
)
from graphcmdb.services.redaction import HIDDEN_NAME, Placeholders

MAX_DEPTH = 6


@dataclass(frozen=True)
class GraphNode:
    """A node as the explorer draws it: whatever its label, these four."""

    id: str
    name: str
    labels: tuple[str, ...]
    status: str | None = None
    #: a placeholder for a node outside the caller's scopes
    hidden: bool = False


@dataclass(frozen=True)
class GraphEdge:
    """A relationship; ``id`` is its own id, or Neo4j's element id for one without."""

    id: str
    source: str
    target: str
    type: RelType
    #: the stored dependency kind (DEPENDS_ON only), as stored
    kind: str | None = None


def graph_node(row: Mapping[str, Any]) -> GraphNode:
    """A ``graph/*`` read's node map (``{.id, .name, .status, labels}``) as a GraphNode."""
    return GraphNode(
        id=row["id"],
        name=row.get("name") or "",
        labels=tuple(row.get("labels") or ()),
        status=row.get("status"),
    )


def graph_edge(row: Mapping[str, Any]) -> GraphEdge:
    """A ``graph/*`` read's edge map (``relId``, ``elementId``, ends, type, kind)."""
    return GraphEdge(
        id=row["relId"] or row["elementId"],
        source=row["source"],
        target=row["target"],
        type=RelType(row["type"]),
        kind=row.get("kind"),
    )


@dataclass
class GraphView:
    nodes: dict[str, GraphNode] = field(default_factory=dict)
    edges: dict[str, GraphEdge] = field(default_factory=dict)
    truncated: bool = False
    #: a collapsed neighbourhood's counts of what it did not walk (graph_collapse.py)
    aggregates: list[GraphAggregate] = field(default_factory=list)


def _redacted(view: GraphView, seen: set[str]) -> GraphView:
    """Hidden nodes as placeholders; an edge touching one gets a placeholder id too."""
    marks = Placeholders(seen)
    shown = GraphView(truncated=view.truncated)
    for node in view.nodes.values():
        if not marks.shows(node.id):
            node = GraphNode(marks.id_of(node.id), HIDDEN_NAME, (), None, hidden=True)
        shown.nodes[node.id] = node
    for edge in view.edges.values():
        if not (marks.shows(edge.source) and marks.shows(edge.target)):
            edge = GraphEdge(
                f"hidden-edge-{len(shown.edges) + 1}",
                marks.id_of(edge.source),
                marks.id_of(edge.target),
                edge.type,
                edge.kind,
            )
        shown.edges[edge.id] = edge
    return shown


async def as_seen(db: Database, view: GraphView, ends: list[str]) -> GraphView:
    """``view`` as the caller may see it; ``ends`` (the ids it asked for) not seen are
    "not found". A caller without scopes gets ``view`` itself (no statement run)."""
    seen = await visible.visible_nodes(db, view.nodes.values())
    if seen is None:
        return view
    hidden = [i for i in ends if i not in seen]
    if hidden:
        raise NotFound("node", hidden)
    return _redacted(view, seen)


async def neighbourhood(
    db: Database,
    center_id: str,
    depth: int,
    types: list[RelType] | None,
    max_nodes: int,
    *,
    collapse: bool = False,
) -> GraphView:
    """One query per level (``depth`` round-trips at most), capped at ``max_nodes`` nodes.
    ``collapse``: lifecycle events and installed software are not walked (except around
    a centre that is one of them) but counted per drawn node, one more statement."""
    if not 0 <= depth <= MAX_DEPTH:
        raise LimitExceeded(f"depth must be between 0 and {MAX_DEPTH}.", field="depth")
    start = await db.read(Q.GRAPH_NODES_BY_IDS, ids=[center_id])
    if not start:
        raise NotFound("node", [center_id])
    view = GraphView(nodes={center_id: graph_node(start[0]["node"])})
    asked = types or list(RelType)
    hub = collapse and depth > 0 and is_hub(view.nodes[center_id].labels)
    frontier = [center_id]
    for level in range(depth):
        if not frontier:
            break
        walked = walked_types(asked, collapse and not (hub and level == 0))
        rows = await db.read(
            Q.GRAPH_NEIGHBOURS, ids=frontier, types=[t.value for t in walked], limit=max_nodes * 4
        )
        frontier = []
        for r in rows:
            node = r["node"]
            if node["id"] not in view.nodes:
                if len(view.nodes) >= max_nodes:
                    view.truncated = True
                    continue
                view.nodes[node["id"]] = graph_node(node)
                frontier.append(node["id"])
            if r["source"] in view.nodes and r["target"] in view.nodes:
                edge = graph_edge(r)
                view.edges[edge.id] = edge
    shown = await as_seen(db, view, [center_id])
    if collapse:
        drawn = [n.id for n in shown.nodes.values() if not n.hidden]
        shown.aggregates = await collapsed_counts(db, drawn, center_id if hub else None)
    return shown
