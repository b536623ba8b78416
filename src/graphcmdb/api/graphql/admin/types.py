"""GraphQL types for API tokens (audit entries: ``audit_types``)."""

from __future__ import annotations

from datetime import datetime

import strawberry

from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.domain.system_records import ApiTokenRecord
from graphcmdb.graph.enums import Permission, Role


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


def to_token(token: ApiTokenRecord) -> ApiToken:
    return from_record(
        ApiToken, token, id=strawberry.ID(token.id), permissions=list(token.permissions)
    )


@strawberry.type
class IssuedToken:
    token: str = strawberry.field(description="Shown once; only its hash is stored.")
    apiToken: ApiToken
