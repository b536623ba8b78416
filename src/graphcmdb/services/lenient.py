"""Reading a stored node that breaks its record's rules, without failing the read.

Records are validated with the write-side constraints (lengths, ranges, address
formats), so a value stored before a rule tightened, by discovery or by hand would make
a strict read raise. A read never fails on data already in the graph: the node is read
again against a relaxed twin of its record (same fields and types, no constraints, no
validators, every field optional), so enums, dates and money are still converted. A
value even the twin refuses (an enum member this release does not know) is left out of
an optional field and kept as stored in a required one.

Each offending field is logged with the node's label and id, the field and the kind of
problem, never the value (it may be a secret someone pasted in the wrong field).
"""

from __future__ import annotations

import logging
import types
from collections.abc import Mapping
from functools import cache
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model

log = logging.getLogger("graphcmdb.records")

M = TypeVar("M")

_TWIN = ConfigDict(extra="ignore", populate_by_name=True)


def relaxed(annotation: Any) -> Any:
    """``annotation`` without its constraints (``Annotated`` metadata), recursively."""
    origin = get_origin(annotation)
    args = get_args(annotation)
    if origin is Annotated:
        return relaxed(args[0])
    if origin in (Union, types.UnionType):
        return Union[tuple(relaxed(a) for a in args)]  # noqa: UP007  # built from a tuple
    if origin in (list, tuple, set, frozenset) and args:
        return origin[tuple(relaxed(a) for a in args)]
    return annotation


@cache
def twin(model: type[BaseModel]) -> type[BaseModel]:
    """``model``'s fields, relaxed and optional, without its validators."""
    fields: dict[str, Any] = {
        name: (relaxed(info.annotation) | None, Field(default=None, alias=info.alias))
        for name, info in model.model_fields.items()
    }
    return create_model(f"Lenient{model.__name__}", __config__=_TWIN, **fields)


def _key(model: type[BaseModel], name: str) -> str:
    return model.model_fields[name].alias or name


def _warn(label: str, node_id: object, problems: list[tuple[str, str]]) -> None:
    for field, kind in problems:
        log.warning(
            "Stored %s %s: field '%s' breaks its read rule (%s); read leniently.",
            label,
            node_id,
            field,
            kind,
        )


def _problems(exc: ValidationError) -> list[tuple[str, str]]:
    return [(str(e["loc"][0]) if e["loc"] else "?", e["type"]) for e in exc.errors()]


def read(model: type[M], row: Mapping[str, Any], label: str, exc: ValidationError) -> M:
    """The record of ``row`` that a strict read refused with ``exc``."""
    if not issubclass(model, BaseModel):
        raise exc
    _warn(label, row.get("id"), _problems(exc))
    data = dict(row)
    lenient = twin(model)
    try:
        checked = lenient.model_validate(data)
    except ValidationError as again:
        unusable = {field for field, _ in _problems(again)}
        checked = lenient.model_validate({k: v for k, v in data.items() if k not in unusable})
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        key = _key(model, name)
        if key not in data:
            if info.is_required():
                values[name] = None  # a read never fails, even on a node missing a key
            continue
        value = getattr(checked, name)
        if value is None and data[key] is not None and info.is_required():
            value = data[key]  # nothing converts it: keep what is stored
        if value is not None or data[key] is None:
            values[name] = value
    return model.model_construct(**values)
