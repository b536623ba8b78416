"""GraphQL types of automatic incidents: root-cause candidates, the alerts behind an
incident, and the incidents an approved change's open window suppressed."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.core import types as core_types
from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.api.graphql.refs import CIRef, ServiceRef
from graphcmdb.graph.enums import AlertState, CIStatus
from graphcmdb.services.auto_incident_reads import AlertView, Suppression, Suspect


@strawberry.type(
    name="SuspectedCause",
    description="A root-cause candidate of an automatic incident: the CIs of one smallest "
    "set whose failure explains what failed share a rank (1 is the most specific).",
)
class SuspectedCauseType:
    rank: int
    ci: CIRef


def to_suspect(suspect: Suspect) -> SuspectedCauseType:
    return SuspectedCauseType(rank=suspect.rank, ci=core_types.to_ci(suspect.ci))


@strawberry.type(name="IncidentAlert", description="A monitoring alert behind an incident.")
class IncidentAlertType:
    fingerprint: str
    source: str | None
    alertName: str | None
    state: AlertState | None
    severity: str | None
    summary: str | None
    ciId: strawberry.ID | None = strawberry.field(description="The CI it is bound to.")
    firstSeen: datetime | None
    lastSeen: datetime | None


def to_alert(alert: AlertView) -> IncidentAlertType:
    ci = strawberry.ID(alert.ci_id) if alert.ci_id else None
    return from_record(IncidentAlertType, alert, ciId=ci)


@strawberry.type(
    name="SuppressedIncident",
    description="An incident monitoring did not open on a service: the failed CIs it needs "
    "are modified by an approved change whose window was open.",
)
class SuppressedIncidentType:
    status: CIStatus = strawberry.field(
        description="The worst status those CIs alone gave the service."
    )
    firstAt: datetime
    lastAt: datetime
    note: str
    serviceId: strawberry.Private[str]
    ciIds: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="The service that got no incident.")
    async def service(self, info: Info) -> ServiceRef | None:
        found = await info.context.loaders.service.load(self.serviceId)
        return core_types.to_service(found) if found else None

    @strawberry.field(description="The failed CIs the change modifies, by name.")
    async def cis(self, info: Info) -> list[CIRef]:
        rows = await info.context.loaders.ci.load_many(list(self.ciIds))
        return sorted((core_types.to_ci(r) for r in rows if r), key=lambda c: (c.name, c.id))


def to_suppressed(suppression: Suppression, number: str) -> SuppressedIncidentType:
    note = f"suppressed by change {number}"
    return from_record(SuppressedIncidentType, suppression, note=note)
