"""Several nodes of one spec created or updated in one statement each way, every node
audited by an entry of its own, as ``nodes.create_in`` / ``nodes.update_in`` would one
by one (the impact evaluator opens or resolves a hundred incidents in one pass)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphcmdb.db import identity_claims
from graphcmdb.db.database import Tx
from graphcmdb.errors import NotFound
from graphcmdb.graph.cypher_gen import Op
from graphcmdb.graph.node_spec import NodeSpec
from graphcmdb.services import audit
from graphcmdb.services.actor import Actor
from graphcmdb.services.nodes import R, as_record, crud


@dataclass(frozen=True)
class NewNode:
    props: Mapping[str, Any]
    operation: str
    #: what the caller links it to in the same transaction (recorded in its audit entry)
    links: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class NodeChange:
    id: str
    #: properties to set (``None`` clears one)
    props: Mapping[str, Any]
    operation: str
    links: Mapping[str, Any] = field(default_factory=dict)


async def create_in(tx: Tx, actor: Actor, spec: NodeSpec[R], new: Sequence[NewNode]) -> list[R]:
    """The nodes, in the order given."""
    if not new:
        return []
    rows = [{"id": str(uuid.uuid4()), "props": dict(n.props)} for n in new]
    created = await tx.run(crud(spec, Op.CREATE_MANY), rows=rows)
    written = {r["node"]["id"]: dict(r["node"]) for r in created}
    nodes = [written[r["id"]] for r in rows]
    tx.created.extend((node["id"], spec.label) for node in nodes)
    if spec.identity:
        await identity_claims.claim(tx, nodes)
    entries = [
        audit.Entry.of(actor, n.operation, [node["id"]], None, node | dict(n.links))
        for n, node in zip(new, nodes, strict=True)
    ]
    await audit.write_many(tx, entries)
    return [as_record(spec, node) for node in nodes]


async def update_in(
    tx: Tx, actor: Actor, spec: NodeSpec[R], changes: Sequence[NodeChange]
) -> list[R]:
    """The nodes after the changes, in the order given; ids that name none are one
    :class:`NotFound` (and, the caller's transaction failing, nothing is written)."""
    if not changes:
        return []
    rows = [{"id": c.id, "props": dict(c.props)} for c in changes]
    written = {r["node"]["id"]: r for r in await tx.run(crud(spec, Op.UPDATE_MANY), rows=rows)}
    if missing := [c.id for c in changes if c.id not in written]:
        raise NotFound(spec.label.value, missing)
    nodes = [dict(written[c.id]["node"]) for c in changes]
    if spec.identity:
        await identity_claims.claim(tx, nodes)
    entries = [
        audit.Entry.of(actor, c.operation, [c.id], written[c.id]["before"], node | dict(c.links))
        for c, node in zip(changes, nodes, strict=True)
    ]
    await audit.write_many(tx, entries)
    return [as_record(spec, node) for node in nodes]
