"""A nested read by name completed in one pass (issue 16, the nested read).

``services { dependsOn { node { id name ... on Dependable { dependsOn { node { id name }
} } } } }`` was completed by graphql-core object by object: a resolver call per node's
``dependsOn``, a resolve info, a path and a type check per scalar, and an abstract type
resolved per node, ~12,000 completions for the ~1,100 edges of 100 services. When the
edge list asks its nodes for names only (``named.names_only``), the resolver now reads
the edge lists its nodes' selection asks below (through the same request loaders, so the
same visibility, one batched read per level) and answers a :class:`Compact` of
:class:`EdgeRow` trees that ``compact.CompactExecution`` completes in one pass with
:data:`EDGE_TREE`. A selection the shape does not cover falls back to the ordinary
completion of the same edges (whose nodes then read their own lists again).

``dependsOn`` and ``dependents`` are resolvers, which a shape otherwise never covers: the
rows here are what those resolvers read in names-only mode, from the same loaders.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from strawberry.types import Info
from strawberry.types.nodes import SelectedField

from graphcmdb.api.graphql.compact import Shape
from graphcmdb.api.graphql.core.edges import edge_kind
from graphcmdb.api.graphql.core.named import fields_of, list_names_only
from graphcmdb.api.graphql.core.node import public_labels
from graphcmdb.services.relations import Edge

#: the edge lists a node answers by its id
LISTS = ("dependsOn", "dependents")

#: per edge-list field asked of the far nodes, what is asked below it (the union over
#: aliases and fragments: reading more than one selection needs is harmless)
Below = Mapping[str, "Below"]


@dataclass(frozen=True, slots=True)
class EdgeRow:
    """One edge, and the far node's edge lists the selection asks, by field name."""

    edge: Edge
    below: Mapping[str, Sequence[EdgeRow]]


def asked_below(info: Info) -> Below | None:
    """The edge lists asked of this list's far nodes, and below them, recursively; None
    when one of them asks more of its nodes than names (the shape could not complete it:
    the list is completed the ordinary way and each level decides for itself)."""
    return _lists_under_node(fields_of(info.selected_fields))


def _lists_under_node(edge_lists: Iterable[SelectedField]) -> dict[str, Any] | None:
    asked: dict[str, Any] = {}
    for edge_list in edge_lists:
        for node in fields_of(edge_list.selections):
            if node.name != "node":
                continue
            for child in fields_of(node.selections):
                if child.name not in LISTS:
                    continue
                inner = _lists_under_node([child]) if list_names_only(child) else None
                if inner is None:
                    return None
                asked[child.name] = _merge(asked.get(child.name, {}), inner)
    return asked


def _merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    return {k: _merge(a.get(k, {}), b.get(k, {})) for k in a.keys() | b.keys()}


async def rows(info: Info, edges: Sequence[Edge], below: Below) -> list[EdgeRow]:
    """``edges`` with the lists ``below`` asks of their far nodes, read a level at a time
    for all of them at once (the loaders batch the levels of every sibling list)."""
    loaders = info.context.loaders
    ids = [edge.node.id for edge in edges]
    names = list(below)
    per_list = await asyncio.gather(
        *(
            (
                loaders.depends_on_names if name == "dependsOn" else loaders.dependents_names
            ).load_many(ids)
            for name in names
        )
    )
    trees: list[dict[str, Sequence[EdgeRow]]] = [{} for _ in edges]
    for name, groups in zip(names, per_list, strict=True):
        flat = await rows(info, [e for group in groups for e in group], below[name])
        at = 0
        for tree, group in zip(trees, groups, strict=True):
            tree[name] = flat[at : at + len(group)]
            at += len(group)
    return [EdgeRow(edge, tree) for edge, tree in zip(edges, trees, strict=True)]


def _kind(row: EdgeRow) -> str | None:
    kind = edge_kind(row.edge.type.value, row.edge.kind)
    return None if kind is None else kind.name


def _node_type(row: EdgeRow) -> str:
    labels = row.edge.node.labels
    return "CI" if "CI" in labels else "Service" if "Service" in labels else "GenericNode"


_NAMED_NODE = {
    "id": lambda r: r.edge.node.id,
    "name": lambda r: r.edge.node.name,
    "labels": lambda r: public_labels(r.edge.node.labels),
}
_NODE_LISTS = {name: (lambda r, n=name: r.below[n], "DependencyEdge") for name in LISTS}

#: a DependencyEdge and its far node read from an :class:`EdgeRow` (the node's fields
#: read the same row); a node of another type than CI and Service has no lists
EDGE_TREE = Shape(
    scalars={
        "DependencyEdge": {
            "id": lambda r: r.edge.rel_id,
            "type": lambda r: r.edge.type.name,
            "kind": _kind,
        },
        "CI": _NAMED_NODE,
        "Service": _NAMED_NODE,
        "GenericNode": _NAMED_NODE,
    },
    objects={"DependencyEdge": {"node": (lambda r: r, "Node")}},
    lists={"CI": _NODE_LISTS, "Service": _NODE_LISTS},
    kinds={"Node": _node_type},
)
