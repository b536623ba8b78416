"""Keyset pagination: opaque cursors over a (sort key, id) pair."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from graphcmdb.errors import LimitExceeded, ValidationFailed

T = TypeVar("T")
U = TypeVar("U")
DEFAULT_PAGE_SIZE = 100


@dataclass(frozen=True)
class PageRequest:
    first: int
    after: tuple[Any, str] | None

    @property
    def fetch(self) -> int:
        """One extra row tells whether there is a next page."""
        return self.first + 1


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    cursors: list[str]
    has_next: bool
    has_previous: bool

    def map(self, convert: Callable[[T], U]) -> Page[U]:
        """The same page (cursors included) with each item converted."""
        return Page(
            [convert(i) for i in self.items], self.cursors, self.has_next, self.has_previous
        )


def key_text(value: Any) -> str:
    """A sort key as a cursor carries it (a time in ISO form)."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def encode_cursor(sort_key: Any, node_id: str) -> str:
    raw = json.dumps([sort_key, node_id], default=key_text).encode()
    return base64.urlsafe_b64encode(raw).decode()


def decode_cursor(cursor: str) -> tuple[Any, str]:
    try:
        key, node_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError) as exc:
        raise ValidationFailed(f"'{cursor}' is not a cursor from this API.", field="after") from exc
    return key, str(node_id)


def page_request(first: int | None, after: str | None, max_page_size: int) -> PageRequest:
    size = DEFAULT_PAGE_SIZE if first is None else first
    if size < 0:
        raise ValidationFailed("'first' must be zero or more.", field="first")
    if size > max_page_size:
        raise LimitExceeded(
            f"'first' is {size}; at most {max_page_size} items per page.",
            field="first",
            limit=max_page_size,
        )
    return PageRequest(size, decode_cursor(after) if after else None)


def make_page(
    rows: list[dict[str, Any]], req: PageRequest, sort_field: str
) -> Page[dict[str, Any]]:
    items = rows[: req.first]
    cursors = [encode_cursor(r.get(sort_field), str(r["id"])) for r in items]
    return Page(items, cursors, has_next=len(rows) > req.first, has_previous=req.after is not None)
