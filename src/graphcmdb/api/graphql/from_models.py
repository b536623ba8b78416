"""GraphQL fields generated from the pydantic ``*Fields`` records of ``domain``.

Two class decorators, applied under ``@strawberry.input`` / ``@strawberry.type``:

* ``model_input(Model)`` adds every field of ``Model`` as optional with the default
  ``strawberry.UNSET``, so an omitted field stays distinguishable from an explicit null
  (see ``given``);
* ``model_output(Model)`` adds every field of ``Model`` as a plain output field,
  nullable unless the record requires it or it is named in ``non_null``.

Fields the class (or a base class) declares itself win: a Create input declares its
required keys, an output type the fields its resolvers read or that carry a description.
Fields named in ``ids`` (``vendorId``) become ``ID``; constraints
(``Annotated[str, StringConstraints]``) drop to their base type; domain enums are
registered in ``enums``.

``from_record(Type, record, **overrides)`` goes the other way at run time: it builds an
output type from a record whose attributes carry the type's field names (``asOf`` or
``as_of``), the overrides giving the fields that are converted or named otherwise.
"""

from __future__ import annotations

import dataclasses
import re
import types
from collections.abc import Callable, Collection, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

import strawberry
from pydantic import BaseModel

T = TypeVar("T")

_SCALARS = (str, int, float, bool, Decimal, date, datetime)


def given(obj: object) -> dict[str, Any]:
    """Only the fields the client sent; an explicit null is kept (it clears the field)."""
    return {k: v for k, v in vars(obj).items() if v is not strawberry.UNSET}


def graphql_type(annotation: Any, name: str = "", as_id: bool = False) -> Any:
    """The GraphQL-facing type of a pydantic annotation, without ``None``."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return graphql_type(get_args(annotation)[0], name, as_id)
    if origin in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) != 1:
            raise TypeError(f"{name}: only T | None unions map to GraphQL, not {annotation}")
        return graphql_type(members[0], name, as_id)
    if origin is list:
        (item,) = get_args(annotation)
        item_type = graphql_type(item, name, as_id)
        return list[item_type]  # type: ignore[valid-type]  # built at run time, never checked statically
    if annotation is str and as_id:
        return strawberry.ID
    if annotation in _SCALARS or (isinstance(annotation, type) and issubclass(annotation, Enum)):
        return annotation
    raise TypeError(f"{name}: no GraphQL type for {annotation!r}")


def _declared(cls: type) -> set[str]:
    """Field names the class or its bases already declare."""
    return {name for klass in cls.__mro__ for name in vars(klass).get("__annotations__", {})}


def _add_fields(cls: type[T], generated: Mapping[str, Any], defaults: Mapping[str, Any]) -> type[T]:
    own = dict(vars(cls).get("__annotations__", {}))
    skip = _declared(cls)
    added = {name: hint for name, hint in generated.items() if name not in skip}
    cls.__annotations__ = added | own
    for name in added:
        if name in defaults:
            setattr(cls, name, defaults[name])
    return cls


def _fields(model: type[BaseModel], exclude: Collection[str]) -> dict[str, Any]:
    return {name: info for name, info in model.model_fields.items() if name not in exclude}


def model_input(
    model: type[BaseModel],
    *,
    exclude: Collection[str] = (),
    ids: Collection[str] = (),
    descriptions: Mapping[str, str] | None = None,
) -> Callable[[type[T]], type[T]]:
    """Add ``model``'s fields to an input class, each optional (default UNSET)."""
    notes = descriptions or {}

    def decorate(cls: type[T]) -> type[T]:
        fields = _fields(model, exclude)
        hints = {
            name: graphql_type(f.annotation, name, name in ids) | None for name, f in fields.items()
        }
        defaults = {
            name: strawberry.field(
                default=strawberry.UNSET, description=notes.get(name) or f.description
            )
            for name, f in fields.items()
        }
        return _add_fields(cls, hints, defaults)

    return decorate


def model_output(
    model: type[BaseModel],
    *,
    exclude: Collection[str] = (),
    ids: Collection[str] = (),
    non_null: Collection[str] = (),
) -> Callable[[type[T]], type[T]]:
    """Add ``model``'s fields to an output type as plain (resolver-less) fields."""

    def decorate(cls: type[T]) -> type[T]:
        hints: dict[str, Any] = {}
        for name, f in _fields(model, exclude).items():
            base = graphql_type(f.annotation, name, name in ids)
            hints[name] = base if f.is_required() or name in non_null else base | None
        defaults = {
            name: strawberry.field(description=f.description)
            for name, f in _fields(model, exclude).items()
            if f.description
        }
        return _add_fields(cls, hints, defaults)

    return decorate


_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])([A-Z])")


def _attribute(record: object, field: str) -> Any:
    for name in (field, _CAMEL_HUMP.sub(r"_\1", field).lower()):
        if hasattr(record, name):
            return getattr(record, name)
    raise AttributeError(f"{type(record).__name__} has no {field!r} for from_record")


def from_record(cls: type[T], record: object, /, **overrides: Any) -> T:
    """An instance of the strawberry type ``cls``, each field not in ``overrides`` read
    from the record's attribute of that name (camelCase, or its snake_case spelling).

    A misspelt override or a field the record lacks fails at once (TypeError /
    AttributeError), so a converter's first test call checks it.
    """
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls!r} is not a strawberry type")
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    unknown = overrides.keys() - set(names)
    if unknown:
        raise TypeError(f"{cls.__name__} has no fields {sorted(unknown)}")
    values = {name: _attribute(record, name) for name in names if name not in overrides}
    return cls(**values, **overrides)
