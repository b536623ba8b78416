"""Two API processes (``graphcmdb serve``, each its own scheduler and driver) share one
Neo4j: every due run of every schedule happens exactly once, in one or the other, two
rounds over; their ``/metrics`` add up to the same count."""

from __future__ import annotations

import os
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

from graphcmdb.config import Settings
from graphcmdb.db.database import Database, neo4j_auth
from graphcmdb.domain.schedule_models import ScheduleCreate
from graphcmdb.services import schedules
from graphcmdb.services.actor import system_actor
from tests.api.loopback_daemon import daemon
from tests.api.slow_paths import until
from tests.api.test_metrics import sample

SCHEDULES = 12


@asynccontextmanager
async def api_process(settings: Settings) -> AsyncIterator[str]:
    """``graphcmdb serve`` in a process of its own, scheduler ticking every 0.1 s."""
    user, password = neo4j_auth(settings)
    env = dict(
        os.environ,
        GRAPHCMDB_NEO4J_URI=settings.bolt_uri,
        GRAPHCMDB_NEO4J_USER=user,
        GRAPHCMDB_NEO4J_PASSWORD=password,
        GRAPHCMDB_SCHEDULER_TICK_S="0.1",
        GRAPHCMDB_EXPENSIVE_WORKER="false",
        GRAPHCMDB_LOG_FORMAT="text",
    )

    def prepare(workdir: Path, port: int) -> list[str]:
        env.update(GRAPHCMDB_STATE_DIR=str(workdir), GRAPHCMDB_PORT=str(port))
        return [sys.executable, "-m", "graphcmdb.cli.main", "serve"]

    async with daemon("graphcmdb-serve", prepare, ready_path="/readyz", env=env, stop_s=20) as base:
        yield base


async def runs_by_schedule(db: Database) -> dict[str, tuple[int, str | None]]:
    rows = await db.run_raw(
        "MATCH (s:Schedule) RETURN s.id AS id, s.runCount AS n, s.lastOutcome AS o"
    )
    return {r["id"]: (r["n"], r["o"]) for r in rows}


async def test_two_api_processes_run_each_due_run_exactly_once(
    settings: Settings, db: Database
) -> None:
    admin = system_actor("test")
    for n in range(SCHEDULES):
        data = ScheduleCreate(
            name=f"report {n}", kind="REPORT", cron="0 0 1 1 *", report="DATA_QUALITY"
        )
        await schedules.create_schedule(db, admin, data)
    async with AsyncExitStack() as stack:
        apis = [await stack.enter_async_context(api_process(settings)) for _ in "ab"]
        for round_ in (1, 2):
            await db.run_raw(
                "MATCH (s:Schedule) SET s.nextRunAt = $at",
                at=datetime.now(UTC) - timedelta(seconds=1),
            )

            async def all_ran(expected: int = round_) -> bool:
                found = await runs_by_schedule(db)
                return all(n >= expected and o == "SUCCEEDED" for n, o in found.values())

            await until(all_ran, f"round {round_}: every schedule ran")
            assert set((await runs_by_schedule(db)).values()) == {(round_, "SUCCEEDED")}
        scraped = 0.0
        for api in apis:
            async with httpx.AsyncClient(base_url=api) as client:
                text = (await client.get("/metrics")).text  # loopback: no token needed
            runs = "graphcmdb_schedule_runs_total"
            scraped += sample(text, runs, kind="report", outcome="succeeded")
    assert scraped == 2 * SCHEDULES
    counts = await db.run_raw(
        "MATCH (a:AuditEntry) WHERE a.operation IN ['startScheduledRun', 'finishScheduledRun'] "
        "RETURN a.operation AS op, count(*) AS n ORDER BY op"
    )
    assert {r["op"]: r["n"] for r in counts} == {
        "finishScheduledRun": 2 * SCHEDULES,
        "startScheduledRun": 2 * SCHEDULES,
    }
    snapshots = await db.run_raw(
        "MATCH (r:ReportSnapshot) RETURN r.scheduleId AS id, count(*) AS n"
    )
    assert len(snapshots) == SCHEDULES
    assert {r["n"] for r in snapshots} == {2}
