"""Running due schedules, in every API process that shares one Neo4j, each due run once.

Every ``tick`` a :class:`Scheduler` reads the due schedules and tries to *claim* each:
one write transaction that locks the schedule node, checks under the lock that the slot
is still due and nobody holds a live lease, then takes the lease (holder, expiry),
moves the next run to the cron's next slot after now and counts the run. Of several
processes, one claim succeeds; the others find the slot taken and do nothing. The
holder runs the job as a task, renewing its lease while it runs, and records the outcome
(with a report's snapshot) in one transaction that gives the lease back. Missed slots
(the service was down) make one run, not one per slot. A job still running when its
next slot comes keeps that slot waiting until it ends. A holder that dies leaves its
lease to lapse after ``schedule_lease_s``; its run stays RUNNING and is not retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import os
import socket
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from graphcmdb import opsmetrics
from graphcmdb.config import Settings
from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.discovery import runs
from graphcmdb.discovery.runs import SOURCE_SNMP, SnmpScanner
from graphcmdb.domain.schedule_models import (
    ScheduledReport,
    ScheduleKind,
    ScheduleOutcome,
    ScheduleRecord,
    next_run,
)
from graphcmdb.errors import CmdbError
from graphcmdb.graph.enums import DiscoveryRunState
from graphcmdb.services import (
    audit,
    data_quality,
    discovery,
    discovery_credentials,
    discovery_runs,
    expiring,
    staleness,
)
from graphcmdb.services.actor import Actor, system_actor
from graphcmdb.services.background_loop import run_turns
from graphcmdb.services.schedules import as_schedule

log = logging.getLogger("graphcmdb.schedules")

#: due schedules looked at per tick (the rest wait for the next)
DUE_PER_TICK = 100
Clock = Callable[[], datetime]


@dataclasses.dataclass(frozen=True)
class Outcome:
    outcome: ScheduleOutcome
    message: str | None = None
    result_id: str | None = None
    #: a report's snapshot, written with the outcome
    snapshot: dict[str, Any] | None = None


def holder_name() -> str:
    """This scheduler's name in leases: host, process and a random part (two schedulers
    in one process are two holders)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _json(value: Any) -> str:
    return json.dumps(value, default=str, sort_keys=True)


async def _report(db: Database, settings: Settings, schedule: ScheduleRecord) -> Outcome:
    """The report's headline figures as a snapshot (the full report stays a query)."""
    now = datetime.now(UTC)
    summary: dict[str, Any]
    if schedule.report is ScheduledReport.DATA_QUALITY:
        q = await data_quality.data_quality(db, staleness.policy_of(settings), now)
        summary = {
            "total": q.total,
            "complete": q.complete,
            "completeness": q.completeness,
            "duplicateSuspects": q.duplicate_suspects,
            "withoutAsset": q.without_asset,
            "staleCIs": q.stale_cis,
            "staleLinks": q.stale_links,
            "assetsWithoutCI": q.assets_without_ci,
        }
    else:
        items = await expiring.expiring(db, schedule.withinDays, [], now.date())
        summary = {
            "withinDays": schedule.withinDays,
            "count": len(items),
            "noticePassed": sum(1 for i in items if i.notice_passed),
            "byKind": {k: sum(1 for i in items if i.kind == k) for k in {i.kind for i in items}},
            "items": [
                {"kind": i.kind, "id": i.id, "reference": i.reference, "endDate": i.end_date}
                for i in items[:200]
            ],
        }
    snapshot_id = str(uuid.uuid4())
    report = schedule.report.value if schedule.report else "?"
    snapshot = {
        "id": snapshot_id,
        "name": f"{report} {now:%Y-%m-%d %H:%M}",
        "report": report,
        "scheduleId": schedule.id,
        "takenAt": now,
        "summary": _json(summary),
    }
    return Outcome(ScheduleOutcome.SUCCEEDED, None, snapshot_id, snapshot)


