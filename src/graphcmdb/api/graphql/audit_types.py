"""Audit entries as GraphQL sees them, below every domain (like ``connections``)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.domain.system_records import AuditEntryRecord


@strawberry.type
class AuditEntry:
    id: strawberry.ID
    at: datetime
    actor: str
    operation: str
    targetIds: list[strawberry.ID]
    before: strawberry.scalars.JSON | None
    after: strawberry.scalars.JSON | None
    requestId: str | None = strawberry.field(
        description="The HTTP request that wrote it (its X-Request-Id response header); "
        "a command or discovery run for the server's own writes."
    )
    tokenId: strawberry.ID | None = strawberry.field(
        description="The API token the actor used; null for the CLI and the server itself."
    )
    clientRequestId: str | None = strawberry.field(
        description="The caller's own X-Request-Id, when it sent a short safe one."
    )


def to_entry(entry: AuditEntryRecord) -> AuditEntry:
    return from_record(
        AuditEntry,
        entry,
        id=strawberry.ID(entry.id),
        targetIds=[strawberry.ID(t) for t in entry.targetIds],
        before=JSON(entry.before),
        after=JSON(entry.after),
        tokenId=strawberry.ID(entry.tokenId) if entry.tokenId else None,
    )
