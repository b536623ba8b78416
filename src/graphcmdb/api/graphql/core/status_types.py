"""A CI's status history: the changes monitoring events made to its status."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graphcmdb.graph.enums import CIStatus
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
