"""Schedules (``Schedule`` nodes): create, replace, delete, run now, read; each write one
audited transaction. Who may: an admin any schedule; an editor whose token may scan
(the ``discovery`` permission) discovery schedules, as for starting a scan. A schedule's
next run is computed here from its cron expression, in UTC; running it is
``schedule_runner``'s.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from graphcmdb.db.database import Database, Tx
from graphcmdb.db.queries import Q
from graphcmdb.domain.schedule_models import (
    ReportSnapshotRecord,
    ScheduleCreate,
    ScheduleKind,
    ScheduleRecord,
    next_run,
)
from graphcmdb.domain.schedule_specs import REPORT_SNAPSHOT_SPEC, SCHEDULE_SPEC
from graphcmdb.errors import Duplicate, Forbidden, NotFound
from graphcmdb.graph.enums import Permission, Role
from graphcmdb.services import audit, discovery, nodes
from graphcmdb.services.actor import Actor

MAX_SNAPSHOTS = 1000


def authorize(actor: Actor, kind: ScheduleKind) -> None:
    """An admin; or, for a discovery schedule, an editor who may start scans."""
    if actor.role.allows(Role.ADMIN):
        return
    if kind is ScheduleKind.DISCOVERY and actor.role.allows(Role.EDITOR):
        if actor.may(Permission.DISCOVERY):
            return
        raise Forbidden(
            f"Discovery schedules need the {Permission.DISCOVERY.value} permission; "
            f"'{actor.name}' does not have it.",
            needed=Permission.DISCOVERY.value,
            role=actor.role.value,
        )
    raise Forbidden(
        f"{kind.value} schedules are an admin's; '{actor.name}' has {actor.role.value}.",
        needed=Role.ADMIN.value,
        role=actor.role.value,
    )


def _duplicate(name: str) -> Duplicate:
    return Duplicate(f"A schedule named '{name}' already exists.", field="name", name=name)


def _checked(data: ScheduleCreate) -> None:
    if data.kind is ScheduleKind.DISCOVERY:
        discovery.check_request(data.targets, data.concurrency)


def as_schedule(row: dict[str, object]) -> ScheduleRecord:
    return nodes.as_record(SCHEDULE_SPEC, row)


async def create_schedule(db: Database, actor: Actor, data: ScheduleCreate) -> ScheduleRecord:
    authorize(actor, data.kind)
    _checked(data)
    now = datetime.now(UTC)
    params = {
        "id": str(uuid.uuid4()),
        "props": data.graph_props(),
        "nextRunAt": next_run(data.cron, now),
        "by": actor.label,
        "now": now,
    }

    async def work(tx: Tx) -> ScheduleRecord:
        row = await tx.one(Q.SCHEDULE_CREATE, **params)
        assert row is not None
        created = as_schedule(row["schedule"])
        await audit.record(tx, actor, "createSchedule", [created.id], None, data.graph_props())
        return created

    return await nodes.write_unique(db, work, lambda: _duplicate(data.name))


async def _stored(tx: Tx, actor: Actor, schedule_id: str) -> ScheduleRecord:
    """The schedule, if this actor may change it as it is."""
    row = await tx.one(Q.SCHEDULE_GET_BY_IDS, ids=[schedule_id])
    if row is None:
        raise NotFound("Schedule", [schedule_id])
    stored = as_schedule(row["schedule"])
    authorize(actor, stored.kind)
    return stored


async def update_schedule(
    db: Database, actor: Actor, schedule_id: str, data: ScheduleCreate
) -> ScheduleRecord:
    """Replace the fields a person writes; the next run follows the (new) expression."""
    authorize(actor, data.kind)
    _checked(data)
    now = datetime.now(UTC)

    async def work(tx: Tx) -> ScheduleRecord:
        await _stored(tx, actor, schedule_id)
        row = await tx.one(
            Q.SCHEDULE_UPDATE,
            id=schedule_id,
            props=data.graph_props(),
            nextRunAt=next_run(data.cron, now),
            now=now,
        )
        assert row is not None
        after = data.graph_props()
        await audit.record(tx, actor, "updateSchedule", [schedule_id], row["before"], after)
        return as_schedule(row["schedule"])

    return await nodes.write_unique(db, work, lambda: _duplicate(data.name))


async def delete_schedule(db: Database, actor: Actor, schedule_id: str) -> ScheduleRecord:
    """Delete it (a run in progress finishes; its end is then recorded nowhere)."""

    async def work(tx: Tx) -> ScheduleRecord:
        stored = await _stored(tx, actor, schedule_id)
        row = await tx.one(Q.SCHEDULE_DELETE, id=schedule_id)
        assert row is not None
        await audit.record(tx, actor, "deleteSchedule", [schedule_id], row["before"], None)
        return stored

    return await db.write(work)


async def run_schedule_now(db: Database, actor: Actor, schedule_id: str) -> ScheduleRecord:
    """Make it due now: the next tick of whichever API process gets its lease runs it."""

    async def work(tx: Tx) -> ScheduleRecord:
        await _stored(tx, actor, schedule_id)
        row = await tx.one(Q.SCHEDULE_RUN_NOW, id=schedule_id, now=datetime.now(UTC))
        assert row is not None
        schedule = as_schedule(row["schedule"])
        after = {"nextRunAt": schedule.nextRunAt}
        await audit.record(tx, actor, "runScheduleNow", [schedule_id], row["before"], after)
        return schedule

    return await db.write(work)


async def get_schedules(db: Database, ids: list[str]) -> dict[str, ScheduleRecord]:
    rows = await db.read(Q.SCHEDULE_GET_BY_IDS, ids=ids)
    return {str(r["schedule"]["id"]): as_schedule(r["schedule"]) for r in rows}


async def list_schedules(db: Database, kind: ScheduleKind | None = None) -> list[ScheduleRecord]:
    rows = await db.read(Q.SCHEDULE_LIST, kind=kind.value if kind else None)
    return [as_schedule(r["schedule"]) for r in rows]


async def list_snapshots(
    db: Database, schedule_id: str | None, limit: int
) -> list[ReportSnapshotRecord]:
    """Newest first, at most ``limit`` (up to :data:`MAX_SNAPSHOTS`)."""
    limit = max(0, min(limit, MAX_SNAPSHOTS))
    rows = await db.read(Q.SCHEDULE_SNAPSHOT_LIST, scheduleId=schedule_id, limit=limit)
    return [nodes.as_record(REPORT_SNAPSHOT_SPEC, r["snapshot"]) for r in rows]
