"""Change logging as a write path: the entry is written inside the caller's transaction."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from graphcmdb.db.database import Tx
from graphcmdb.db.queries import Q
from graphcmdb.services.actor import Actor


@dataclass(frozen=True)
class ImportSource:
    """Where an import's rows came from: each audit entry of the import says so under
    ``import`` (the operation names the kind: ``importCIs``, ``importAssets`` …)."""

    kind: str
    #: csv or json; None for rows handed over in code (the demo)
    format: str | None = None
    #: the file's name as the caller gave it (the CLI: the file's own name)
    file_name: str | None = None
    #: rows read, and rows refused before anything was written (``skipInvalid``)
    rows: int = 0
    refused: int = 0

    def details(self) -> dict[str, str | int | None]:
        return {
            "kind": self.kind,
            "fileName": self.file_name,
            "format": self.format,
            "rows": self.rows,
            "refused": self.refused,
        }


def import_note(source: ImportSource | None) -> dict[str, dict[str, str | int | None]]:
    """What a batch's ``after`` adds to name the import it belongs to (nothing outside one)."""
    return {} if source is None else {"import": source.details()}


def _json_default(value: Any) -> str:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def snapshot(value: Any) -> str | None:
    return None if value is None else json.dumps(value, default=_json_default, sort_keys=True)


@dataclass(frozen=True)
class Entry:
    """An audit entry made ready to write (its ``before`` and ``after`` as JSON): a bulk
    writer builds it while the database still runs the batch's writes."""

    actor: Actor
    operation: str
    target_ids: list[str]
    before: str | None
    after: str | None
    #: False: the write changed no relationship at its targets (``Tx.touch``)
    relationships: bool = True

    @classmethod
    def of(
        cls,
        actor: Actor,
        operation: str,
        target_ids: list[str],
        before: Any,
        after: Any,
        relationships: bool = True,
    ) -> Entry:
        return cls(actor, operation, target_ids, snapshot(before), snapshot(after), relationships)

    async def write(self, tx: Tx) -> str:
        """Write it in ``tx``; its targets are versioned at commit (``db/history.py``)."""
        (written,) = await write_many(tx, [self])
        return written


async def write_many(tx: Tx, entries: list[Entry]) -> list[str]:
    """``entries`` (of one actor) in one statement, each an entry of its own (their
    targets versioned at commit): a pass that opens a hundred incidents writes one
    statement, not a hundred round trips."""
    if not entries:
        return []
    actor = entries[0].actor
    assert all(e.actor == actor for e in entries), "one actor per statement"
    for entry in entries:
        tx.touch(entry.target_ids, entry.relationships)
    rows = [
        {
            "id": str(uuid.uuid4()),
            "operation": e.operation,
            "targetIds": e.target_ids,
            "before": e.before,
            "after": e.after,
        }
        for e in entries
    ]
    written = await tx.run(
        Q.AUDIT_WRITE,
        entries=rows,
        actor=actor.label,
        requestId=actor.request_id,
        tokenId=actor.token_id,
        clientRequestId=actor.client_request_id,
    )
    return [str(r["id"]) for r in written]


async def record(
    tx: Tx,
    actor: Actor,
    operation: str,
    target_ids: list[str],
    before: Any = None,
    after: Any = None,
    relationships: bool = True,
) -> str:
    """``relationships=False``: the write changed only the targets' properties."""
    entry = Entry.of(actor, operation, target_ids, before, after, relationships)
    return await entry.write(tx)
