"""Handing CI fields back to discovery (source precedence, ``discovery/precedence.py``)."""

from __future__ import annotations

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.discovery.precedence import DiscoverableField, release_fields
from graphcmdb.discovery.records import OWNED
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.graph.cypher_gen import Op
from graphcmdb.services import audit, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.cis import require_ci


async def release_to_discovery(
    db: Database, actor: Actor, ci_id: str, fields: list[DiscoverableField]
) -> Row:
    """Let discovery overwrite ``fields`` of a CI from its next run on."""

    async def work(tx: Tx) -> Row:
        current = await require_ci(tx, ci_id)
        change = release_fields(current, fields)
        if not change:
            return current
        row = await tx.one(nodes.crud(CI_SPEC, Op.UPDATE), id=ci_id, props=change)
        assert row is not None
        before = {OWNED: current.get(OWNED)}
        await audit.record(tx, actor, "releaseFieldsToDiscovery", [ci_id], before, change)
        return dict(row["node"])

    return await db.write(work)
