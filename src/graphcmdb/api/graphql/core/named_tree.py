"""A nested read by name completed in one pass (issue 16, the nested read).

``services { dependsOn { node { id name ... on Dependable { dependsOn { node { id name }
} } } } }`` was completed by graphql-core object by object: a resolver call per node's
``dependsOn``, a resolve info, a path and a type check per scalar, and an abstract type
resolved per node, ~12,000 completions for 1,099 edges below 20 services. When the
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
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from strawberry.types import Info
from strawberry.types.nodes import SelectedField, Selection

from graphcmdb.api.graphql.compact import Shape
from graphcmdb.api.graphql.core.edges import edge_kind
from graphcmdb.api.graphql.core.named import fields_of, list_names_only
from graphcmdb.api.graphql.core.node import public_labels
from graphcmdb.services.relations import Edge

#: the edge lists a node answers by its id
LISTS = ("dependsOn", "dependents")

#: the far nodes' types that have edge lists, and those a fragment's type condition keeps
LISTED = frozenset({"CI", "Service"})
_CONDITIONS = {
    "CI": frozenset({"CI"}),
    "Service": frozenset({"Service"}),
    "Node": LISTED,
    "Dependable": LISTED,
}


@dataclass(frozen=True)
class Asked:
    """An edge list asked of the far nodes of ``types``, and what is asked below it."""

    types: frozenset[str]
    below: Mapping[str, Asked]


#: per edge-list field name, what is asked of it (the union over aliases and fragments:
#: reading a little more than one selection needs is harmless, reading less is not)
Below = Mapping[str, Asked]


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


def _lists_under_node(edge_lists: Iterable[SelectedField]) -> dict[str, Asked] | None:
    asked: dict[str, Asked] = {}
    for edge_list in edge_lists:
        for node, _ in _included(edge_list.selections, LISTED):
            if node.name != "node":
                continue
            for child, types in _included(node.selections, LISTED):
                if child.name not in LISTS or not types:
                    continue
                inner = _lists_under_node([child]) if list_names_only(child) else None
                if inner is None:
                    return None
                asked[child.name] = _merge(asked.get(child.name), Asked(types, inner))
    return asked


def _included(
    selections: Iterable[Selection], types: frozenset[str]
) -> Iterable[tuple[SelectedField, frozenset[str]]]:
    """The fields ``@skip``/``@include`` keep, fragments opened, each with the far node
    types it applies to (a fragment on CI or on Service keeps that type)."""
    for selection in selections:
        if not _kept(selection):
            continue
        if isinstance(selection, SelectedField):
            yield selection, types
        else:
            condition = selection.type_condition
            # a condition on another type (GenericNode, or DependencyEdge above the node)
            # keeps no type with lists; the fields are still yielded for their names
            kept = types if condition is None else types & _CONDITIONS.get(condition, frozenset())
            yield from _included(selection.selections, kept)


def _kept(selection: Selection) -> bool:
    directives = selection.directives
    return not directives.get("skip", {}).get("if", False) and directives.get("include", {}).get(
        "if", True
    )


def _merge(a: Asked | None, b: Asked) -> Asked:
    if a is None:
        return b
    names = a.below.keys() | b.below.keys()
    below = {n: _merge(a.below.get(n), b.below[n]) if n in b.below else a.below[n] for n in names}
    return Asked(a.types | b.types, below)


async def rows(info: Info, edges: Sequence[Edge], below: Below) -> list[EdgeRow]:
    """``edges`` with the lists ``below`` asks of their far nodes, read a level at a time:
    every list of a level asked at once (with the loaders, those of every sibling list
    too), then every list of the next level."""
    loaders = info.context.loaders
    names = list(below)
    wanted = [
        [i for i, edge in enumerate(edges) if type_name(edge.node.labels) in below[name].types]
        for name in names
    ]
    per_list = await asyncio.gather(
        *(
            (
                loaders.depends_on_names if name == "dependsOn" else loaders.dependents_names
            ).load_many([edges[i].node.id for i in at])
            for name, at in zip(names, wanted, strict=True)
        )
    )
    deeper = await asyncio.gather(
        *(
            rows(info, [e for group in groups for e in group], below[name].below)
            for name, groups in zip(names, per_list, strict=True)
        )
    )
    trees: list[dict[str, Sequence[EdgeRow]]] = [{} for _ in edges]
    for name, at, groups, flat in zip(names, wanted, per_list, deeper, strict=True):
        start = 0
        for i, group in zip(at, groups, strict=True):
            trees[i][name] = flat[start : start + len(group)]
            start += len(group)
    return [EdgeRow(edge, tree) for edge, tree in zip(edges, trees, strict=True)]


def type_name(labels: Collection[str]) -> str:
    """The GraphQL type of a node read by name, from its labels (``to_named_node`` builds
    that type's object; the shape completes that type's fields)."""
    return "CI" if "CI" in labels else "Service" if "Service" in labels else "GenericNode"


def _kind(row: EdgeRow) -> str | None:
    kind = edge_kind(row.edge.type.value, row.edge.kind)
    return None if kind is None else kind.name


_NAMED_NODE = {
    "id": lambda r: r.edge.node.id,
    "name": lambda r: r.edge.node.name,
    "labels": lambda r: public_labels(r.edge.node.labels),
}
#: a list not read ahead for a row (never asked of its type, as far as the read-ahead
#: could tell) is None: the list then falls back to the ordinary completion
_NODE_LISTS = {name: (lambda r, n=name: r.below.get(n), "DependencyEdge") for name in LISTS}

#: a DependencyEdge and its far node read from an :class:`EdgeRow` (the node's fields
#: read the same row); a node of another type than CI and Service has no lists
EDGE_TREE = Shape(
    scalars={
        "DependencyEdge": {
            "id": lambda r: r.edge.rel_id or None,  # as to_edge: an empty id is none
            "type": lambda r: r.edge.type.name,
            "kind": _kind,
        },
        "CI": _NAMED_NODE,
        "Service": _NAMED_NODE,
        "GenericNode": _NAMED_NODE,
    },
    objects={"DependencyEdge": {"node": (lambda r: r, "Node")}},
    lists={"CI": _NODE_LISTS, "Service": _NODE_LISTS},
    kinds={"Node": lambda r: type_name(r.edge.node.labels)},
)
