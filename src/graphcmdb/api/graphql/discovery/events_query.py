"""The unknown sources report: monitoring alerts no CI could be bound to (viewer role)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.errors import LimitExceeded
from graphcmdb.graph.enums import CIStatus
from graphcmdb.services import event_reads
from graphcmdb.services.event_reads import UnknownSource

#: what ``CIStatus`` a CI may reach through events, for the description
_STATUSES = ", ".join(s.value for s in (CIStatus.DOWN, CIStatus.DEGRADED, CIStatus.OPERATIONAL))


@strawberry.type
class UnknownEventSource:
    source: str = strawberry.field(description="alertmanager, zabbix, prtg, generic:<name>.")
    sourceKey: str = strawberry.field(
        description="The identifiers the alerts named, normalised (HOST:…, FQDN:…, IP:…, "
        "SERIAL:…, CI:<id>)."
    )
    alerts: int = strawberry.field(description="Distinct alerts (fingerprints).")
    events: int = strawberry.field(description="Notifications received for them.")
    firing: int = strawberry.field(description="Of the alerts, those still firing.")
    lastSeen: datetime | None
    alertNames: list[str] = strawberry.field(description="Up to 10 of the alerts' names.")
    reason: str | None = strawberry.field(description="Why no CI was chosen.")
    candidateIds: list[strawberry.ID] = strawberry.field(
        description="The CIs an ambiguous key found (not guessed between); empty when none."
    )


def to_unknown(row: UnknownSource) -> UnknownEventSource:
    return UnknownEventSource(
        source=row.source,
        sourceKey=row.source_key,
        alerts=row.alerts,
        events=row.events,
        firing=row.firing,
        lastSeen=row.last_seen,
        alertNames=list(row.alert_names),
        reason=row.reason,
        candidateIds=[strawberry.ID(c) for c in row.candidate_ids],
    )


@strawberry.type
class EventsQuery:
    @strawberry.field(
        permission_classes=[IsViewer],
        description="Monitoring alerts bound to no CI (no CI has their identifiers, or "
        "several do), counted per source and source key, most events first. Bound alerts "
        f"set their CI's status ({_STATUSES}).",
    )
    async def unknownEventSources(self, info: Info, first: int = 100) -> list[UnknownEventSource]:
        most = info.context.settings.max_page_size
        if not 0 < first <= most:
            raise LimitExceeded(f"first must be 1 to {most}.", argument="first", limit=most)
        return [to_unknown(r) for r in await event_reads.unknown_sources(info.context.db, first)]
