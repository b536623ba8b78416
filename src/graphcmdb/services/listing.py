"""A node type's filtered listing as one record: a page under a filter, and its total.

The two always go together (a connection counts its total only when a client asks
for it), so a service answers both through one ``Listing`` and a front end takes it
whole: ``cis.LISTING.page(db, cis.CIFilter(), req)``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from graphcmdb.db.database import Database
from graphcmdb.graph.node_spec import NodeSpec
from graphcmdb.services import nodes
from graphcmdb.services.paging import Page, PageRequest

F = TypeVar("F")
R = TypeVar("R")


@dataclass(frozen=True)
class Listing(Generic[F, R]):
    """``page(db, filter, request)`` and ``count(db, filter)`` of one node type."""

    page: Callable[[Database, F, PageRequest], Awaitable[Page[R]]]
    count: Callable[[Database, F], Awaitable[int]]


def of_spec(spec: NodeSpec[R], _filter: type[F], search: str | None = None) -> Listing[F, R]:
    """The listing of ``spec`` under a ``_filter`` record (a frozen dataclass, named for
    the type checker): each of its fields is the spec's list filter of that name, but the
    field ``search`` names, whose words go to the spec's full-text index."""

    def params(flt: F) -> dict[str, object]:
        return {k: v for k, v in vars(flt).items() if k != search}

    def words(flt: F) -> str | None:
        text: str | None = getattr(flt, search) if search else None
        return text

    async def page(db: Database, flt: F, req: PageRequest) -> Page[R]:
        return await nodes.list_page(db, spec, params(flt), req, text=words(flt))

    async def count(db: Database, flt: F) -> int:
        return await nodes.count(db, spec, params(flt), text=words(flt))

    return Listing(page, count)
