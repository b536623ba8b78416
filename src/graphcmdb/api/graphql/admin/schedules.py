"""Schedules over GraphQL: recurring discovery and reports (``services/schedules.py``).

Reading and writing need an editor; the service then asks what the kind needs: an
admin for report schedules, the ``discovery`` permission (or an admin) for discovery
schedules, as ``startDiscovery`` does. Report snapshots are read by viewers, like the
reports themselves.
"""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graphcmdb.api.graphql.crud_fields import action_field, create_field, delete_field, update_field
from graphcmdb.api.graphql.permissions import IsEditor, IsViewer
from graphcmdb.domain.schedule_models import (
    ReportSnapshotRecord,
    ScheduleCreate,
    ScheduledReport,
    ScheduleKind,
    ScheduleOutcome,
    ScheduleRecord,
)
from graphcmdb.services import schedules


@strawberry.type(
    name="Schedule",
    description="A recurring job on a cron expression (5 fields, UTC); run once per due "
    "slot by whichever API process takes its lease.",
)
class ScheduleType:
    id: strawberry.ID
    name: str
    kind: ScheduleKind
    cron: str
    enabled: bool
    targets: list[str]
    credentialSet: str | None
    concurrency: int
    report: ScheduledReport | None
    withinDays: int
    nextRunAt: datetime | None
    lastRunAt: datetime | None
    lastOutcome: ScheduleOutcome | None
    lastMessage: str | None
    lastResultId: strawberry.ID | None = strawberry.field(
        description="The discovery run or report snapshot of the last run."
    )
    runCount: int
    runningOn: str | None = strawberry.field(
        description="The process holding the schedule's lease while it runs."
    )
    createdBy: str | None


def to_schedule(s: ScheduleRecord) -> ScheduleType:
    return ScheduleType(
        id=strawberry.ID(s.id),
        name=s.name,
        kind=s.kind,
        cron=s.cron,
        enabled=s.enabled,
        targets=list(s.targets),
        credentialSet=s.credentialSet,
        concurrency=s.concurrency,
        report=s.report,
        withinDays=s.withinDays,
        nextRunAt=s.nextRunAt,
        lastRunAt=s.lastRunAt,
        lastOutcome=s.lastOutcome,
        lastMessage=s.lastMessage,
        lastResultId=strawberry.ID(s.lastResultId) if s.lastResultId else None,
        runCount=s.runCount,
        runningOn=s.leaseHolder,
        createdBy=s.createdBy,
    )


@strawberry.type(name="ReportSnapshot", description="A report's headline figures at a run.")
class ReportSnapshotType:
    id: strawberry.ID
    report: ScheduledReport
    scheduleId: strawberry.ID | None
    takenAt: datetime
    summary: JSON


def to_snapshot(r: ReportSnapshotRecord) -> ReportSnapshotType:
    return ReportSnapshotType(
        id=strawberry.ID(r.id),
        report=r.report,
        scheduleId=strawberry.ID(r.scheduleId) if r.scheduleId else None,
        takenAt=r.takenAt,
        summary=JSON(r.summary),
    )


@strawberry.input(
    description="DISCOVERY: targets (addresses or CIDR ranges inside the credential set's "
    "ranges) and credentialSet; REPORT: report (and withinDays for EXPIRING)."
)
class ScheduleInput:
    name: str
    kind: ScheduleKind
    cron: str = strawberry.field(description="minute hour day-of-month month day-of-week, UTC")
    enabled: bool | None = strawberry.UNSET
    targets: list[str] | None = strawberry.UNSET
    credentialSet: str | None = strawberry.UNSET
    concurrency: int | None = strawberry.UNSET
    report: ScheduledReport | None = strawberry.UNSET
    withinDays: int | None = strawberry.UNSET


@strawberry.type
class ScheduleQuery:
    @strawberry.field(permission_classes=[IsEditor], description="By name.")
    async def schedules(self, info: Info, kind: ScheduleKind | None = None) -> list[ScheduleType]:
        return [to_schedule(s) for s in await schedules.list_schedules(info.context.db, kind)]

    @strawberry.field(permission_classes=[IsEditor])
    async def schedule(self, info: Info, id: strawberry.ID) -> ScheduleType | None:
        found = (await schedules.get_schedules(info.context.db, [id])).get(id)
        return to_schedule(found) if found else None

    @strawberry.field(permission_classes=[IsViewer], description="Newest first.")
    async def reportSnapshots(
        self, info: Info, scheduleId: strawberry.ID | None = None, first: int = 20
    ) -> list[ReportSnapshotType]:
        found = await schedules.list_snapshots(info.context.db, scheduleId, first)
        return [to_snapshot(r) for r in found]


@strawberry.type
class ScheduleMutation:
    createSchedule = create_field(
        ScheduleType,
        to_schedule,
        ScheduleInput,
        schedules.create_schedule,
        ScheduleCreate,
        "Report schedules need an admin; discovery schedules the DISCOVERY permission.",
    )
    updateSchedule = update_field(
        ScheduleType,
        to_schedule,
        ScheduleInput,
        schedules.update_schedule,
        ScheduleCreate,
        "Replaces every field; the next run follows the new expression.",
    )
    deleteSchedule = delete_field(schedules.delete_schedule)
    runScheduleNow = action_field(
        ScheduleType,
        to_schedule,
        schedules.run_schedule_now,
        "Make the schedule due now: the next scheduler tick of any API process runs it.",
    )
