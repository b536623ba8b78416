"""GraphQL types for API tokens and the audit log."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.domain.system_records import ApiTokenRecord, AuditEntryRecord
from graphcmdb.graph.enums import Permission, Role


@strawberry.type
class AuditEntry:
    id: strawberry.ID
    at: datetime
    actor: str
    operation: str
    targetIds: list[strawberry.ID]
    before: strawberry.scalars.JSON | None
    after: strawberry.scalars.JSON | None
    requestId: str | None


@strawberry.type
class ApiToken:
    id: strawberry.ID
    name: str
    role: Role
    permissions: list[Permission] = strawberry.field(
        description="What the token may do beyond its role (an admin token may do all)."
    )
    prefix: str
    createdAt: datetime
    revokedAt: datetime | None


def to_entry(entry: AuditEntryRecord) -> AuditEntry:
    return from_record(
        AuditEntry,
        entry,
        id=strawberry.ID(entry.id),
        targetIds=[strawberry.ID(t) for t in entry.targetIds],
        before=JSON(entry.before),
        after=JSON(entry.after),
    )


def to_token(token: ApiTokenRecord) -> ApiToken:
    return from_record(
        ApiToken, token, id=strawberry.ID(token.id), permissions=list(token.permissions)
    )


@strawberry.type
class IssuedToken:
    token: str = strawberry.field(description="Shown once; only its hash is stored.")
    apiToken: ApiToken
