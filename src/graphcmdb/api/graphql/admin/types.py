"""GraphQL types for API tokens (audit entries: ``audit_types``)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import strawberry

from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.db.scoping import Scope
from graphcmdb.domain.system_records import ApiTokenRecord
from graphcmdb.graph.enums import Permission, Role, ScopeKind


@strawberry.type(description="What a token sees: objects inside at least one of its scopes.")
class TokenScope:
    kind: ScopeKind
    value: str = strawberry.field(description="An exact name or id (an environment's name).")


@strawberry.input(description="One scope of a new token.")
class ScopeInput:
    kind: ScopeKind
    value: str


def scopes_given(given: Iterable[ScopeInput] | None) -> list[Scope]:
    """The scopes of a new token's or user's input."""
    return [Scope(s.kind, s.value.strip()) for s in given or ()]


def scopes_read(texts: Iterable[str]) -> list[TokenScope]:
    """A token's or user's stored scopes (``kind=value``), as answered."""
    return [TokenScope(kind=s.kind, value=s.value) for s in map(Scope.parse, texts)]


@strawberry.type
class ApiToken:
    id: strawberry.ID
    name: str
    role: Role
    permissions: list[Permission] = strawberry.field(
        description="What the token may do beyond its role (an admin token may do all)."
    )
    scopes: list[TokenScope] = strawberry.field(
        description="What it sees; empty: everything its role may read."
    )
    prefix: str
    createdAt: datetime
    revokedAt: datetime | None


def to_token(token: ApiTokenRecord) -> ApiToken:
    return from_record(
        ApiToken,
        token,
        id=strawberry.ID(token.id),
        permissions=list(token.permissions),
        scopes=scopes_read(token.scopes),
    )


@strawberry.type
class IssuedToken:
    token: str = strawberry.field(description="Shown once; only its hash is stored.")
    apiToken: ApiToken
