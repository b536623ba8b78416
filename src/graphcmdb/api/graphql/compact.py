"""Large lists answered without graphql-core's per-field completion (issue 16).

graphql-core completes a value field by field: a resolver call, a resolve info, a path
entry and a type check for every scalar of every item, about 5 µs each, so an impact
report of 10,000 nodes spent most of its time there. A :class:`Compact` value carries its
items as the service layer's rows plus a :class:`Shape` (per GraphQL type, how each field
reads a row); :class:`CompactExecution` completes it in one pass, building each item's
answer as plain dicts and lists for the selection as graphql-core itself collects it
(aliases, fragments, ``@skip``/``@include`` and ``__typename`` included).

Only plain fields belong in a shape: no resolver, no permission class, no extension (a
test checks the shapes against the strawberry types). A selection with a field its shape
does not know, or a ``@defer``, is completed the ordinary way from the items ``build``
makes, so the answer is the same either way; only the time differs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from graphql import (
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
)
from graphql.execution.collect_fields import FieldDetails
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graphcmdb.api.graphql.as_of_values import complete_within, marked
from graphcmdb.db import history

R = TypeVar("R")
T = TypeVar("T")

#: a JSON-ready value: what graphql-core's completion would have produced
Plain = Any
#: how a field reads a row: a plain value, or (for an object-valued field) the row of the
#: object, completed by the shape of the field's type
Getter = Callable[[Any], Plain]


@dataclass(frozen=True)
class Shape:
    """Per GraphQL object type name: its scalar fields' getters, its object fields'
    (getter, type name) pairs and its list-of-objects fields' (getter of the item rows,
    item type name) pairs. ``kinds``: per interface name, the concrete type of a row."""

    scalars: Mapping[str, Mapping[str, Getter]]
    objects: Mapping[str, Mapping[str, tuple[Getter, str]]]
    lists: Mapping[str, Mapping[str, tuple[Getter, str]]] = field(default_factory=dict)
    kinds: Mapping[str, Callable[[Any], str]] = field(default_factory=dict)


class Compact(Generic[R, T]):
    """A list field's value: ``rows`` completed by ``shape``, or ``build(row)`` items when
    completed the ordinary way (iterating it gives those items)."""

    def __init__(self, rows: Sequence[R], build: Callable[[R], T], shape: Shape) -> None:
        self.rows = rows
        self.build = build
        self.shape = shape

    def __iter__(self) -> Iterator[T]:
        return map(self.build, self.rows)

    def __len__(self) -> int:
        return len(self.rows)


class _Unsupported(Exception):
    """The selection needs the ordinary completion."""


Builder = Callable[[Any], dict[str, Plain]]


class CompactExecution(StrawberryGraphQLCoreExecutionContext):
    """strawberry's execution context, completing :class:`Compact` values in one pass."""

    def complete_value(
        self,
        return_type: GraphQLOutputType,
        field_details_list: list[FieldDetails],
        info: GraphQLResolveInfo[Any],
        path: Path,
        result: Any,
        position_context: Any,
    ) -> Any:
        at = marked(result)
        if at is not None and history.as_of() != at:  # read of the past: its fields too
            return complete_within(
                at,
                lambda: self.complete_value(
                    return_type, field_details_list, info, path, result, position_context
                ),
            )
        if isinstance(result, Compact):
            try:
                return self._complete_compact(return_type, field_details_list, result)
            except _Unsupported:
                result = [result.build(row) for row in result.rows]
        return super().complete_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _complete_compact(
        self, return_type: GraphQLOutputType, details: list[FieldDetails], value: Compact[R, T]
    ) -> list[dict[str, Plain]]:
        item_type: GraphQLOutputType = return_type
        if isinstance(item_type, GraphQLNonNull):
            item_type = item_type.of_type
        if not isinstance(item_type, GraphQLList):
            raise _Unsupported
        item_type = item_type.of_type
        if isinstance(item_type, GraphQLNonNull):
            item_type = item_type.of_type
        if not isinstance(item_type, GraphQLObjectType):
            raise _Unsupported
        build = self._builder(item_type, details, value.shape)
        return [build(row) for row in value.rows]

    def _builder(
        self, object_type: GraphQLObjectType, details: list[FieldDetails], shape: Shape
    ) -> Builder:
        """A function from a row to its answer for this selection (or :class:`_Unsupported`)."""
        collected = self.collect_subfields(object_type, details)
        if collected.new_defer_usages or collected.forbidden_directive_instances:
            raise _Unsupported
        scalars = shape.scalars.get(object_type.name, {})
        objects = shape.objects.get(object_type.name, {})
        lists = shape.lists.get(object_type.name, {})
        entries: list[tuple[str, Getter]] = []
        for key, group in collected.grouped_field_set.items():
            name = group[0].node.name.value
            if name == "__typename":
                entries.append((key, _constant(object_type.name)))
            elif name in scalars:
                entries.append((key, scalars[name]))
            elif name in objects:
                getter, type_name = objects[name]
                entries.append((key, _nested(getter, self._of_type(type_name, group, shape))))
            elif name in lists:
                getter, type_name = lists[name]
                entries.append((key, _each(getter, self._of_type(type_name, group, shape))))
            else:
                raise _Unsupported
        # keys in the order graphql-core would give them (the selection's)
        return lambda row: {key: get(row) for key, get in entries}

    def _of_type(self, type_name: str, details: list[FieldDetails], shape: Shape) -> Builder:
        """The builder of a field's value of ``type_name``: an object type's, or for an
        interface in ``shape.kinds``, the builder of each row's concrete type (each made
        the first time a row of that type comes)."""
        target = self.schema.get_type(type_name)
        if isinstance(target, GraphQLObjectType):
            return self._builder(target, details, shape)
        kind = shape.kinds.get(type_name)
        if not isinstance(target, GraphQLInterfaceType) or kind is None:
            raise _Unsupported
        builders: dict[str, Builder] = {}

        def build(row: Any) -> dict[str, Plain]:
            concrete = kind(row)
            if concrete not in builders:
                object_type = self.schema.get_type(concrete)
                if not isinstance(object_type, GraphQLObjectType):
                    raise _Unsupported
                builders[concrete] = self._builder(object_type, details, shape)
            return builders[concrete](row)

        return build


def _constant(value: str) -> Getter:
    return lambda _row: value


def _nested(getter: Getter, build: Builder) -> Getter:
    def get(row: Any) -> Plain:
        inner = getter(row)
        return None if inner is None else build(inner)

    return get


def _each(getter: Getter, build: Builder) -> Getter:
    """A list of objects; a row without the list (None) needs the ordinary completion."""

    def get(row: Any) -> Plain:
        items = getter(row)
        if items is None:
            raise _Unsupported
        return [build(item) for item in items]

    return get
