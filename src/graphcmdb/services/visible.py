"""Which of some nodes the caller's scopes show: the one filter of every neighbour read.

The relationship reads (a CI's dependencies, dependents, services, asset, incidents …)
run hand-written Cypher that knows nothing of scopes. Their answers go through here:
the nodes they reached are asked of the generated ``visible/<label>`` statements (the
predicate of ``graph/visibility.py``, one statement per label found among them; a node
of a label without a rule is hidden without asking), and what the caller may not see is
left out. A caller without scopes sees everything: no statement is run, nothing is
copied, no round trip is added.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Collection, Iterable, Mapping
from typing import Any, Protocol, TypeVar

from graphcmdb.db import scoping
from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import NODE_VISIBLE_IDS, VISIBLE_IDS, QueryName
from graphcmdb.errors import NotFound
from graphcmdb.graph.enums import Label

X = TypeVar("X")

#: a batch read of the loaders: ids in, a value per id out
BatchRead = Callable[[Database, list[str]], Awaitable[Mapping[str, X]]]
Run = Callable[..., Awaitable[list[Row]]]


class Identified(Protocol):
    """A node as the reads answer it: its id and the labels the read found."""

    @property
    def id(self) -> str: ...

    @property
    def labels(self) -> tuple[str, ...]: ...


N = TypeVar("N", bound=Identified)
_LABELS = {label.value: label for label in VISIBLE_IDS}


def _statement(labels: tuple[str, ...]) -> QueryName | None:
    """The statement that tests a node of these labels; None: hidden (no rule)."""
    if not labels:
        return NODE_VISIBLE_IDS  # labels not read: the statement of every label
    for name in labels:
        if name in _LABELS:
            return VISIBLE_IDS[_LABELS[name]]
    return None


async def _seen(run: Run, nodes: Iterable[Identified]) -> set[str] | None:
    if not scoping.is_scoped():
        return None
    asked: dict[QueryName, set[str]] = defaultdict(set)
    for node in nodes:
        query = _statement(node.labels)
        if query is not None:
            asked[query].add(node.id)
    seen: set[str] = set()
    for query, ids in asked.items():
        seen |= {r["id"] for r in await run(query, ids=sorted(ids))}
    return seen


async def visible_nodes(db: Database, nodes: Iterable[Identified]) -> set[str] | None:
    """The ids of ``nodes`` the caller sees; None when the caller is not scoped."""

    async def run(query: QueryName, **params: Any) -> list[Row]:
        return await db.read(query, **params)

    return await _seen(run, nodes)


async def visible_nodes_in(tx: Tx, nodes: Iterable[Identified]) -> set[str] | None:
    """:func:`visible_nodes` inside ``tx``."""
    return await _seen(tx.run, nodes)


async def _seen_as(run: Run, ids: Collection[str], labels: Collection[Label]) -> set[str] | None:
    if not scoping.is_scoped():
        return None
    seen: set[str] = set()
    for label in labels:
        seen |= {r["id"] for r in await run(VISIBLE_IDS[label], ids=sorted(ids))}
    return seen


async def visible_in(tx: Tx, ids: Collection[str], labels: Collection[Label]) -> set[str] | None:
    """Which of ``ids`` (nodes of one of ``labels``) the caller sees, inside ``tx``."""
    return await _seen_as(tx.run, ids, labels)


async def visible_as(
    db: Database, ids: Collection[str], labels: Collection[Label]
) -> set[str] | None:
    """Which of ``ids`` (nodes of one of ``labels``) the caller sees."""

    async def run(query: QueryName, **params: Any) -> list[Row]:
        return await db.read(query, **params)

    return await _seen_as(run, ids, labels)


async def require_seen(db: Database, ids: Collection[str], labels: Collection[Label]) -> None:
    """Refuse ids the caller does not see exactly as missing ones (``NOT_FOUND``)."""
    seen = await visible_as(db, ids, labels)
    if seen is not None and any(i not in seen for i in ids):
        raise NotFound("node", list(dict.fromkeys(i for i in ids if i not in seen)))


def among_visible(read: BatchRead[list[X]], node: Callable[[X], Identified]) -> BatchRead[list[X]]:
    """``read`` whose lists keep only the items whose node the caller sees."""

    async def filtered(db: Database, ids: list[str]) -> Mapping[str, list[X]]:
        found = await read(db, ids)
        seen = await visible_nodes(db, (node(x) for xs in found.values() for x in xs))
        if seen is None:
            return found
        return {k: [x for x in xs if node(x).id in seen] for k, xs in found.items()}

    return filtered


def if_visible(read: BatchRead[N]) -> BatchRead[N | None]:
    """``read`` whose nodes are left out (absent) when the caller does not see them."""

    async def filtered(db: Database, ids: list[str]) -> Mapping[str, N | None]:
        found = await read(db, ids)
        seen = await visible_nodes(db, found.values())
        if seen is None:
            return found
        return {k: x for k, x in found.items() if x.id in seen}

    return filtered
