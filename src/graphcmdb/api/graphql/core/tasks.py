"""Reconciliation tasks over GraphQL: what identification could not place, and a person's
decision (``services/reconciliation_tasks.py``)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graphcmdb.api.graphql.connections import Connection, paged
from graphcmdb.api.graphql.core.types import CIType, to_ci
from graphcmdb.api.graphql.permissions import IsEditor, IsViewer
from graphcmdb.api.graphql.writes import write
from graphcmdb.domain.system_records import ReconciliationTaskRecord
from graphcmdb.graph.enums import TaskResolution, TaskState
from graphcmdb.services import reconciliation_tasks


@strawberry.type(description="A row or device several CIs could be: a person decides.")
class ReconciliationTask:
    id: strawberry.ID
    name: str
    state: TaskState
    source: str = strawberry.field(description="Who met it: snmp, import …")
    reason: str
    subject: JSON | None = strawberry.field(description="The row as identification saw it.")
    occurrences: int = strawberry.field(description="How often the subject was met.")
    createdAt: datetime
    lastSeen: datetime | None
    resolution: TaskResolution | None
    resolvedCiId: strawberry.ID | None
    resolvedBy: str | None
    resolvedAt: datetime | None
    candidateIds: strawberry.Private[list[str]]

    @strawberry.field(description="The CIs it could be (those that still exist).")
    async def candidates(self, info: Info) -> list[CIType]:
        found = await info.context.loaders.ci.load_many(self.candidateIds)
        return [to_ci(c) for c in found if c is not None]


def to_task(task: ReconciliationTaskRecord) -> ReconciliationTask:
    return ReconciliationTask(
        id=strawberry.ID(task.id),
        name=task.name,
        state=task.state,
        source=task.source,
        reason=task.reason,
        subject=JSON(task.subject),
        occurrences=task.occurrences,
        createdAt=task.createdAt,
        lastSeen=task.lastSeen,
        resolution=task.resolution,
        resolvedCiId=strawberry.ID(task.resolvedCiId) if task.resolvedCiId else None,
        resolvedBy=task.resolvedBy,
        resolvedAt=task.resolvedAt,
        candidateIds=task.candidateIds,
    )


@strawberry.type
class TaskQuery:
    @strawberry.field(
        permission_classes=[IsViewer], description="Reconciliation tasks, newest first."
    )
    async def reconciliationTasks(
        self,
        info: Info,
        state: TaskState | None = TaskState.OPEN,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ReconciliationTask]:
        listing, counting = reconciliation_tasks.list_tasks, reconciliation_tasks.count_tasks
        return await paged(info, (first, after), to_task, listing, counting, state)


@strawberry.type
class TaskMutation:
    @strawberry.mutation(
        permission_classes=[IsEditor],
        description=(
            "Decide an open task: MERGE_INTO one of its candidates (ciId; the subject is "
            "written onto it), CREATE_NEW (a CI from the subject) or IGNORE. The decision "
            "sticks: identification follows it whenever the subject is met again."
        ),
    )
    async def resolveReconciliationTask(
        self,
        info: Info,
        id: strawberry.ID,
        resolution: TaskResolution,
        ciId: strawberry.ID | None = None,
    ) -> ReconciliationTask:
        task = await write(info, reconciliation_tasks.resolve, id, resolution, ciId)
        return to_task(task)
