"""GraphQL types for API tokens and the audit log."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graphcmdb.db.database import Row
from graphcmdb.graph.enums import Role


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
    prefix: str
    createdAt: datetime
    revokedAt: datetime | None


def to_entry(row: Row) -> AuditEntry:
    return AuditEntry(**row)


def to_token(row: Row) -> ApiToken:
    return ApiToken(
        id=row["id"],
        name=row["name"],
        role=Role(row["role"]),
        prefix=row["prefix"],
        createdAt=row["createdAt"],
        revokedAt=row.get("revokedAt"),
    )


@strawberry.type
class IssuedToken:
    token: str = strawberry.field(description="Shown once; only its hash is stored.")
    apiToken: ApiToken
