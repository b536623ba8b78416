"""Status histories: the moves monitoring events made to a CI's status, and to a business
service's (with the automatic incident it opened, or the change that suppressed it)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.api.graphql.late import itsm_types
from graphcmdb.api.graphql.refs import ChangeRef, IncidentRef
from graphcmdb.graph.enums import CIStatus
from graphcmdb.services.auto_incident_reads import ServiceStatusChange
from graphcmdb.services.event_reads import StatusChangeRecord


@strawberry.type(name="CIStatusChange")
class CIStatusChangeType:
    at: datetime
    before: CIStatus | None = strawberry.field(name="from")
    after: CIStatus = strawberry.field(name="to")
    reason: str | None = strawberry.field(description="The alert that moved it, and how.")
    fingerprint: str | None = strawberry.field(description="The alert's fingerprint.")
    eventId: str | None = strawberry.field(description="The event that moved it.")


def to_status_change(change: StatusChangeRecord) -> CIStatusChangeType:
    return CIStatusChangeType(
        at=change.at,
        before=change.before,
        after=change.after,
        reason=change.reason,
        fingerprint=change.fingerprint,
        eventId=change.event_id,
    )


@strawberry.type(
    name="ServiceStatusChange",
    description="A move of a business service's status made when monitoring re-ran impact.",
)
class ServiceStatusChangeType:
    at: datetime
    before: CIStatus | None = strawberry.field(name="from")
    after: CIStatus = strawberry.field(name="to")
    reason: str | None = strawberry.field(
        description="What followed: the incident opened, attached to or resolved, or the "
        "change that suppressed it."
    )
    incidentId: strawberry.Private[str | None]
    changeId: strawberry.Private[str | None]

    @strawberry.field(description="The automatic incident this move opened or moved.")
    async def incident(self, info: Info) -> IncidentRef | None:
        if self.incidentId is None:
            return None
        found = await info.context.loaders.incident.load(self.incidentId)
        return itsm_types.to_incident(found) if found else None

    @strawberry.field(description="The approved change whose open window suppressed the incident.")
    async def suppressedBy(self, info: Info) -> ChangeRef | None:
        if self.changeId is None:
            return None
        found = await info.context.loaders.change.load(self.changeId)
        return itsm_types.to_change(found) if found else None


def to_service_status_change(change: ServiceStatusChange) -> ServiceStatusChangeType:
    return from_record(ServiceStatusChangeType, change)