class Scheduler:
    """One process's scheduler loop (``start``/``stop``, or ``tick`` from a test)."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        scanner: SnmpScanner | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.db, self.settings = db, settings
        self.scanner = scanner
        self.clock = clock or (lambda: datetime.now(UTC))
        self.holder = holder_name()
        self.lease = timedelta(seconds=settings.schedule_lease_s)
        self.jobs: set[asyncio.Task[None]] = set()
        self._loop: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()

    def start(self) -> None:
        every = self.settings.scheduler_tick_s
        turns = run_turns(self.tick, self._stopping, every, log, "scheduler tick")
        self._loop = asyncio.create_task(turns, name=f"scheduler-{self.holder}")

    async def stop(self) -> None:
        """Stop looking; jobs in progress are cancelled (a discovery run ends FAILED)."""
        self._stopping.set()
        tasks = [t for t in (self._loop, *self.jobs) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def tick(self) -> list[ScheduleRecord]:
        """Claim what is due and start it; returns the schedules this process claimed."""
        now = self.clock()
        rows = await self.db.read(Q.SCHEDULE_DUE, now=now, limit=DUE_PER_TICK)
        claimed = []
        for row in rows:
            schedule = await self.claim(as_schedule(row["schedule"]), now)
            if schedule is not None:
                claimed.append(schedule)
                task = asyncio.create_task(self._job(schedule), name=f"schedule-{schedule.id}")
                self.jobs.add(task)
                task.add_done_callback(self.jobs.discard)
        return claimed

    async def claim(self, seen: ScheduleRecord, now: datetime) -> ScheduleRecord | None:
        """The schedule with this process's lease, or None when another took the slot."""
        params = {
            "id": seen.id,
            "now": now,
            "cron": seen.cron,
            "runCount": seen.runCount,
            "holder": self.holder,
            "until": now + self.lease,
            "next": next_run(seen.cron, now),
        }

        async def work(tx: Tx) -> ScheduleRecord | None:
            row = await tx.one(Q.SCHEDULE_CLAIM, **params)
            if row is None:
                return None
            schedule = as_schedule(row["schedule"])
            after = {"holder": self.holder, "run": schedule.runCount}
            await audit.record(
                tx, self.actor(schedule), "startScheduledRun", [seen.id], None, after
            )
            return schedule

        return await self.db.write(work)

    @staticmethod
    def actor(schedule: ScheduleRecord) -> Actor:
        return system_actor(f"schedule:{schedule.name}")

    async def _job(self, schedule: ScheduleRecord) -> None:
        renewer = asyncio.create_task(self._renew(schedule.id))
        try:
            outcome = await self._run(schedule)
        except asyncio.CancelledError:
            outcome = Outcome(ScheduleOutcome.FAILED, "cancelled: the server stopped")
            renewer.cancel()
            await asyncio.shield(self._finish(schedule, outcome))
            raise
        except Exception as exc:
            log.exception("schedule %s failed", schedule.name)
            message = exc.message if isinstance(exc, CmdbError) else f"{type(exc).__name__}: {exc}"
            outcome = Outcome(ScheduleOutcome.FAILED, message[:500])
        renewer.cancel()
        await self._finish(schedule, outcome)

    async def _run(self, schedule: ScheduleRecord) -> Outcome:
        if schedule.kind is ScheduleKind.REPORT:
            return await _report(self.db, self.settings, schedule)
        return await self._discover(schedule)

    async def _discover(self, schedule: ScheduleRecord) -> Outcome:
        """A discovery run as ``startDiscovery`` makes one, awaited here."""
        targets = discovery.check_request(schedule.targets, schedule.concurrency)
        credentials = await discovery_credentials.credentials_for_run(
            self.db, schedule.credentialSet or ""
        )
        discovery_credentials.check_targets(credentials, targets)
        scanner = self.scanner or runs.load_scanner()
        scan = runs.bind_scanner(scanner, credentials, schedule.concurrency)
        actor = self.actor(schedule)
        settings = {
            "credentialSet": credentials.name,
            "concurrency": schedule.concurrency,
            "dryRun": False,
        }
        run = await discovery_runs.create_run(self.db, actor, targets, SOURCE_SNMP, settings)
        try:
            done = await discovery.run_discovery(self.db, actor, targets, scan, run_id=run.id)
        except CmdbError as exc:
            return Outcome(ScheduleOutcome.FAILED, exc.message, run.id)
        if done.state is DiscoveryRunState.DONE:
            return Outcome(ScheduleOutcome.SUCCEEDED, None, run.id)
        return Outcome(ScheduleOutcome.FAILED, done.message, run.id)

    async def _renew(self, schedule_id: str) -> None:
        while True:
            await asyncio.sleep(self.lease.total_seconds() / 3)
            until = self.clock() + self.lease

            async def work(tx: Tx, until: datetime = until) -> None:
                await tx.run(Q.SCHEDULE_RENEW, id=schedule_id, holder=self.holder, until=until)

            try:
                await self.db.write(work)
            except CmdbError as exc:
                log.warning("lease of schedule %s not renewed: %s", schedule_id, exc.message)

    async def _finish(self, schedule: ScheduleRecord, outcome: Outcome) -> None:
        """The outcome (and a report's snapshot) recorded, the lease given back, audited:
        one transaction."""
        params = {
            "id": schedule.id,
            "holder": self.holder,
            "outcome": outcome.outcome.value,
            "message": outcome.message,
            "resultId": outcome.result_id,
        }

        async def work(tx: Tx) -> None:
            if outcome.snapshot is not None:
                await tx.run(
                    Q.SCHEDULE_SNAPSHOT_CREATE, id=outcome.snapshot["id"], props=outcome.snapshot
                )
            row = await tx.one(Q.SCHEDULE_FINISH, **params)
            after = {k: v for k, v in params.items() if k != "id"} | {"run": schedule.runCount}
            if row is None:
                after["note"] = "the schedule was deleted, or its lease lapsed, during the run"
            targets = [schedule.id] + ([outcome.result_id] if outcome.result_id else [])
            await audit.record(tx, self.actor(schedule), "finishScheduledRun", targets, None, after)

        try:
            await self.db.write(work)
        except CmdbError as exc:
            log.error(
                "the end of schedule %s's run was not recorded: %s", schedule.name, exc.message
            )
        opsmetrics.SCHEDULE_RUNS.labels(
            schedule.kind.value.lower(), outcome.outcome.value.lower()
        ).inc()
