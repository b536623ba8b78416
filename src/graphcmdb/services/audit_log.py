"""Reading the audit log: entries newest first, one page at a time."""

from __future__ import annotations

from graphcmdb.db.database import Database, Row
from graphcmdb.db.queries import Q
from graphcmdb.services.audit import decode
from graphcmdb.services.paging import Page, PageRequest, make_page


async def list_entries(db: Database, target_id: str | None, req: PageRequest) -> Page[Row]:
    """Entries (about ``target_id`` if given), newest first, decoded."""
    after_at, after_id = req.after if req.after else (None, None)
    rows = await db.read(
        Q.AUDIT_LIST, targetId=target_id, afterAt=after_at, afterId=after_id, limit=req.fetch
    )
    return make_page([decode(r["entry"]) for r in rows], req, "at")


async def count_entries(db: Database, target_id: str | None) -> int:
    return int((await db.read(Q.AUDIT_COUNT, targetId=target_id))[0]["total"])
