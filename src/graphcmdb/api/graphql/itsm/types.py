"""GraphQL types for incidents, changes and change conflicts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.core import types as core_types
from graphcmdb.api.graphql.core.node import Node, plain_values
from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.api.graphql.impact import resilience_types
from graphcmdb.api.graphql.impact import types as impact_types
from graphcmdb.api.graphql.impact.risk_level import RiskLevel
from graphcmdb.api.graphql.itam import asset_types, contract_types, directory_types
from graphcmdb.api.graphql.itsm.auto_types import (
    IncidentAlertType,
    SuppressedIncidentType,
    SuspectedCauseType,
    to_alert,
    to_suppressed,
    to_suspect,
)
from graphcmdb.api.graphql.refs import (
    AssetRef,
    CIRef,
    ContractRef,
    ImpactReportRef,
    MaintenanceRiskRef,
    ServiceRef,
    VendorRef,
)
from graphcmdb.domain.records import ChangeRecord, CIRecord, IncidentRecord
from graphcmdb.graph import enums as g
from graphcmdb.graph.enums import ChangeState, IncidentPriority, IncidentState
from graphcmdb.itsm.conflicts import Conflict
from graphcmdb.itsm.failed_items import WarrantyStatus
from graphcmdb.itsm.states import CHANGE_STATES, INCIDENT_STATES
from graphcmdb.services import incident_reads
from graphcmdb.services.incident_reads import FailedItem


@strawberry.type(
    name="FailedItem",
    description="An affected CI with what the on-call engineer needs to call for help, "
    "judged on the day the incident was opened.",
)
class FailedItemType:
    ci: CIRef
    asset: AssetRef | None
    supportContract: ContractRef | None = strawberry.field(
        description="The SUPPORT or MAINTENANCE contract covering the asset on that day."
    )
    vendor: VendorRef | None = strawberry.field(description="The support contract's vendor.")
    warrantyStatus: WarrantyStatus


def to_failed_item(item: FailedItem) -> FailedItemType:
    return FailedItemType(
        ci=core_types.to_ci(item.ci),
        asset=asset_types.to_asset(item.asset) if item.asset else None,
        supportContract=contract_types.to_contract(item.contract) if item.contract else None,
        vendor=directory_types.to_vendor(item.vendor) if item.vendor else None,
        warrantyStatus=item.warranty,
    )


@strawberry.type(name="Change", description="Planned work on CIs, with its risk.")
class ChangeType(Node):
    number: str
    title: str
    description: str | None
    state: ChangeState
    plannedStart: datetime
    plannedEnd: datetime
    risk: RiskLevel | None = strawberry.field(
        description="The maintenance risk assessed when the change was submitted."
    )
    riskAssessedAt: datetime | None
    createdAt: datetime
    updatedAt: datetime

    @strawberry.field(description="States this change may move to next.")
    def allowedTransitions(self) -> list[ChangeState]:
        return list(CHANGE_STATES.allowed_next(g.ChangeState(self.state)))

    @strawberry.field(description="The CIs the change modifies, by name.")
    async def modifies(self, info: Info) -> list[CIRef]:
        return [
            core_types.to_ci(r) for r in await info.context.loaders.change_modifies.load(self.id)
        ]

    @strawberry.field(description="The maintenance risk of the modified CIs on today's graph.")
    async def liveRisk(self, info: Info) -> MaintenanceRiskRef:
        graph, risk = await info.context.loaders.change_risk.load(self.id)
        return resilience_types.to_risk(graph, risk)

    @strawberry.field(
        description="Incidents resolved with this change as their cause, newest first."
    )
    async def causedIncidents(self, info: Info) -> list[IncidentType]:
        return [to_incident(r) for r in await info.context.loaders.caused_incidents.load(self.id)]

    @strawberry.field(
        description="Automatic incidents monitoring did not open while this change's window "
        "was open, because it modifies the failed CIs (one per service)."
    )
    async def suppressedIncidents(self, info: Info) -> list[SuppressedIncidentType]:
        found = await info.context.loaders.suppressions.load(self.id)
        return [to_suppressed(s, self.number) for s in found]


def to_change(change: ChangeRecord) -> ChangeType:
    values = plain_values(change, ChangeType)
    values.update(risk=RiskLevel(change.risk) if change.risk else None)
    return ChangeType(**values)


IncidentCause = Annotated[CIRef | ChangeType, strawberry.union("IncidentCause")]


@strawberry.type(name="Incident", description="An ITSM incident and what it hits.")
class IncidentType(Node):
    number: str
    title: str
    description: str | None
    priority: IncidentPriority
    state: IncidentState
    openedAt: datetime
    resolvedAt: datetime | None
    resolvedAtFirstContact: bool | None = strawberry.field(
        description="Set when resolved: fixed during the first contact."
    )
    closedAt: datetime | None
    reopenCount: int
    createdAt: datetime
    updatedAt: datetime
    autoServiceId: strawberry.Private[str | None]

    @strawberry.field(
        description="Opened by monitoring: the business service it is the one automatic "
        "incident of (null for an incident a person opened)."
    )
    async def autoService(self, info: Info) -> ServiceRef | None:
        if self.autoServiceId is None:
            return None
        found = await info.context.loaders.service.load(self.autoServiceId)
        return core_types.to_service(found) if found else None

    @strawberry.field(
        description="Root-cause candidates monitoring found (automatic incidents), best first."
    )
    async def suspectedCauses(self, info: Info) -> list[SuspectedCauseType]:
        return [to_suspect(s) for s in await info.context.loaders.suspects.load(self.id)]

    @strawberry.field(description="The monitoring alerts that held its failed CIs.")
    async def alerts(self, info: Info) -> list[IncidentAlertType]:
        return [to_alert(a) for a in await info.context.loaders.incident_alerts.load(self.id)]

    @strawberry.field(description="States this incident may move to next.")
    def allowedTransitions(self) -> list[IncidentState]:
        return list(INCIDENT_STATES.allowed_next(g.IncidentState(self.state)))

    @strawberry.field(description="The CIs and services the incident affects, by name.")
    async def affects(self, info: Info) -> list[Node]:
        return [
            core_types.to_node(r) for r in await info.context.loaders.incident_affects.load(self.id)
        ]

    @strawberry.field(description="What caused it (a CI or a change), once resolved.")
    async def cause(self, info: Info) -> IncidentCause | None:
        cause = await info.context.loaders.incident_cause.load(self.id)
        if isinstance(cause, ChangeRecord):
            return to_change(cause)
        return core_types.to_ci(cause) if isinstance(cause, CIRecord) else None

    @strawberry.field(
        description="Impact analysis with every affected CI and service DOWN, on today's graph."
    )
    async def impact(self, info: Info) -> ImpactReportRef:
        return impact_types.to_report(await info.context.loaders.incident_impact.load(self.id))

    @strawberry.field(
        description="The same impact analysis on the graph as it stood when the incident "
        "was opened (history): what it hit then, whatever moved since. An incident older "
        "than the history (imported after the fact) reads the graph of when it was recorded."
    )
    async def impactWhenOpened(self, info: Info) -> ImpactReportRef:
        report = await incident_reads.impact_when_opened(info.context.db, self.id)
        return impact_types.to_report(report)

    @strawberry.field(description="Services DOWN or DEGRADED by the incident, as impact orders.")
    async def servicesHit(self, info: Info) -> list[ServiceRef]:
        report = await info.context.loaders.incident_impact.load(self.id)
        rows = await info.context.loaders.service.load_many([s.node.id for s in report.services])
        return [core_types.to_service(r) for r in rows if r is not None]

    @strawberry.field(description="Each affected CI with its asset, support and warranty.")
    async def failedItems(self, info: Info) -> list[FailedItemType]:
        return [to_failed_item(i) for i in await info.context.loaders.failed_items.load(self.id)]


def to_incident(incident: IncidentRecord) -> IncidentType:
    values = plain_values(incident, IncidentType)
    values.update(reopenCount=incident.reopenCount or 0, autoServiceId=incident.autoServiceId)
    return IncidentType(**values)


@strawberry.type(
    name="ChangeConflict",
    description="Two changes whose planned windows overlap and that touch a common CI "
    "or business service.",
)
class ChangeConflictType:
    first: ChangeType = strawberry.field(description="The change that starts first.")
    second: ChangeType
    overlapStart: datetime
    overlapEnd: datetime
    serviceIds: strawberry.Private[tuple[str, ...]]
    ciIds: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="Services that need CIs of both changes, by name.")
    async def sharedServices(self, info: Info) -> list[ServiceRef]:
        rows = await info.context.loaders.service.load_many(list(self.serviceIds))
        return sorted((core_types.to_service(r) for r in rows if r), key=lambda s: (s.name, s.id))

    @strawberry.field(description="CIs both changes modify, by name.")
    async def sharedCIs(self, info: Info) -> list[CIRef]:
        rows = await info.context.loaders.ci.load_many(list(self.ciIds))
        return sorted((core_types.to_ci(r) for r in rows if r), key=lambda c: (c.name, c.id))


def to_conflict(conflict: Conflict, changes: dict[str, ChangeRecord]) -> ChangeConflictType:
    return from_record(
        ChangeConflictType,
        conflict,
        first=to_change(changes[conflict.first.id]),
        second=to_change(changes[conflict.second.id]),
        serviceIds=conflict.shared_service_ids,
        ciIds=conflict.shared_ci_ids,
    )
