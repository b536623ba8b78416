"""Root queries for administrators: the audit log and API tokens."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.admin.types import ApiToken, to_token
from graphcmdb.api.graphql.audit_types import AuditEntry, to_entry
from graphcmdb.api.graphql.connections import Connection, paged
from graphcmdb.api.graphql.permissions import IsAdmin
from graphcmdb.services import audit_log, tokens


@strawberry.type
class AdminQuery:
    @strawberry.field(permission_classes=[IsAdmin], description="Who changed what, newest first.")
    async def auditLog(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        targetId: strawberry.ID | None = None,
    ) -> Connection[AuditEntry]:
        listing, counting = audit_log.list_entries, audit_log.count_entries
        return await paged(info, (first, after), to_entry, listing, counting, targetId)

    @strawberry.field(permission_classes=[IsAdmin])
    async def apiTokens(self, info: Info) -> list[ApiToken]:
        return [to_token(r) for r in await tokens.list_tokens(info.context.db)]
