"""Audit entries as GraphQL sees them, and the history of one object.

Below every domain (like ``connections``): the global ``auditLog`` (administrators) and
the ``history`` of a CI, a service or an asset (whoever may read the object) answer the
same entries through the same connection.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graphcmdb.api.graphql.connections import Connection, paged
from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.domain.system_records import AuditEntryRecord
from graphcmdb.services import audit_visible

#: entries a ``history`` page holds unless asked otherwise
HISTORY_PAGE = 20
HISTORY = (
    "Who changed this and how: the audit entries naming it among their targets, newest "
    "first. Any role that reads the object reads them (the whole log is auditLog's, for "
    "administrators)."
)


class Identified(Protocol):
    id: strawberry.ID


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


async def history_of(
    info: Info, node_id: str, first: int | None, after: str | None
) -> Connection[AuditEntry]:
    """The audit entries naming ``node_id`` among their targets, newest first (those a
    scoped caller may read: ``services/audit_visible.py``)."""
    listing, counting = audit_visible.list_entries, audit_visible.count_entries
    return await paged(info, (first, after), to_entry, listing, counting, node_id)


async def _history(
    root: strawberry.Parent[Identified],
    info: Info,
    first: int | None = HISTORY_PAGE,
    after: str | None = None,
) -> Connection[AuditEntry]:
    return await history_of(info, root.id, first, after)


def history_field() -> Any:
    """The ``history`` field of an object type (a CI, a service, an asset): its entries,
    one keyset page at a time, costed like every list (``first`` items; ``cost.py``)."""
    return strawberry.field(resolver=_history, permission_classes=[IsViewer], description=HISTORY)
