"""The history of an object as a caller with scopes may read it.

An audit entry names every node it touched: a relationship's two ends, both CIs of a
merge. A token with scopes reads only the entries whose every target it sees; an entry
that names a hidden node (or one since deleted, which no scope shows), or whose list of
targets may have been cut, is left out of the page and of the count. A caller without
scopes reads the whole history, one statement as before (``audit_log``).
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
from graphcmdb.services.paging import Page, PageRequest, make_page

#: entries read per round while a page is filled with readable ones
ROUND = 200
#: at most this many entries about one object are read for one page or one count (a
#: cap like every list's; an object's history is rarely a thousandth of it)
MAX_READ = 100_000
#: an entry naming this many targets may have been cut there (``relateMany`` names its
#: first 1,000 ends, and its ``after`` holds every relationship): what it did not name
#: is unknown, so a scoped caller does not read it
CUT = 1000


@dataclass(frozen=True)
class _Target:
    """An entry's target as ``visible`` asks it: its id and labels."""

    id: str
    labels: tuple[str, ...]


async def _seen(db: Database, targets: Iterable[list[str]]) -> set[str]:
    """The targets the (scoped) caller sees. Their labels are read first, so each is asked
    of its own label's rule: the rule of every label at once is far slower. A target no
    longer in the graph has no labels and is not seen."""
    ids = sorted({t for names in targets for t in names})
    found = await db.read(Q.NODE_LABELS_BY_IDS, ids=ids)
    seen = await visible.visible_nodes(
        db, [_Target(r["id"], tuple(r["labels"])) for r in found if r["labels"]]
    )
    return set(ids) if seen is None else seen


def _readable(targets: list[str], seen: set[str]) -> bool:
    return len(targets) < CUT and set(targets) <= seen


def _key(entry: dict[str, Any]) -> tuple[str, str]:
    at = entry["at"]
    return (at.isoformat() if hasattr(at, "isoformat") else str(at), str(entry["id"]))


async def list_entries(db: Database, target_id: str, req: PageRequest) -> Page[AuditEntryRecord]:
    """The page ``req`` of the entries about ``target_id`` the caller may read."""
    if not scoping.is_scoped():
        return await audit_log.list_entries(db, target_id, req)
    kept: list[dict[str, Any]] = []
    after, read = req.after, 0
    while len(kept) < req.fetch and read < MAX_READ:
        after_at, after_id = after if after else (None, None)
        rows = [
            r["entry"]
            for r in await db.read(
                Q.AUDIT_LIST, targetId=target_id, afterAt=after_at, afterId=after_id, limit=ROUND
            )
        ]
        seen = await _seen(db, (r["targetIds"] for r in rows))
        kept += [r for r in rows if _readable(r["targetIds"], seen)]
        read += len(rows)
        if len(rows) < ROUND:
            break
        after = _key(rows[-1])
    page = make_page(kept[: req.fetch], req, "at")
    return page.map(lambda entry: nodes.as_record(AUDIT_ENTRY_SPEC, entry))


async def count_entries(db: Database, target_id: str) -> int:
    """How many entries about ``target_id`` the caller may read."""
    if not scoping.is_scoped():
        return await audit_log.count_entries(db, target_id)
    targets = [
        list(r["targetIds"])
        for r in await db.read(Q.AUDIT_TARGETS, targetId=target_id, limit=MAX_READ)
    ]
    seen = await _seen(db, targets)
    return sum(_readable(names, seen) for names in targets)
