"""An object read ``asOf`` answers its nested fields as of the same moment.

A root read of the past (``ci(id, asOf)``, ``cis(asOf)``, ``node(id, asOf)``) marks
the object it returns (:func:`mark`). graphql-core then completes that object's fields
— their resolvers, loaders and everything beneath — inside a copy of the context where
:func:`graphcmdb.db.history.as_of` is that moment (:func:`complete_within`), so every
catalogue read they make is answered by its history twin, or refused when it has none
(``VALIDATION_FAILED``, ``field: asOf``), never with the present. The request's loaders
are kept per moment (``Context.loaders``), so a present read and a past one of the
same id never share a cached answer.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable, Callable
from datetime import datetime
from inspect import isawaitable
from typing import Any, TypeVar

from graphcmdb.db.history import pin_as_of

T = TypeVar("T")

#: the attribute a value read of the past carries: the moment it is of
_MARK = "_graphcmdb_as_of"


def mark(value: T, at: datetime | None) -> T:
    """``value`` (an object a root read returned, or a list of them), completed as of
    ``at`` (None: the present, unmarked)."""
    if at is None or value is None:
        return value
    if isinstance(value, list):
        for item in value:
            mark(item, at)
    else:
        object.__setattr__(value, _MARK, at)
    return value


def marked(value: object) -> datetime | None:
    """The moment ``value`` was read as of, if it was."""
    at: datetime | None = getattr(value, _MARK, None)
    return at


def complete_within(at: datetime, complete: Callable[[], Any]) -> Any:
    """``complete()`` (graphql-core's completion of a marked value) run in a copy of the
    context reading as of ``at``; when it answers an awaitable, that is awaited in a task
    of the same context, so resolvers that run later read as of ``at`` too."""
    context = contextvars.copy_context()
    context.run(pin_as_of, at)
    result = context.run(complete)
    if not isawaitable(result):
        return result
    return asyncio.get_running_loop().create_task(_awaited(result), context=context)


async def _awaited(result: Awaitable[T]) -> T:
    return await result
