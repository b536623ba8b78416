"""The history twins of a node type's generated reads (``db/history.py``): its get by
ids, its list and its count as of ``$asOf``, read from the versions valid then.

A version is a ``(:State)`` behind its node's ``(:Timeline)``, holding the node's
properties and its labels as ``_labels`` then, so the present list's filters and order
apply to it unchanged; a filter on a relationship reads the ``WAS_<TYPE>`` history edge
valid then. The full-text lists have no twin (the index holds the present only): a read
of the past through them is refused by ``db/history.twin``.
"""

from __future__ import annotations

from graphcmdb.graph.cypher_gen import cursor_condition, filter_condition
from graphcmdb.graph.node_spec import AnySpec, Filter, FilterKind

#: the suffix of a generated read's as-of twin (``ci/get_by_ids_as_of``)
AS_OF = "_as_of"

#: the reads of a node type that have a twin (the operations of ``cypher_gen.Op``)
TWINNED = ("get_by_ids", "list", "count")

_VALID = "{v}.validFrom <= $asOf AND coalesce({v}.validTo > $asOf, true)"


def _shown(spec: AnySpec) -> str:
    """A version as the present read answers the node (hidden properties never)."""
    if spec.hidden:
        return "n {" + ", ".join(f".{p}" for p in spec.readable) + ", labels: n._labels}"
    return "n {.*, labels: n._labels, _labels: null}"


def _condition(f: Filter) -> str:
    """``filter_condition`` of the versions: a relationship filter reads the history edge
    valid then, the others the version's own properties."""
    if f.kind is not FilterKind.LINKED_TO:
        return filter_condition(f)
    assert f.rel is not None
    p = f"${f.param}"
    edge = f"(t)-[w:WAS_{f.rel.value}]->(:Timeline {{id: {p}}})"
    return f"({p} IS NULL OR EXISTS {{ MATCH {edge} WHERE {_VALID.format(v='w')} }})"


def _versions(spec: AnySpec) -> list[str]:
    """The versions of ``spec``'s nodes valid at ``$asOf`` as ``n`` (their timeline ``t``)."""
    return [
        "MATCH (t:Timeline)-[sv:STATE]->(n:State)",  # ``sv``: filters may bind ``v``
        f"WHERE {_VALID.format(v='sv')}",
        f"  AND '{spec.label.value}' IN n._labels",
    ]


def get_as_of_statement(spec: AnySpec) -> str:
    """``get_by_ids`` as of ``$asOf``: the version of each node valid then."""
    return "\n".join(
        [
            "UNWIND $ids AS id",
            "MATCH (:Timeline {id: id})-[v:STATE]->(n)",
            f"WHERE {_VALID.format(v='v')}",
            f"  AND '{spec.label.value}' IN n._labels",
            f"RETURN {_shown(spec)} AS node",
        ]
    )


def list_as_of_statement(spec: AnySpec) -> str:
    """``list`` as of ``$asOf``: the same filters, order and cursor over the versions."""
    direction = " DESC" if spec.order.descending else ""
    conditions = [_condition(f) for f in spec.filters] + [cursor_condition(spec)]
    return "\n".join(
        [
            *_versions(spec),
            *(f"  AND {c}" for c in conditions),
            f"RETURN {_shown(spec)} AS node",
            f"ORDER BY n.{spec.order.prop}{direction}, n.id{direction}",
            "LIMIT $limit",
        ]
    )


def count_as_of_statement(spec: AnySpec) -> str:
    """``count`` as of ``$asOf``: the versions the twin list pages through."""
    conditions = [_condition(f) for f in spec.filters]
    return "\n".join(
        [*_versions(spec), *(f"  AND {c}" for c in conditions), "RETURN count(n) AS total"]
    )


def as_of_statements(spec: AnySpec) -> dict[str, str]:
    """The twins of ``spec``'s reads, by the present read's operation name."""
    made = (get_as_of_statement, list_as_of_statement, count_as_of_statement)
    return {op: make(spec) for op, make in zip(TWINNED, made, strict=True)}
