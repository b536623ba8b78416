"""``DiscoveryRun`` nodes: created RUNNING, progress while running, finished DONE or FAILED.

The start and the end of a run are audited (who started what, and its counts); the
progress ticks in between are bookkeeping of the run node itself and are not.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from graphcmdb.db.database import Database, Row, Tx
from graphcmdb.db.queries import Q
from graphcmdb.discovery.runs import Progress, RunCounts
from graphcmdb.domain.specs import DISCOVERY_RUN_SPEC
from graphcmdb.domain.system_records import DiscoveryRunRecord
from graphcmdb.graph.enums import DiscoveryRunState
from graphcmdb.services import audit, nodes
from graphcmdb.services.actor import Actor
from graphcmdb.services.paging import Page, PageRequest

#: failures kept on the run node (a /16 sweep has 65k unreachable targets); counts stay exact
MAX_STORED_FAILURES = 1000


def _decoded(run: Row) -> Row:
    """A run row with its failures parsed back from JSON (what the audit entry keeps)."""
    return dict(run) | {"failures": [json.loads(f) for f in run.get("failures") or []]}


async def create_run(
    db: Database,
    actor: Actor,
    targets: Sequence[str],
    source: str,
    settings: dict[str, Any] | None = None,
) -> DiscoveryRunRecord:
    """A RUNNING run; ``settings`` (credential set name, concurrency) are recorded on it."""
    run_id = str(uuid.uuid4())
    now = datetime.now(UTC)
    props = {
        "name": f"{source} discovery {now:%Y-%m-%d %H:%M:%S}",
        "source": source,
        "targets": list(targets),
        "startedBy": actor.label,
        **(settings or {}),
    }

    async def work(tx: Tx) -> DiscoveryRunRecord:
        row = await tx.one(Q.DISCOVERY_RUN_CREATE, id=run_id, props=props, now=now)
        assert row is not None
        run = _decoded(row["run"])
        await audit.record(tx, actor, "startDiscovery", [run_id], None, run)
        return nodes.as_record(DISCOVERY_RUN_SPEC, run)

    return await db.write(work)


async def record_progress(db: Database, run_id: str, progress: Progress) -> None:
    async def work(tx: Tx) -> None:
        await tx.run(
            Q.DISCOVERY_RUN_PROGRESS,
            id=run_id,
            phase=progress.phase.value,
            done=progress.done,
            total=progress.total,
        )

    await db.write(work)


async def finish_run(
    db: Database,
    actor: Actor,
    run_id: str,
    state: DiscoveryRunState,
    counts: RunCounts,
    message: str | None = None,
) -> DiscoveryRunRecord:
    props = counts.props(MAX_STORED_FAILURES) | {"state": state.value, "message": message}

    async def work(tx: Tx) -> DiscoveryRunRecord:
        row = await tx.one(Q.DISCOVERY_RUN_FINISH, id=run_id, props=props, now=datetime.now(UTC))
        assert row is not None
        run = _decoded(row["run"])
        after = {k: run.get(k) for k in (*props, "finishedAt")} | {"failures": run["failures"]}
        await audit.record(tx, actor, "finishDiscovery", [run_id], None, after)
        return nodes.as_record(DISCOVERY_RUN_SPEC, run)

    return await db.write(work)


async def get_runs(db: Database, ids: list[str]) -> dict[str, DiscoveryRunRecord]:
    """The runs found, by id; the record parses the stored failures."""
    return await nodes.get_many(db, DISCOVERY_RUN_SPEC, ids)


async def list_runs(db: Database, req: PageRequest) -> Page[DiscoveryRunRecord]:
    return await nodes.list_page(db, DISCOVERY_RUN_SPEC, {}, req)


async def count_runs(db: Database) -> int:
    return await nodes.count(db, DISCOVERY_RUN_SPEC, {})
