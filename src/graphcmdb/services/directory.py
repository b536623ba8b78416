"""Records that others point at (vendors, locations, people, software products): read by
id, update, and a delete guarded by what still refers to them.

Deleting a vendor that contracts are ``WITH``, a location or person that assets are at
or with, or a product that licenses are ``FOR`` or CIs have installed is refused
(``HAS_DEPENDENTS``, with the count per kind) unless ``force``: the references then go
with it, and the audit entry lists them so the graph can be replayed as it was.
Each kind is one :class:`Directory`: its node spec plus the read of what refers to it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.records import Installation, Stored
from graphcmdb.domain.specs import ASSET_SPEC, CONTRACT_SPEC, LICENSE_SPEC
from graphcmdb.errors import Duplicate, HasDependents
from graphcmdb.graph.node_spec import NodeSpec
from graphcmdb.services import nodes
from graphcmdb.services.actor import Actor

S = TypeVar("S", bound=Stored)

#: What refers to a directory entry: a node's record, or a CI's installation of a product.
Referrer = Stored | Installation
#: Per node id: the kind of reference ("contracts", "assets", ...) -> the referrers.
Referrers = dict[str, list[Referrer]]
#: The node kinds the ``referrers`` queries answer, and their specs.
_NODE_KINDS: dict[str, NodeSpec[Any]] = {
    "contracts": CONTRACT_SPEC,
    "assets": ASSET_SPEC,
    "licenses": LICENSE_SPEC,
}
#: The properties to set, decided inside the write transaction from the current record.
Changes = Callable[[Tx, S], Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class Directory(Generic[S]):
    spec: NodeSpec[S]
    #: ``UNWIND $ids`` -> ``id, kind, ref, item`` for everything that points at the node
    #: (``ref``: the id of the node on the other end)
    referrers: Q
    #: the property a second record may not share (what DUPLICATE names)
    natural_key: str
    #: the input field the DUPLICATE error names, when it is not the key itself
    key_field: str | None = None

    def duplicate(self, props: dict[str, Any]) -> Duplicate:
        value = props.get(self.natural_key)
        return Duplicate(
            f"A {self.spec.title} with {self.natural_key} '{value}' already exists.",
            field=self.key_field or self.natural_key,
            **{self.natural_key: value},
        )


def changes(props: dict[str, Any]) -> Changes[Stored]:
    """Fixed properties, whatever the current record."""

    async def fixed(tx: Tx, current: Stored) -> dict[str, Any]:
        return props

    return fixed


async def get_many(db: Database, d: Directory[S], ids: list[str]) -> dict[str, S]:
    return await nodes.get_many(db, d.spec, ids)


async def require(tx: Tx, d: Directory[S], node_id: str) -> S:
    return await nodes.require(tx, d.spec, node_id)


def _group(rows: list[Row]) -> dict[str, dict[str, list[Row]]]:
    """The rows by node id and kind (the audit snapshot of a forced delete keeps them)."""
    grouped: dict[str, dict[str, list[Row]]] = {}
    for r in rows:
        grouped.setdefault(r["id"], {}).setdefault(r["kind"], []).append(r["item"])
    return grouped


def _referrer(kind: str, node_id: str, item: Row) -> Referrer:
    if kind == "installations":
        return Installation.of(item, item["ciId"], node_id)
    record: Stored = nodes.as_record(_NODE_KINDS[kind], item)
    return record


def _records(rows: list[Row]) -> dict[str, Referrers]:
    return {
        node_id: {
            kind: [_referrer(kind, node_id, item) for item in items] for kind, items in by.items()
        }
        for node_id, by in _group(rows).items()
    }


async def referrers(db: Database, d: Directory[Any], ids: list[str]) -> dict[str, Referrers]:
    """Per node: what points at it, by kind (for the GraphQL loaders)."""
    return _records(await db.read(d.referrers, ids=ids))


async def referrers_in(tx: Tx, d: Directory[Any], ids: list[str]) -> dict[str, Referrers]:
    return _records(await tx.run(d.referrers, ids=ids))


async def update(
    db: Database, actor: Actor, d: Directory[S], node_id: str, change: Changes[S]
) -> S:
    attempted: dict[str, Any] = {}

    async def work(tx: Tx) -> S:
        current = await require(tx, d, node_id)
        props = await change(tx, current)
        attempted.update(props)
        return await nodes.update_in(tx, actor, d.spec, node_id, props)

    return await nodes.write_unique(db, work, lambda: d.duplicate(attempted))


def _refusal(d: Directory[S], node: S, refs: dict[str, list[Row]]) -> HasDependents:
    counts = {kind: len(items) for kind, items in refs.items()}
    listed = " and ".join(
        f"{n} {kind.removesuffix('s') if n == 1 else kind}" for kind, n in counts.items()
    )
    return HasDependents(
        f"The {d.spec.title} '{node.name}' is still referenced by {listed}; "
        "remove those links first or pass force: true to remove them with it.",
        references=counts,
        total=sum(counts.values()),
    )


async def delete(db: Database, actor: Actor, d: Directory[S], node_id: str, force: bool) -> S:
    async def work(tx: Tx) -> S:
        node = await require(tx, d, node_id)
        rows = await tx.run(d.referrers, ids=[node_id])
        refs = _group(rows).get(node_id, {})
        if refs and not force:
            raise _refusal(d, node, refs)
        after = {"force": force, "detached": refs}
        return await nodes.delete_in(tx, actor, d.spec, node_id, after)

    return await db.write(work)
