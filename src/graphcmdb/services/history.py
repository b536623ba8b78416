"""The graph as it was, and what changed between two moments (``db/history.py`` keeps
the versions). A snapshot is every entity's version and every relationship valid at a
moment; a diff compares two snapshots, of the whole graph or of a neighbourhood."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from graphcmdb.db import scoping
from graphcmdb.db.database import Database
from graphcmdb.db.history import HIDDEN, VOLATILE, reading_as_of
from graphcmdb.db.queries import Q
from graphcmdb.errors import NotFound, ValidationFailed
from graphcmdb.graph.enums import RelType
from graphcmdb.services import graph_view

#: a stored property value, as read back
Value = str | int | float | bool | date | datetime | list[object] | None
#: what a snapshot leaves out: secrets, and what changes with every write or sighting
LEFT_OUT = frozenset((*HIDDEN, *VOLATILE))
#: an edge is known by its ends and type (one per pair and type, as ``relate`` keeps them)
EdgeKey = tuple[str, str, str]


@dataclass(frozen=True)
class NodeState:
    id: str
    labels: tuple[str, ...]
    props: Mapping[str, Value]


@dataclass(frozen=True)
class EdgeState:
    source: str
    type: str
    target: str
    #: the properties of each relationship between the two (sorted, as JSON)
    props: tuple[str, ...]


@dataclass
class Snapshot:
    nodes: dict[str, NodeState] = field(default_factory=dict)
    edges: dict[EdgeKey, EdgeState] = field(default_factory=dict)


@dataclass(frozen=True)
class PropertyChange:
    name: str
    before: Value
    after: Value


@dataclass(frozen=True)
class NodeChange:
    before: NodeState
    after: NodeState
    changes: tuple[PropertyChange, ...]


@dataclass(frozen=True)
class EdgeChange:
    before: EdgeState
    after: EdgeState


@dataclass(frozen=True)
class GraphDiff:
    added_nodes: tuple[NodeState, ...]
    removed_nodes: tuple[NodeState, ...]
    changed_nodes: tuple[NodeChange, ...]
    added_edges: tuple[EdgeState, ...]
    removed_edges: tuple[EdgeState, ...]
    changed_edges: tuple[EdgeChange, ...]


def _json(value: object) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def parsed(text: str) -> object:
    """An edge's properties as :func:`snapshot` keeps them (JSON text), parsed back."""
    return json.loads(text)


def _plain(props: Mapping[str, Value]) -> dict[str, Value]:
    return {k: v for k, v in props.items() if v is not None}


async def snapshot(db: Database, at: datetime | None, ids: list[str] | None = None) -> Snapshot:
    """Every entity (or those of ``ids``) and relationship among them as of ``at``, or
    in the present graph itself when ``at`` is None (what the versions must agree with)."""
    shot = Snapshot()
    states = Q.HISTORY_SNAPSHOT_STATES if at else Q.HISTORY_PRESENT_STATES
    edges = Q.HISTORY_SNAPSHOT_EDGES if at else Q.HISTORY_PRESENT_EDGES
    for row in await db.read(states, asOf=at, ids=ids):
        props = {k: v for k, v in _plain(row["props"]).items() if k not in LEFT_OUT}
        node = NodeState(str(row["id"]), tuple(sorted(row["labels"])), props)
        shot.nodes[node.id] = node
    grouped: dict[EdgeKey, list[str]] = {}
    for row in await db.read(edges, asOf=at, ids=ids):
        key = (str(row["source"]), str(row["type"]), str(row["target"]))
        kept = {k: v for k, v in _plain(row["props"]).items() if k not in VOLATILE}
        grouped.setdefault(key, []).append(_json(kept))
    for key, texts in grouped.items():
        shot.edges[key] = EdgeState(*key, props=tuple(sorted(texts)))
    return shot


def _property_changes(before: NodeState, after: NodeState) -> tuple[PropertyChange, ...]:
    names = sorted(set(before.props) | set(after.props))
    changes = [
        PropertyChange(n, before.props.get(n), after.props.get(n))
        for n in names
        if before.props.get(n) != after.props.get(n)
    ]
    if before.labels != after.labels:
        changes.append(PropertyChange("labels", list(before.labels), list(after.labels)))
    return tuple(changes)


def diff(before: Snapshot, after: Snapshot) -> GraphDiff:
    """What changed from ``before`` to ``after`` (volatile properties aside)."""
    changed = []
    for node_id in sorted(set(before.nodes) & set(after.nodes)):
        b, a = before.nodes[node_id], after.nodes[node_id]
        changes = _property_changes(b, a)
        if changes:
            changed.append(NodeChange(b, a, changes))
    both = sorted(set(before.edges) & set(after.edges))
    return GraphDiff(
        added_nodes=tuple(after.nodes[i] for i in sorted(set(after.nodes) - set(before.nodes))),
        removed_nodes=tuple(before.nodes[i] for i in sorted(set(before.nodes) - set(after.nodes))),
        changed_nodes=tuple(changed),
        added_edges=tuple(after.edges[k] for k in sorted(set(after.edges) - set(before.edges))),
        removed_edges=tuple(before.edges[k] for k in sorted(set(before.edges) - set(after.edges))),
        changed_edges=tuple(
            EdgeChange(before.edges[k], after.edges[k])
            for k in both
            if before.edges[k].props != after.edges[k].props
        ),
    )


async def _around(
    db: Database, at: datetime, center_id: str, depth: int, max_nodes: int
) -> set[str]:
    """The ids of ``center_id``'s neighbourhood as of ``at`` (none if it did not exist)."""
    with reading_as_of(at):
        try:
            view = await graph_view.neighbourhood(db, center_id, depth, list(RelType), max_nodes)
        except NotFound:  # a centre that did not exist then has no neighbourhood then
            return set()
    return set(view.nodes)


async def graph_diff(
    db: Database,
    start: datetime,
    end: datetime,
    center_id: str | None = None,
    depth: int = 1,
    max_nodes: int = 5000,
) -> GraphDiff:
    """The diff between the graph at ``start`` and at ``end``: whole, or the union of the
    neighbourhoods of ``center_id`` (``depth`` hops) at both moments."""
    if scoping.is_scoped():
        raise ValidationFailed(
            "graphDiff is not available to tokens with scopes yet: the past graph has no "
            "visibility rules.",
            field="from",
        )
    ids: list[str] | None = None
    if center_id is not None:
        around = await _around(db, start, center_id, depth, max_nodes)
        around |= await _around(db, end, center_id, depth, max_nodes)
        ids = sorted(around)
    return diff(await snapshot(db, start, ids), await snapshot(db, end, ids))
