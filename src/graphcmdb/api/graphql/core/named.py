"""``dependsOn`` / ``dependents`` when the far nodes are asked for by name only (issue 16).

A nested read such as ``services { dependsOn { node { id name ... on Dependable {
dependsOn { node { id name } } } } } }`` reads whole nodes at every level by default (every
property decoded, a record validated, a typed object built) to answer two strings. When
the selection under ``node`` asks only for what :data:`NAMED_FIELDS` lists, the edges are
read as (id, name, labels) rows (``rel/*_names_by_ids``) and each node is a
:class:`CIType` / :class:`ServiceType` holding only those three: its ``dependsOn`` and
``dependents`` read by its id, so the next level decides again from its own selection.
Either way one batched read per level: the round trips stay constant in the width.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar, cast

from graphql.pyutils import Path
from strawberry.types import Info
from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

T = TypeVar("T")

#: the fields of a node a named edge can answer (the two edge lists read by the node's id)
NAMED_FIELDS = frozenset({"id", "name", "labels", "__typename", "dependsOn", "dependents"})


def _only_named(selections: Iterable[Selection]) -> bool:
    for selection in selections:
        if isinstance(selection, SelectedField):
            named = selection.name in NAMED_FIELDS
        else:  # a fragment: what it selects
            named = _only_named(selection.selections)
        if not named:
            return False
    return True


def names_only(info: Info) -> bool:
    """Does this edge list's selection read nothing of its nodes but :data:`NAMED_FIELDS`?"""
    return per_field(info, _names_only)


def per_field(info: Info, decide: Callable[[Info], T]) -> T:
    """``decide(info)``, once per field of an operation (:func:`remembered`): every object
    of a list has the same selection, and converting it (``info.selected_fields``) for
    each of a nested read's ~400 nodes was wasted work."""
    memo = _MEMO.get()
    if memo is None:
        return decide(info)
    key = (decide, field_at(info))
    if key not in memo:
        memo[key] = decide(info)
    return cast(T, memo[key])


#: a field of the operation: its response path without list indices, each step with the
#: runtime type of the object it is read on. graphql-core collects a field's nodes from
#: exactly these, so one key is one selection (variables are fixed for the operation)
FieldAt = tuple[tuple[str, str | None], ...]

_MEMO: ContextVar[dict[tuple[Callable[..., Any], FieldAt], object] | None] = ContextVar(
    "graphcmdb_per_field", default=None
)


@contextmanager
def remembered() -> Iterator[None]:
    """:func:`per_field`'s answers kept for the operation executed inside (the schema
    enters it around each execution; anywhere else each call decides again)."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)


def field_at(info: Info) -> FieldAt:
    steps: list[tuple[str, str | None]] = []
    path: Path | None = info.path
    while path is not None:
        if isinstance(path.key, str):
            steps.append((path.key, path.typename))
        path = path.prev
    return tuple(steps)


def _names_only(info: Info) -> bool:
    return all(list_names_only(field) for field in fields_of(info.selected_fields))


def list_names_only(edge_list: SelectedField) -> bool:
    """Does this selected edge list ask its nodes for :data:`NAMED_FIELDS` only?"""
    for selection in fields_of(edge_list.selections):
        if selection.name == "node" and not _only_named(selection.selections):
            return False
    return True


def fields_of(selections: Iterable[Selection]) -> Iterable[SelectedField]:
    """The fields of ``selections``, fragments opened (whatever their type condition)."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, InlineFragment | FragmentSpread):
            yield from fields_of(selection.selections)
