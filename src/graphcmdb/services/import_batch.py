"""One import batch: one transaction, one ``UNWIND`` upsert and one audit entry.

Shared by contracts, licenses and installations. The batch re-checks its references
inside the transaction (they were checked for the whole file before the first batch,
but a referenced node may have been deleted since), creates the vendors or products
it names, then upserts. The upsert query returns per row ``key``, ``created``,
``changed``, ``targetIds`` and, for changed rows, ``after``; unchanged rows are not
touched, so replaying a file writes nothing and records no audit entry.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.services import audit
from graphcmdb.services.actor import Actor
from graphcmdb.services.audit import ImportSource, import_note
from graphcmdb.services.bulk import UpsertResult
from graphcmdb.services.row_checks import Prepared, Problem, RowsRefused

#: Problems with the references of rows (indexes into the rows given).
RefCheck = Callable[[Tx, list[Prepared]], Awaitable[list[Problem]]]
#: Creates the referenced nodes that are missing; returns ``{id, name, created}`` each.
Resolve = Callable[[Tx, list[Prepared], datetime], Awaitable[list[Row]]]


@dataclass(frozen=True)
class BatchPlan:
    operation: str  # the audit entry's operation
    upsert: Q
    refs: RefCheck
    resolve: Resolve
    resolved_as: str  # audit key listing the referenced nodes the batch created


async def write_batch(
    db: Database,
    actor: Actor,
    plan: BatchPlan,
    rows: list[Prepared],
    source: ImportSource | None = None,
) -> UpsertResult:
    now = datetime.now(UTC)

    async def work(tx: Tx) -> UpsertResult:
        problems = await plan.refs(tx, rows)
        if problems:
            raise RowsRefused(problems)
        made = [m for m in await plan.resolve(tx, rows, now) if m["created"]]
        written = await tx.run(plan.upsert, rows=rows, now=now)
        created = sum(1 for w in written if w["created"])
        changed = [w for w in written if w["changed"]]
        if changed or made:
            targets = [str(t) for w in changed for t in w["targetIds"]]
            await audit.record(
                tx,
                actor,
                plan.operation,
                targets + [str(m["id"]) for m in made],
                None,
                {
                    "created": created,
                    "updated": len(changed) - created,
                    "unchanged": len(written) - len(changed),
                    "keys": [w["key"] for w in changed],
                    "rows": [w["after"] for w in changed],
                    plan.resolved_as: [m["name"] for m in made],
                }
                | import_note(source),
            )
        ids = [str(w["targetIds"][0]) for w in written]
        return UpsertResult.counted(ids, created, len(changed))

    return await db.write(work)
