"""Root queries for incidents and changes (viewer role)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.itsm.inputs import ChangeFilterInput, IncidentFilterInput
from graphcmdb.api.graphql.itsm.types import (
    ChangeConflictType,
    ChangeType,
    IncidentType,
    to_change,
    to_conflict,
    to_incident,
)
from graphcmdb.api.graphql.loaders import Loaders
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.api.graphql.query_fields import NodeReads
from graphcmdb.graph.enums import ChangeState, IncidentPriority, IncidentState
from graphcmdb.services import changes, incident_reads
from graphcmdb.services.incident_reads import IncidentFilter


def _incident_filter(f: IncidentFilterInput) -> IncidentFilter:
    return IncidentFilter(
        state=IncidentState(f.state) if f.state else None,
        priority=IncidentPriority(f.priority) if f.priority else None,
        ciId=f.ciId,
        serviceId=f.serviceId,
    )


def _change_state(f: ChangeFilterInput) -> ChangeState | None:
    return ChangeState(f.state) if f.state else None


_INCIDENT = NodeReads(IncidentType, to_incident, Loaders.incident.of)
_CHANGE = NodeReads(ChangeType, to_change, Loaders.change.of)


@strawberry.type
class IncidentChangeQuery:
    incident = _INCIDENT.by_id()
    incidents = _INCIDENT.listed(
        IncidentFilterInput, _incident_filter, incident_reads.LISTING, "Incidents, newest first."
    )
    change = _CHANGE.by_id()
    changes = _CHANGE.listed(
        ChangeFilterInput, _change_state, changes.LISTING, "Changes, newest first."
    )

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
