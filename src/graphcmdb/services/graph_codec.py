"""Property values of a graph dump as JSON and back, exactly.

JSON has no dates: a Neo4j temporal value is written as ``{"$": kind, "v": ISO text}``
(nanoseconds and the UTC offset kept), everything else (text, integers, floats, booleans
and lists of them) as itself. A line is ``json.dumps`` with sorted keys and no blanks,
so one graph always gives the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import timezone
from typing import Any

import neo4j.time as nt

from graphcmdb.errors import ValidationFailed

Decoded = Any
_ENCODERS: tuple[tuple[type, str], ...] = (
    (nt.DateTime, "datetime"),
    (nt.Date, "date"),
    (nt.Time, "time"),
    (nt.Duration, "duration"),
)


def _zoned(value: nt.DateTime) -> nt.DateTime:
    offset = value.utcoffset()
    return value if offset is None else value.replace(tzinfo=timezone(offset))


_DECODERS: dict[str, Callable[[str], Decoded]] = {
    "datetime": lambda v: _zoned(nt.DateTime.from_iso_format(v)),
    "date": nt.Date.from_iso_format,
    "time": nt.Time.from_iso_format,
    "duration": nt.Duration.from_iso_format,
}


def encode(value: object) -> object:
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, (nt.DateTime, nt.Date, nt.Time, nt.Duration)):
        tag = next(tag for kind, tag in _ENCODERS if isinstance(value, kind))
        return {"$": tag, "v": value.iso_format()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"a {type(value).__name__} property cannot be dumped")


def decode(value: object, where: str) -> Decoded:
    if isinstance(value, list):
        return [decode(v, where) for v in value]
    if isinstance(value, dict):
        tag, text = value.get("$"), value.get("v")
        if tag not in _DECODERS or not isinstance(text, str):
            raise ValidationFailed(f"{where}: not a dumped value: {value!r}", field="content")
        try:
            return _DECODERS[tag](text)
        except ValueError as exc:
            raise ValidationFailed(f"{where}: {exc}", field="content") from exc
    return value


def encode_props(props: Mapping[str, object]) -> dict[str, object]:
    return {k: encode(v) for k, v in props.items()}


def decode_props(props: object, where: str) -> dict[str, Decoded]:
    if not isinstance(props, dict):
        raise ValidationFailed(f"{where}: props must be an object", field="content")
    return {str(k): decode(v, where) for k, v in props.items()}


def line(record: object) -> str:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
