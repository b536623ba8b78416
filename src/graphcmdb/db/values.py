"""Values between Python and Bolt: Neo4j's temporal types out, Python's in."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import neo4j.time


def to_native(value: Any) -> Any:
    """Neo4j temporal types to Python ones, recursively (exact type checks: this is hot)."""
    kind = type(value)
    if kind is str:
        return value
    if kind is dict:
        return {k: to_native(v) for k, v in value.items()}
    if kind is list:
        return [to_native(v) for v in value]
    if kind is neo4j.time.DateTime or kind is neo4j.time.Date:
        return value.to_native()
    return value


def to_param(value: Any) -> Any:
    """Python values to Bolt-friendly parameters (datetimes pass through natively).
    Exact type checks first: bulk writes send hundreds of thousands of plain values."""
    kind = type(value)
    if kind is str or value is None or kind is int or kind is float or kind is bool:
        return value
    if kind is dict:
        return {k: to_param(v) for k, v in value.items()}
    if kind is list:
        return [to_param(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value
    if isinstance(value, Mapping):
        return {k: to_param(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_param(v) for v in value]
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value  # enums
    return value
