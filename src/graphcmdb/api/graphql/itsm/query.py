"""Root queries for incidents and changes (viewer role)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.connections import Connection, paged
from graphcmdb.api.graphql.itsm.inputs import ChangeFilterInput, IncidentFilterInput
from graphcmdb.api.graphql.itsm.types import (
    ChangeConflictType,
    ChangeType,
    IncidentType,
    to_change,
    to_conflict,
    to_incident,
)
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.graph.enums import ChangeState, IncidentPriority, IncidentState
from graphcmdb.services import changes, incident_reads
from graphcmdb.services.incident_reads import IncidentFilter


@strawberry.type
class IncidentChangeQuery:
    @strawberry.field(permission_classes=[IsViewer])
    async def incident(self, info: Info, id: strawberry.ID) -> IncidentType | None:
        row = await info.context.loaders.incident.load(id)
        return to_incident(row) if row else None

    @strawberry.field(permission_classes=[IsViewer], description="Incidents, newest first.")
    async def incidents(
        self,
        info: Info,
        filter: IncidentFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[IncidentType]:
        f = filter or IncidentFilterInput()
        flt = IncidentFilter(
            state=IncidentState(f.state) if f.state else None,
            priority=IncidentPriority(f.priority) if f.priority else None,
            ciId=f.ciId,
            serviceId=f.serviceId,
        )
        listing, counting = incident_reads.list_incidents, incident_reads.count_incidents
        return await paged(info, (first, after), to_incident, listing, counting, flt)

    @strawberry.field(permission_classes=[IsViewer])
    async def change(self, info: Info, id: strawberry.ID) -> ChangeType | None:
        row = await info.context.loaders.change.load(id)
        return to_change(row) if row else None

    @strawberry.field(permission_classes=[IsViewer], description="Changes, newest first.")
    async def changes(
        self,
        info: Info,
        filter: ChangeFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[ChangeType]:
        state = ChangeState(filter.state) if filter and filter.state else None
        listing, counting = changes.list_changes, changes.count_changes
        return await paged(info, (first, after), to_change, listing, counting, state)

    @strawberry.field(
        permission_classes=[IsViewer],
        description="Pairs of changes (not CANCELLED) whose planned windows overlap within "
        "[from, to) and that modify a common CI or CIs of a common business service.",
    )
    async def changeConflicts(
        self,
        info: Info,
        from_: Annotated[datetime, strawberry.argument(name="from")],
        to: datetime,
    ) -> list[ChangeConflictType]:
        report = await changes.conflicts(info.context.db, from_, to)
        return [to_conflict(c, report.changes) for c in report.conflicts]
