"""Discovery runs end to end: create the run, scan, reconcile, finish; in the background.

``run_discovery`` is the whole job for any scan function (tests inject one that returns
hand-built observations). ``start_discovery`` resolves a named credential set and the
SNMP scanner, creates the run and lets ``run_discovery`` continue as an asyncio task, so
the API answers at once and clients follow ``discoveryRun(id)``.

Progress reports are cheap synchronous callbacks (the scanner calls them per target);
a ticker writes the latest one to the run node at most every ``PROGRESS_INTERVAL_S``.
A run that raises, or whose task is cancelled, ends FAILED with the reason and the
counts so far; every device it wrote is complete (see ``discovery_reconcile``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from graphcmdb import opsmetrics
from graphcmdb.db.database import Database, Rehearsal
from graphcmdb.db.queries import Q
from graphcmdb.discovery import runs
from graphcmdb.discovery.runs import (
    SOURCE_SNMP,
    Phase,
    Progress,
    ProgressFn,
    ProgressListener,
    RunCounts,
    RunError,
    ScanFn,
)
from graphcmdb.domain.system_records import DiscoveryRunRecord
from graphcmdb.errors import CmdbError, Forbidden, LimitExceeded, NotFound, ValidationFailed
from graphcmdb.graph.enums import DiscoveryRunState, Permission
from graphcmdb.services import discovery_credentials, discovery_runs
from graphcmdb.services.actor import Actor
from graphcmdb.services.discovery_reconcile import reconcile

log = logging.getLogger("graphcmdb.discovery")

PROGRESS_INTERVAL_S = 0.5
MAX_TARGETS = 4096
MAX_CONCURRENCY = 256
DEFAULT_CONCURRENCY = 16
#: a RUNNING run whose progress has not moved for this long, and that no task of this
#: process runs, is closed as abandoned at start-up (the ticker writes progress as it moves)
ABANDONED_AFTER = timedelta(minutes=5)


class ProgressRecorder:
    """Keeps the latest progress; ``tick`` writes it to the run node when it moved."""

    def __init__(self, db: Database, run_id: str, listener: ProgressListener | None) -> None:
        self.db = db
        self.run_id = run_id
        self.listener = listener
        self.latest: Progress | None = None
        self.written: Progress | None = None

    def reporter(self, phase: Phase) -> ProgressFn:
        def report(done: int, total: int) -> None:
            self.latest = Progress(phase, done, total)
            if self.listener is not None:
                self.listener(self.latest)

        return report

    async def flush(self) -> None:
        latest = self.latest
        if latest is not None and latest != self.written:
            await discovery_runs.record_progress(self.db, self.run_id, latest)
            self.written = latest

    async def tick(self) -> None:
        while True:
            await asyncio.sleep(PROGRESS_INTERVAL_S)
            try:
                await self.flush()
            except CmdbError as exc:  # progress is best effort; the run itself goes on
                log.warning("discovery run %s: progress not recorded: %s", self.run_id, exc)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, asyncio.CancelledError):
        return "cancelled"
    if isinstance(exc, CmdbError):
        return exc.message
    return f"{type(exc).__name__}: {exc}"[:500]


async def run_discovery(
    db: Database,
    actor: Actor,
    targets: Sequence[str],
    scan: ScanFn,
    progress: ProgressListener | None = None,
    *,
    run_id: str | None = None,
    source: str = SOURCE_SNMP,
    dry_run: bool = False,
) -> DiscoveryRunRecord:
    """Scan ``targets``, reconcile what was seen, and return the finished run.

    Pass ``run_id`` to continue a run created by :func:`start_discovery`; otherwise one
    is created. Audit entries of the run carry the run id as their request id.
    """
    if run_id is None:
        settings = {"dryRun": dry_run}
        run_id = (await discovery_runs.create_run(db, actor, targets, source, settings)).id
    actor = replace(actor, request_id=run_id)
    with opsmetrics.DISCOVERY_RUNNING.track_inprogress():
        return await _run(db, actor, targets, scan, progress, run_id, source, dry_run)


async def _run(
    db: Database,
    actor: Actor,
    targets: Sequence[str],
    scan: ScanFn,
    progress: ProgressListener | None,
    run_id: str,
    source: str,
    dry_run: bool,
) -> DiscoveryRunRecord:
    recorder = ProgressRecorder(db, run_id, progress)
    ticker = asyncio.create_task(recorder.tick())
    counts = RunCounts()
    try:
        result = await scan(list(targets), progress=recorder.reporter(Phase.SCANNING))
        counts.failures.extend(RunError.of(f) for f in result.failures)
        recorder.reporter(Phase.RECONCILING)(0, len(result.observations))
        await reconcile(
            Rehearsal(db) if dry_run else db,  # a preview: every device write rolls back
            actor,
            result.observations,
            run_id,
            source=source,
            progress=recorder.reporter(Phase.RECONCILING),
            counts=counts,
            targets=targets,
        )
        ticker.cancel()
        await recorder.flush()
    except BaseException as exc:
        ticker.cancel()
        opsmetrics.DISCOVERY_RUNS.labels("failed").inc()
        await _fail(db, actor, run_id, counts, exc)
        raise
    done = await discovery_runs.finish_run(db, actor, run_id, DiscoveryRunState.DONE, counts)
    opsmetrics.DISCOVERY_RUNS.labels("done").inc()
    return done


async def _fail(
    db: Database, actor: Actor, run_id: str, counts: RunCounts, exc: BaseException
) -> None:
    """Record FAILED even while being cancelled; never hide the original error."""
    finish = discovery_runs.finish_run(
        db, actor, run_id, DiscoveryRunState.FAILED, counts, _reason(exc)
    )
    try:
        await asyncio.shield(finish)
    except Exception:  # the database may be what failed: log, and raise the original
        log.exception("could not record the failure of discovery run %s", run_id)


class RunningDiscoveries:
    """This process's background runs by id (a task needs a strong reference)."""

    def __init__(self) -> None:
        self._tasks: dict[str, asyncio.Task[None]] = {}

    def start(self, run_id: str, job: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(job, name=f"discovery-{run_id}")
        self._tasks[run_id] = task
        task.add_done_callback(lambda _: self._tasks.pop(run_id, None))

    def get(self, run_id: str) -> asyncio.Task[None] | None:
        return self._tasks.get(run_id)

    async def cancel(self, run_id: str) -> bool:
        task = self._tasks.get(run_id)
        if task is None:
            return False
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return True


RUNNING = RunningDiscoveries()


def check_request(targets: Sequence[str], concurrency: int) -> list[str]:
    cleaned = [t.strip() for t in targets]
    if not cleaned or any(not t or len(t) > 200 for t in cleaned):
        raise ValidationFailed(
            "targets must be 1 or more addresses, ranges or host names of at most 200 "
            "characters each.",
            field="targets",
        )
    if len(cleaned) > MAX_TARGETS:
        raise LimitExceeded(
            f"At most {MAX_TARGETS} targets per run (a CIDR range counts as one).",
            field="targets",
            limit=MAX_TARGETS,
        )
    if not 1 <= concurrency <= MAX_CONCURRENCY:
        raise ValidationFailed(
            f"concurrency must be between 1 and {MAX_CONCURRENCY}.", field="concurrency"
        )
    return cleaned


async def _in_background(
    db: Database, actor: Actor, targets: list[str], scan: ScanFn, run_id: str, dry_run: bool
) -> None:
    try:
        await run_discovery(db, actor, targets, scan, run_id=run_id, dry_run=dry_run)
    except Exception:  # recorded on the run as FAILED; the log keeps the traceback
        log.exception("discovery run %s failed", run_id)


async def start_discovery(
    db: Database,
    actor: Actor,
    targets: Sequence[str],
    credential_set: str,
    concurrency: int = DEFAULT_CONCURRENCY,
    dry_run: bool = False,
) -> DiscoveryRunRecord:
    """Create a RUNNING run and continue it in the background; returns the run. A
    ``dry_run`` scans and identifies every device through the same code, each device's
    transaction rolled back: its counts and failures are the plan, the graph unchanged
    (two targets of one new device both count as new: the first one's write is gone)."""
    if not actor.may(Permission.DISCOVERY):
        raise Forbidden(
            f"Starting a scan needs the {Permission.DISCOVERY.value} permission; "
            f"'{actor.name}' does not have it.",
            needed=Permission.DISCOVERY.value,
        )
    cleaned = check_request(targets, concurrency)
    credentials = await discovery_credentials.credentials_for_run(db, credential_set)
    discovery_credentials.check_targets(credentials, cleaned)
    scan = runs.bind_scanner(runs.load_scanner(), credentials, concurrency)
    settings = {"credentialSet": credentials.name, "concurrency": concurrency, "dryRun": dry_run}
    run = await discovery_runs.create_run(db, actor, cleaned, SOURCE_SNMP, settings)
    run_id = run.id
    RUNNING.start(run_id, _in_background(db, actor, cleaned, scan, run_id, dry_run))
    return run


async def cancel_discovery(db: Database, actor: Actor, run_id: str) -> DiscoveryRunRecord:
    """Cancel a run; it ends FAILED. A RUNNING run no process runs any more (the server
    stopped during it) is closed as FAILED too, so it does not stay RUNNING for ever."""
    if not await RUNNING.cancel(run_id):
        run = (await discovery_runs.get_runs(db, [run_id])).get(run_id)
        if run is None:
            raise NotFound("DiscoveryRun", [run_id])
        if run.state is DiscoveryRunState.RUNNING:
            await _abandon(db, actor, run_id)
    return (await discovery_runs.get_runs(db, [run_id]))[run_id]


async def _abandon(db: Database, actor: Actor, run_id: str) -> None:
    message = "abandoned: no server process is running it any more"
    opsmetrics.DISCOVERY_RUNS.labels("abandoned").inc()
    await discovery_runs.finish_run(
        db, actor, run_id, DiscoveryRunState.FAILED, RunCounts(), message
    )


async def close_abandoned_runs(
    db: Database, actor: Actor, quiet_for: timedelta = ABANDONED_AFTER
) -> list[str]:
    """Close as FAILED "abandoned" the RUNNING runs no task of this process runs and
    whose progress has not moved for ``quiet_for`` (a fresh one may belong to another
    live process). Called at API start-up; returns the ids closed."""
    before = datetime.now(UTC) - quiet_for
    stale = [r["id"] for r in await db.read(Q.DISCOVERY_RUN_STALE, before=before)]
    closed = [run_id for run_id in stale if RUNNING.get(run_id) is None]
    for run_id in closed:
        await _abandon(db, actor, run_id)
    if closed:
        log.warning("closed %d abandoned discovery run(s): %s", len(closed), ", ".join(closed))
    return closed
