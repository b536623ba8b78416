"""Reading the audit log: entries newest first, one page at a time."""

from __future__ import annotations

from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.domain.specs import AUDIT_ENTRY_SPEC
from graphcmdb.domain.system_records import AuditEntryRecord
from graphcmdb.services import nodes
from graphcmdb.services.paging import Page, PageRequest, make_page


async def list_entries(
    db: Database, target_id: str | None, req: PageRequest
) -> Page[AuditEntryRecord]:
    """Entries (about ``target_id`` if given), newest first, snapshots parsed."""
    after_at, after_id = req.after if req.after else (None, None)
    rows = await db.read(
        Q.AUDIT_LIST, targetId=target_id, afterAt=after_at, afterId=after_id, limit=req.fetch
    )
    page = make_page([r["entry"] for r in rows], req, "at")
    return page.map(lambda entry: nodes.as_record(AUDIT_ENTRY_SPEC, entry))


async def count_entries(db: Database, target_id: str | None) -> int:
    return int((await db.read(Q.AUDIT_COUNT, targetId=target_id))[0]["total"])
