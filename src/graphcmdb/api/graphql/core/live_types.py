"""The live status subscription: CI and business service status moves as monitoring
makes them, with the automatic incident each service move opened or resolved
(``api/live.py`` feeds it)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from datetime import datetime

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.permissions import authorize
from graphcmdb.api.live import LiveBatch
from graphcmdb.errors import Forbidden
from graphcmdb.graph.enums import CIStatus, IncidentPriority, IncidentState, LiveKind, Role
from graphcmdb.services.live_feed import LiveMove


@strawberry.type(
    name="LiveIncident", description="The automatic incident a service move opened or moved."
)
class LiveIncidentType:
    id: strawberry.ID
    number: str
    state: IncidentState
    priority: IncidentPriority | None


@strawberry.type(
    name="LiveStatusMove",
    description="A status move of a CI or a business service: for a service, DOWN or "
    "DEGRADED means monitoring's impact hit it, OPERATIONAL that it cleared.",
)
class LiveStatusMoveType:
    seq: int = strawberry.field(description="The status feed's number of this move.")
    at: datetime
    kind: LiveKind
    nodeId: strawberry.ID = strawberry.field(description="The CI's or the service's id.")
    name: str | None
    before: CIStatus | None = strawberry.field(name="from")
    after: CIStatus = strawberry.field(name="to")
    reason: str | None
    incident: LiveIncidentType | None


@strawberry.type(
    name="LiveStatusUpdate",
    description="Moves the token may see, in feed order; the first update of a "
    "subscription has none and says from which feed number it is live.",
)
class LiveStatusUpdateType:
    seq: int
    moves: list[LiveStatusMoveType]


def _move(m: LiveMove) -> LiveStatusMoveType:
    incident = (
        LiveIncidentType(
            id=strawberry.ID(m.incident.id),
            number=m.incident.number,
            state=m.incident.state,
            priority=m.incident.priority,
        )
        if m.incident
        else None
    )
    return LiveStatusMoveType(
        seq=m.seq,
        at=m.at,
        kind=m.kind,
        nodeId=strawberry.ID(m.node_id),
        name=m.name,
        before=m.before,
        after=m.after,
        reason=m.reason,
        incident=incident,
    )


def to_update(batch: LiveBatch) -> LiveStatusUpdateType:
    return LiveStatusUpdateType(seq=batch.seq, moves=[_move(m) for m in batch.moves])


@strawberry.type
class LiveSubscription:
    @strawberry.subscription(
        description="Status moves of CIs and business services as monitoring makes them "
        "(over websocket, graphql-transport-ws; the bearer token in connection_init's "
        "payload as `Authorization: Bearer …` or `token`, or in the upgrade's header). "
        "A scoped token receives only the CIs and services it may see; the "
        "subscription ends when the token is revoked (checked every live_auth_check_s)."
    )
    async def liveStatus(self, info: Info) -> AsyncGenerator[LiveStatusUpdateType, None]:
        actor = authorize(info.context.actor, Role.VIEWER)
        hub = info.context.live
        if hub is None:
            raise Forbidden("Live status is served over websocket only (graphql-transport-ws).")
        async for batch in hub.follow(actor, info.context.raw_token):
            yield to_update(batch)
