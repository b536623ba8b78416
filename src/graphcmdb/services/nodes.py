"""Any node by id, whatever its label."""

from __future__ import annotations

from graphcmdb.db.database import Database, Row
from graphcmdb.db.queries import Q


async def get_node(db: Database, node_id: str) -> Row | None:
    rows = await db.read(Q.NODE_GET_BY_IDS, ids=[node_id])
    return rows[0]["node"] if rows else None
