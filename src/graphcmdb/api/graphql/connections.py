"""Relay-style connections: edges with cursors, pageInfo and a lazily counted totalCount."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

import strawberry
from strawberry.types import Info

from graphcmdb.db.database import Database
from graphcmdb.services.paging import Page, PageRequest, page_request

T = TypeVar("T")
R = TypeVar("R")
F = TypeVar("F")


def request_page(info: Info, first: int | None, after: str | None) -> PageRequest:
    """The page a connection field was asked for, within the configured maximum."""
    return page_request(first, after, info.context.settings.max_page_size)


@strawberry.type
class PageInfo:
    hasNextPage: bool
    hasPreviousPage: bool
    startCursor: str | None
    endCursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    pageInfo: PageInfo
    counter: strawberry.Private[Callable[[], Awaitable[int]]]

    @strawberry.field(
        description="Items matching the filter across all pages (counted on request)."
    )
    async def totalCount(self) -> int:
        return await self.counter()


def to_connection(
    page: Page[R], convert: Callable[[R], T], counter: Callable[[], Awaitable[int]]
) -> Connection[T]:
    edges = [Edge(cursor=c, node=convert(r)) for r, c in zip(page.items, page.cursors, strict=True)]
    return Connection(
        edges=edges,
        pageInfo=PageInfo(
            hasNextPage=page.has_next,
            hasPreviousPage=page.has_previous,
            startCursor=page.cursors[0] if page.cursors else None,
            endCursor=page.cursors[-1] if page.cursors else None,
        ),
        counter=counter,
    )


async def paged(
    info: Info,
    paging: tuple[int | None, str | None],
    convert: Callable[[R], T],
    listing: Callable[[Database, F, PageRequest], Awaitable[Page[R]]],
    counting: Callable[[Database, F], Awaitable[int]],
    where: F,
) -> Connection[T]:
    """The page ``(first, after)`` of ``listing(db, where, …)``; ``counting`` on request."""
    db = info.context.db
    page = await listing(db, where, request_page(info, *paging))
    return to_connection(page, convert, lambda: counting(db, where))
