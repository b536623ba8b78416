"""Past imports, read back from their audit entries: what the explorer's import page
lists after a run (kind, file, who, when, counts), for the role that imports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.domain.specs import AUDIT_ENTRY_SPEC
from graphcmdb.domain.system_records import AuditEntryRecord, ImportRunRecord
from graphcmdb.errors import ValidationFailed
from graphcmdb.services import nodes

#: every import writer's operation starts so (importCIs, importAssets …)
OPERATION_PREFIX = "import"
#: the most runs one read returns
MAX_RUNS = 100


def _count(after: Mapping[str, Any], key: str) -> int:
    value = after.get(key)
    return value if isinstance(value, int) else 0


def _run(run: str, entries: list[AuditEntryRecord]) -> ImportRunRecord | None:
    """The run of one request's entries (oldest first), from the ``import`` note each
    batch carries (``audit.ImportSource``); None when none carries one (a writer whose
    operation starts with ``import`` but that is no file import)."""
    noted = [
        (e, e.after)
        for e in entries
        if isinstance(e.after, dict) and isinstance(e.after.get("import"), dict)
    ]
    if not noted:
        return None
    last, after = noted[-1]
    note = after["import"]
    assert isinstance(note, dict)
    created = sum(_count(a, "created") for _, a in noted)
    updated = sum(_count(a, "updated") for _, a in noted)
    rows, refused = _count(note, "rows"), _count(note, "refused")
    return ImportRunRecord(
        run=run,
        at=last.at,
        actor=last.actor,
        operation=last.operation,
        kind=str(note.get("kind") or ""),
        fileName=note.get("fileName") if isinstance(note.get("fileName"), str) else None,
        format=note.get("format") if isinstance(note.get("format"), str) else None,
        rows=rows,
        refused=refused,
        created=created,
        updated=updated,
        unchanged=max(0, rows - refused - created - updated),
        batches=len(noted),
        tokenId=last.tokenId,
    )


async def list_runs(db: Database, limit: int) -> list[ImportRunRecord]:
    """The newest ``limit`` imports (1 to :data:`MAX_RUNS`), newest first. An import
    that wrote nothing left no entry, so it is not listed."""
    if not 1 <= limit <= MAX_RUNS:
        raise ValidationFailed(f"first is 1 to {MAX_RUNS}.", field="first")
    found = await db.read(Q.AUDIT_IMPORT_RUNS, prefix=OPERATION_PREFIX, limit=limit)
    runs = (
        _run(str(r["run"]), [nodes.as_record(AUDIT_ENTRY_SPEC, e) for e in r["entries"]])
        for r in found
    )
    return [run for run in runs if run is not None]
