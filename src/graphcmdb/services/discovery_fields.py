"""Handing CI fields back to discovery (source precedence, ``discovery/precedence.py``)."""

from __future__ import annotations

from graphcmdb.db.database import Database, Tx
from graphcmdb.discovery.precedence import DiscoverableField, release_fields
from graphcmdb.domain.records import CIRecord
from graphcmdb.domain.specs import CI_SPEC
from graphcmdb.graph.cypher_gen import Op
from graphcmdb.identity.candidates import OWNED
from graphcmdb.services import audit, nodes
from graphcmdb.services.actor import Actor


async def release_to_discovery(
    db: Database, actor: Actor, ci_id: str, fields: list[DiscoverableField]
) -> CIRecord:
    """Let discovery overwrite ``fields`` of a CI from its next run on."""

    async def work(tx: Tx) -> CIRecord:
        current = await nodes.require(tx, CI_SPEC, ci_id)
        before = {OWNED: current.discoveredFields}
        change = release_fields(before, fields)
        if not change:
            return current
        row = await tx.one(nodes.crud(CI_SPEC, Op.UPDATE), id=ci_id, props=change)
        assert row is not None
        await audit.record(tx, actor, "releaseFieldsToDiscovery", [ci_id], before, change)
        return nodes.as_record(CI_SPEC, row["node"])

    return await db.write(work)
