"""The steps every write resolver shares: authorize the token, parse the input, call the service.

A resolver reads ``to_x(await write(info, service.fn, id, parsed(Model, input)))``: ``write``
checks the role and passes the request's database and actor ahead of the other arguments.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Concatenate, ParamSpec, TypeVar

from strawberry.types import Info

from graphcmdb.api.graphql.from_models import given
from graphcmdb.api.graphql.permissions import authorize
from graphcmdb.db.database import Database
from graphcmdb.domain.models import _Record, parse
from graphcmdb.graph.enums import Role
from graphcmdb.services.actor import Actor

P = ParamSpec("P")
R = TypeVar("R")
M = TypeVar("M", bound=_Record)

Write = Callable[Concatenate[Database, Actor, P], Awaitable[R]]


def parsed(model: type[M], input: object) -> M:
    """The fields the client sent (explicit nulls kept), validated into ``model``."""
    record: M = parse(model, given(input))
    return record


async def write_as(
    role: Role, info: Info, call: Write[P, R], *args: P.args, **kwargs: P.kwargs
) -> R:
    """``call(db, actor, *args)`` for ``role`` (or above)."""
    actor = authorize(info.context.actor, role)
    return await call(info.context.db, actor, *args, **kwargs)


async def write(info: Info, call: Write[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``call(db, actor, *args)`` for an editor (or above)."""
    return await write_as(Role.EDITOR, info, call, *args, **kwargs)
