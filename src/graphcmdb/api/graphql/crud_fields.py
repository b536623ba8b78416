"""The create, update and delete mutation fields of a node type, each shape written once.

A mutation class reads
``createVendor = create_field(VendorType, to_vendor, CreateVendorInput, create, VendorCreate)``:
the resolver parses the input into the pydantic model, calls the service through
``write_as`` (which checks the role) and converts the record it answers. Strawberry makes
the field's arguments and type from the resolver's annotations, so each factory sets them
to the concrete input and output types it is given; the factory's own return type is the
output type, as ``strawberry.mutation(resolver=...)`` is typed for the type checker.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import strawberry
from strawberry.permission import BasePermission
from strawberry.types import Info

from graphcmdb.api.graphql.permissions import IsAdmin, IsEditor
from graphcmdb.api.graphql.writes import parsed, write_as
from graphcmdb.db.database import Database
from graphcmdb.domain.models import _Record
from graphcmdb.graph.enums import Role
from graphcmdb.services.actor import Actor

O = TypeVar("O")  # noqa: E741  the output object type, as in strawberry's own signatures
R = TypeVar("R")
M = TypeVar("M", bound=_Record)

_PERMISSION: dict[Role, type[BasePermission]] = {Role.EDITOR: IsEditor, Role.ADMIN: IsAdmin}


def _mutation(
    resolver: Callable[..., Awaitable[Any]],
    role: Role,
    description: str | None,
    permission: type[BasePermission] | None = None,
) -> Any:
    """The field over ``resolver`` for ``role`` (checked by ``permission``, if given)."""
    return strawberry.mutation(
        resolver=resolver,
        permission_classes=[permission or _PERMISSION[role]],
        description=description,
    )


def create_field(
    output: type[O],
    convert: Callable[[R], O],
    input_type: type,
    create: Callable[[Database, Actor, M], Awaitable[R]],
    model: type[M],
    description: str | None = None,
    *,
    role: Role = Role.EDITOR,
) -> O:
    """``create(input: input_type!): output!`` over ``create(db, actor, model)``."""

    async def resolver(info: Info, input: object) -> O:
        return convert(await write_as(role, info, create, parsed(model, input)))

    # strawberry reads the field's argument and result types from these annotations
    resolver.__annotations__ = {"info": Info, "input": input_type, "return": output}
    field: O = _mutation(resolver, role, description)
    return field


def update_field(
    output: type[O],
    convert: Callable[[R], O],
    input_type: type,
    update: Callable[[Database, Actor, str, M], Awaitable[R]],
    model: type[M],
    description: str | None = None,
    *,
    role: Role = Role.EDITOR,
) -> O:
    """``update(id: ID!, input: input_type!): output!`` over ``update(db, actor, id, model)``."""

    async def resolver(info: Info, id: strawberry.ID, input: object) -> O:
        return convert(await write_as(role, info, update, id, parsed(model, input)))

    # strawberry reads the field's argument and result types from these annotations
    resolver.__annotations__ = {
        "info": Info,
        "id": strawberry.ID,
        "input": input_type,
        "return": output,
    }
    field: O = _mutation(resolver, role, description)
    return field


def delete_field(
    delete: Callable[[Database, Actor, str], Awaitable[object]],
    description: str | None = None,
    *,
    role: Role = Role.EDITOR,
) -> strawberry.ID:
    """``delete(id: ID!): ID!`` over ``delete(db, actor, id)``; answers the id."""

    async def resolver(info: Info, id: strawberry.ID) -> strawberry.ID:
        await write_as(role, info, delete, id)
        return id

    field: strawberry.ID = _mutation(resolver, role, description)
    return field


def guarded_delete_field(
    delete: Callable[[Database, Actor, str, bool], Awaitable[object]],
    description: str | None = None,
) -> strawberry.ID:
    """``delete(id: ID!, force: Boolean! = false): ID!`` over ``delete(db, actor, id, force)``.

    The service refuses while other nodes point at the node, unless ``force``.
    """

    async def resolver(info: Info, id: strawberry.ID, force: bool = False) -> strawberry.ID:
        await write_as(Role.EDITOR, info, delete, id, force)
        return id

    field: strawberry.ID = _mutation(resolver, Role.EDITOR, description)
    return field


def action_field(
    output: type[O],
    convert: Callable[[R], O],
    act: Callable[[Database, Actor, str], Awaitable[R]],
    description: str,
    *,
    permission: type[BasePermission] = IsEditor,
) -> O:
    """``name(id: ID!): output!`` over ``act(db, actor, id)`` for an editor: a move the
    field's name says all of (closeIncident). ``permission`` may ask for more (MayDiscover)."""

    async def resolver(info: Info, id: strawberry.ID) -> O:
        return convert(await write_as(Role.EDITOR, info, act, id))

    # strawberry reads the field's argument and result types from these annotations
    resolver.__annotations__ = {"info": Info, "id": strawberry.ID, "return": output}
    field: O = _mutation(resolver, Role.EDITOR, description, permission)
    return field
