"""The history of an object as a caller with scopes may read it.

An audit entry names the nodes it touched in ``targetIds`` (a relationship's two ends,
both CIs of a merge), and its snapshots may name more: a merge's moved relationships,
an import's tracked CIs (keys ``id``, ``…Id``, ``…Ids``). A token with scopes reads only
the entries whose every target it sees, and whose snapshots name no node it does not
see. An entry whose list of targets may have been cut, or that names a node since
deleted among its targets (no scope shows it), is left out too; an id in a snapshot
that is no node (a relationship's, a request's) is not asked about. What is left out
is left out of the page and of the count. A caller without scopes reads the whole
history, one statement as before (``audit_log``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graphcmdb.db import scoping
from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.domain.specs import AUDIT_ENTRY_SPEC
from graphcmdb.domain.system_records import AuditEntryRecord
from graphcmdb.services import audit_log, nodes, visible
from graphcmdb.services.paging import Page, PageRequest, key_text, make_page

#: entries read per round while a page is filled with readable ones
ROUND = 200
#: a scoped caller's page and count look at the newest this many entries about the
#: object (a cap like every list's)
MAX_READ = 10_000
#: an entry naming this many targets may have been cut there (``relateMany`` names its
#: first 1,000 ends, and its ``after`` holds every relationship): what it did not name
#: is unknown, so a scoped caller does not read it
CUT = 1000


@dataclass(frozen=True)
class _Target:
    """A node as ``visible`` asks it: its id and labels."""

    id: str
    labels: tuple[str, ...]


def named_in_snapshots(entry: AuditEntryRecord) -> set[str]:
    """The ids an entry's ``before`` and ``after`` name (keys ``id``, ``…Id``, ``…Ids``)."""
    ids: set[str] = set()
    stack: list[Any] = [entry.before, entry.after]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, dict):
            for key, inner in value.items():
                if isinstance(inner, str) and (key == "id" or key.endswith("Id")):
                    ids.add(inner)
                elif key.endswith("Ids") and isinstance(inner, list):
                    ids.update(i for i in inner if isinstance(i, str))
                else:
                    stack.append(inner)
    return ids


async def _readable(db: Database, entries: Iterable[AuditEntryRecord]) -> set[str]:
    """The ids of the entries the (scoped) caller may read. Nodes are asked of their own
    label's rule (their labels read first): the rule of every label at once is far
    slower."""
    wanted = [e for e in entries if len(e.targetIds) < CUT]
    snapshots = {e.id: named_in_snapshots(e) for e in wanted}
    ids = sorted({t for e in wanted for t in e.targetIds} | set().union(*snapshots.values()))
    found = await db.read(Q.NODE_LABELS_BY_IDS, ids=ids)
    existing = {r["id"] for r in found}
    seen = await visible.visible_nodes(
        db, [_Target(r["id"], tuple(r["labels"])) for r in found if r["labels"]]
    )
    seen = existing if seen is None else seen
    return {e.id for e in wanted if set(e.targetIds) <= seen and snapshots[e.id] & existing <= seen}


async def _scan(
    db: Database, target_id: str, after: tuple[Any, str] | None, want: int
) -> list[dict[str, Any]]:
    """Up to ``want`` readable entries about ``target_id`` after ``after``, newest first,
    as stored; at most :data:`MAX_READ` entries are read."""
    kept: list[dict[str, Any]] = []
    read = 0
    while len(kept) < want and read < MAX_READ:
        after_at, after_id = after if after else (None, None)
        limit = min(ROUND, MAX_READ - read)
        rows = [
            r["entry"]
            for r in await db.read(
                Q.AUDIT_LIST, targetId=target_id, afterAt=after_at, afterId=after_id, limit=limit
            )
        ]
        records = [nodes.as_record(AUDIT_ENTRY_SPEC, row) for row in rows]
        readable = await _readable(db, records)
        kept += [row for row, rec in zip(rows, records, strict=True) if rec.id in readable]
        read += len(rows)
        if len(rows) < limit:
            break
        after = (key_text(rows[-1]["at"]), str(rows[-1]["id"]))  # as the page's cursors
    return kept


async def list_entries(db: Database, target_id: str, req: PageRequest) -> Page[AuditEntryRecord]:
    """The page ``req`` of the entries about ``target_id`` the caller may read."""
    if not scoping.is_scoped():
        return await audit_log.list_entries(db, target_id, req)
    kept = await _scan(db, target_id, req.after, req.fetch)
    page = make_page(kept[: req.fetch], req, "at")
    return page.map(lambda entry: nodes.as_record(AUDIT_ENTRY_SPEC, entry))


async def count_entries(db: Database, target_id: str) -> int:
    """How many entries about ``target_id`` the caller may read (of the newest
    :data:`MAX_READ`)."""
    if not scoping.is_scoped():
        return await audit_log.count_entries(db, target_id)
    return len(await _scan(db, target_id, None, MAX_READ))
