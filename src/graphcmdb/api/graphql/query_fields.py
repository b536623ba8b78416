"""Root query fields whose shape repeats across the domains, each written once.

``ci = by_id_field(CIType, to_ci, Loaders.ci.of)`` answers one node by id through the
request's loader (null when there is none). ``NodeReads`` holds a node type's output
type, converter and loader, for its ``by_id()`` field and its ``listed(...)`` one, which
pages a service's ``Listing`` under a filter input. As in ``crud_fields``, the resolver's
annotations are set to the concrete types, from which strawberry makes the field's
arguments and type.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar, cast

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from graphcmdb.api.graphql.as_of_values import mark
from graphcmdb.api.graphql.connections import Connection, paged
from graphcmdb.api.graphql.loaders import Loaders
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.db.history import reading_as_of
from graphcmdb.services.listing import Listing

#: the description of every ``asOf`` argument
AS_OF = (
    "Answer as the graph stood at this moment (history is kept from the first version "
    "of each node; what did not exist then is absent). The fields beneath answer as of "
    "the same moment (dependsOn, dependents, ...); one without history yet is refused "
    "(VALIDATION_FAILED), never answered with the present."
)
AsOf = Annotated[datetime | None, strawberry.argument(description=AS_OF)]

O = TypeVar("O")  # noqa: E741  the output object type, as in strawberry's own signatures
V = TypeVar("V")
I = TypeVar("I")  # noqa: E741  the filter input type
W = TypeVar("W")


def viewer_field(resolver: Callable[..., Awaitable[Any]], description: str | None) -> Any:
    """The field over ``resolver`` for a viewer (or above)."""
    return strawberry.field(
        resolver=resolver, permission_classes=[IsViewer], description=description
    )


def connection_field(
    resolver: Callable[..., Awaitable[Any]], output: type, description: str, **where: object
) -> Any:
    """``name(<where>, first: Int, after: String): outputConnection!`` over ``resolver``.

    ``where`` names the types of the arguments before the paging ones; they and the rest
    are set as the resolver's annotations, which strawberry reads (the cast lets the type
    checker see Connection subscripted with a run-time type).
    """
    resolver.__annotations__ = {
        "info": Info,
        **where,
        "first": int | None,
        "after": str | None,
        "return": cast(Any, Connection)[output],
    }
    return viewer_field(resolver, description)


def by_id_field(
    output: type[O],
    convert: Callable[[V], O],
    loader: Callable[[Loaders], DataLoader[str, V | None]],
    description: str | None = None,
) -> O | None:
    """``name(id: ID!): output`` read through the request's ``loader`` (``Loaders.ci.of``)."""

    async def resolver(info: Info, id: strawberry.ID, asOf: datetime | None = None) -> O | None:
        with reading_as_of(asOf):  # the loaders of that moment (``Context.loaders``)
            row = await loader(info.context.loaders).load(id)
        return mark(convert(row), asOf) if row is not None else None

    # strawberry reads the field's argument and result types from these annotations
    resolver.__annotations__ = {
        "info": Info,
        "id": strawberry.ID,
        "asOf": AsOf,
        "return": output | None,
    }
    field: O | None = viewer_field(resolver, description)
    return field


@dataclass(frozen=True)
class NodeReads(Generic[O, V]):
    """The root reads of one node type: ``_CI = NodeReads(CIType, to_ci, Loaders.ci.of)``
    then ``ci = _CI.by_id()`` and ``cis = _CI.listed(CIFilterInput, ...)``."""

    output: type[O]
    convert: Callable[[V], O]
    loader: Callable[[Loaders], DataLoader[str, V | None]]

    def by_id(self, description: str | None = None) -> O | None:
        return by_id_field(self.output, self.convert, self.loader, description)

    def listed(
        self,
        filter_type: type[I],
        where: Callable[[I], W],
        listing: Listing[W, V],
        description: str,
    ) -> Connection[O]:
        """``name(filter: filter_type, asOf: DateTime, first: Int, after: String):
        outputConnection!``.

        The page of ``listing`` under ``where(filter)`` (no filter: ``filter_type()``, all
        defaults), as of ``asOf`` when given; its count answers totalCount on request.
        """
        convert = self.convert

        async def resolver(
            info: Info,
            filter: I | None = None,
            asOf: datetime | None = None,
            first: int | None = None,
            after: str | None = None,
        ) -> Connection[O]:
            paging = (first, after)
            flt = where(filter if filter is not None else filter_type())
            with reading_as_of(asOf):  # and its totalCount, items' fields: ``mark``
                found = await paged(info, paging, convert, listing.page, listing.count, flt)
            return mark(found, asOf)

        field: Connection[O] = connection_field(
            resolver, self.output, description, filter=filter_type | None, asOf=AsOf
        )
        return field
