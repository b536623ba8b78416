"""Schedules over GraphQL (who may write which kind, cron validation, run now, audit)
and one scheduler running them: a report snapshot, a discovery run with a fake scanner,
each run recorded on the schedule and audited."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from graphcmdb.db.database import Database
from graphcmdb.discovery.credential_sets import CredentialSetCreate
from graphcmdb.discovery.observation import ScanResult
from graphcmdb.discovery.runs import ProgressFn
from graphcmdb.services import discovery_credentials, schedules
from graphcmdb.services.actor import system_actor
from graphcmdb.services.schedule_runner import Scheduler
from tests.api.slow_paths import until
from tests.conftest import GQL

FIELDS = "id name kind cron enabled nextRunAt lastRunAt lastOutcome lastMessage lastResultId runCount runningOn"
CREATE = f"mutation($i: ScheduleInput!) {{ createSchedule(input: $i) {{ {FIELDS} }} }}"
REPORT = {
    "name": "nightly quality",
    "kind": "REPORT",
    "cron": "0 2 * * *",
    "report": "DATA_QUALITY",
}
SCAN = {
    "name": "lab sweep",
    "kind": "DISCOVERY",
    "cron": "*/30  * * * *",
    "targets": ["10.9.0.0/30"],
    "credentialSet": "lab",
}


async def audit_ops(db: Database, target: str) -> list[str]:
    rows = await db.run_raw(
        "MATCH (a:AuditEntry) WHERE $id IN a.targetIds RETURN a.operation AS op ORDER BY a.at",
        id=target,
    )
    return [r["op"] for r in rows]


async def make_due(db: Database, schedule_id: str) -> None:
    await db.run_raw(
        "MATCH (s:Schedule {id: $id}) SET s.nextRunAt = $at",
        id=schedule_id,
        at=datetime.now(UTC) - timedelta(seconds=1),
    )


async def test_who_may_write_which_schedule(
    admin_gql: GQL, editor_gql: GQL, scan_gql: GQL, viewer_gql: GQL, db: Database
) -> None:
    report = (await admin_gql(CREATE, {"i": REPORT}))["createSchedule"]
    assert report["kind"] == "REPORT"
    assert report["runCount"] == 0
    assert datetime.fromisoformat(report["nextRunAt"]).strftime("%H:%M") == "02:00"
    # an editor who may scan writes discovery schedules, and only those
    scan = (await scan_gql(CREATE, {"i": SCAN}))["createSchedule"]
    assert scan["cron"] == "*/30 * * * *"
    refused = await scan_gql.error(CREATE, {"i": REPORT | {"name": "other"}})
    assert refused["extensions"]["code"] == "FORBIDDEN"
    refused = await editor_gql.error(CREATE, {"i": SCAN | {"name": "other"}})
    assert refused["extensions"]["code"] == "FORBIDDEN"
    assert (await viewer_gql.error("{ schedules { id } }"))["extensions"]["code"] == "FORBIDDEN"
    delete = "mutation($id: ID!) { deleteSchedule(id: $id) }"
    refused = await scan_gql.error(delete, {"id": report["id"]})
    assert refused["extensions"]["code"] == "FORBIDDEN"
    bad = await admin_gql.error(CREATE, {"i": REPORT | {"name": "x", "cron": "61 * * * *"}})
    assert "cron" in bad["message"]
    bad = await admin_gql.error(CREATE, {"i": REPORT | {"name": "y", "cron": "* * * *"}})
    assert "5 fields" in bad["message"]
    duplicate = await admin_gql.error(CREATE, {"i": REPORT})
    assert duplicate["extensions"]["code"] == "DUPLICATE"

    update = "mutation($id: ID!, $i: ScheduleInput!) { updateSchedule(id: $id, input: $i) { cron nextRunAt } }"
    moved = await scan_gql(update, {"id": scan["id"], "i": SCAN | {"cron": "15 4 * * 1"}})
    assert moved["updateSchedule"]["cron"] == "15 4 * * 1"
    now = "mutation($id: ID!) { runScheduleNow(id: $id) { nextRunAt } }"
    due = await scan_gql(now, {"id": scan["id"]})
    assert datetime.fromisoformat(due["runScheduleNow"]["nextRunAt"]) <= datetime.now(UTC)
    assert await scan_gql(delete, {"id": scan["id"]}) == {"deleteSchedule": scan["id"]}
    ops = await audit_ops(db, scan["id"])
    assert ops == ["createSchedule", "updateSchedule", "runScheduleNow", "deleteSchedule"]
    listed = await admin_gql("{ schedules { name } }")
    assert listed["schedules"] == [{"name": "nightly quality"}]


async def test_a_due_report_schedule_runs_once_and_keeps_a_snapshot(
    admin_gql: GQL, viewer_gql: GQL, db: Database
) -> None:
    schedule = (await admin_gql(CREATE, {"i": REPORT}))["createSchedule"]
    scheduler = Scheduler(db, db.settings)
    assert await scheduler.tick() == []  # not due yet
    await make_due(db, schedule["id"])
    [claimed] = await scheduler.tick()
    assert claimed.leaseHolder == scheduler.holder
    assert await scheduler.tick() == []  # its slot is taken: nothing runs twice

    async def finished() -> dict[str, Any] | None:
        found = await admin_gql(
            "query($id: ID!) { schedule(id: $id) { " + FIELDS + " } }", {"id": schedule["id"]}
        )
        s = found["schedule"]
        return s if s["lastOutcome"] == "SUCCEEDED" else None

    await until(finished, "the report run finished")
    done = await finished()
    assert done is not None
    assert done["runCount"] == 1
    assert done["runningOn"] is None
    assert datetime.fromisoformat(done["nextRunAt"]) > datetime.now(UTC)  # the next slot
    snapshots = await viewer_gql("{ reportSnapshots { id report scheduleId summary } }")
    [snapshot] = snapshots["reportSnapshots"]
    assert snapshot["id"] == done["lastResultId"]
    assert snapshot["report"] == "DATA_QUALITY"
    assert snapshot["scheduleId"] == schedule["id"]
    assert snapshot["summary"]["total"] == 0
    ops = await audit_ops(db, schedule["id"])
    assert ops == ["createSchedule", "startScheduledRun", "finishScheduledRun"]
    await scheduler.stop()


class FakeScanner:
    def __init__(self) -> None:
        self.scanned: list[list[str]] = []

    async def __call__(
        self, targets: Sequence[str], *, credentials: Any, concurrency: int, progress: ProgressFn
    ) -> ScanResult:
        self.scanned.append(list(targets))
        return ScanResult()


async def test_a_discovery_schedule_runs_a_discovery_and_records_its_outcome(
    scan_gql: GQL, db: Database
) -> None:
    lab = CredentialSetCreate.model_validate(
        {"name": "lab", "version": "V2C", "community": "c0mm", "allowInsecure": True,
         "targetRanges": ["10.9.0.0/24"]}
    )  # fmt: skip
    await discovery_credentials.create_credential_set(db, system_actor("test"), lab)
    good = (await scan_gql(CREATE, {"i": SCAN}))["createSchedule"]
    outside = (await scan_gql(CREATE, {"i": SCAN | {"name": "wide", "targets": ["10.8.0.1"]}}))[
        "createSchedule"
    ]
    scanner = FakeScanner()
    scheduler = Scheduler(db, db.settings, scanner=scanner)
    await make_due(db, good["id"])
    await make_due(db, outside["id"])
    assert len(await scheduler.tick()) == 2

    async def outcomes() -> dict[str, tuple[str, str | None, str | None]] | None:
        rows = await db.run_raw(
            "MATCH (s:Schedule) RETURN s.name AS name, s.lastOutcome AS o, "
            "s.lastResultId AS r, s.lastMessage AS m"
        )
        found = {r["name"]: (r["o"], r["r"], r["m"]) for r in rows}
        return found if all(o in ("SUCCEEDED", "FAILED") for o, _, _ in found.values()) else None

    await until(outcomes, "both discovery schedules ran")
    found = await outcomes()
    assert found is not None
    assert scanner.scanned == [["10.9.0.0/30"]]
    outcome, run_id, _ = found["lab sweep"]
    assert outcome == "SUCCEEDED"
    runs = await db.run_raw(
        "MATCH (r:DiscoveryRun {id: $id}) RETURN r.state AS s, r.startedBy AS by", id=run_id
    )
    assert runs == [{"s": "DONE", "by": "system:schedule:lab sweep"}]
    outcome, _, message = found["wide"]
    assert outcome == "FAILED"
    assert "outside the ranges" in (message or "")
    await scheduler.stop()


async def test_two_schedulers_claiming_one_slot_at_once_get_it_once(
    admin_gql: GQL, db: Database
) -> None:
    """The claim's lock, raced for real: two drivers, the same slot, twenty times."""
    schedule = (await admin_gql(CREATE, {"i": REPORT}))["createSchedule"]
    other = Database(db.settings)
    first, second = Scheduler(db, db.settings), Scheduler(other, db.settings)
    try:
        for _ in range(20):
            await make_due(db, schedule["id"])
            await db.run_raw(
                "MATCH (s:Schedule {id: $id}) SET s.leaseHolder = null", id=schedule["id"]
            )
            seen = (await schedules.get_schedules(db, [schedule["id"]]))[schedule["id"]]
            now = datetime.now(UTC)
            won = await asyncio.gather(first.claim(seen, now), second.claim(seen, now))
            assert sum(1 for w in won if w is not None) == 1
    finally:
        await other.close()
    [stored] = (await schedules.get_schedules(db, [schedule["id"]])).values()
    assert stored.runCount == 20
