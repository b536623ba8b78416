"""GraphQL types for incidents, changes and change conflicts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import strawberry
from strawberry.types import Info, get_object_definition

from graphcmdb.api.graphql.core.types import (
    CIType,
    Node,
    ServiceType,
    public_labels,
    to_ci,
    to_node,
    to_service,
)
from graphcmdb.api.graphql.impact.resilience_types import MaintenanceRiskReport, RiskLevel, to_risk
from graphcmdb.api.graphql.impact.types import ImpactReportType, to_report
from graphcmdb.api.graphql.itam.asset_types import AssetType, VendorType, to_asset, to_vendor
from graphcmdb.api.graphql.itam.contract_types import ContractType, to_contract
from graphcmdb.db.database import Row
from graphcmdb.graph import enums as g
from graphcmdb.graph.enums import ChangeState, IncidentPriority, IncidentState
from graphcmdb.itsm.conflicts import Conflict
from graphcmdb.itsm.failed_items import WarrantyStatus
from graphcmdb.itsm.states import CHANGE_STATES, INCIDENT_STATES
from graphcmdb.services.incident_reads import FailedItem


def _values(cls: type[Any], row: Row) -> dict[str, Any]:
    """The plain (resolver-less) fields of ``cls`` taken from ``row``."""
    fields = get_object_definition(cls, strict=True).fields
    values = {f.python_name: row.get(f.python_name) for f in fields if f.base_resolver is None}
    return values | {"labels": public_labels(row.get("labels", []))}


@strawberry.type(
    name="FailedItem",
    description="An affected CI with what the on-call engineer needs to call for help, "
    "judged on the day the incident was opened.",
)
class FailedItemType:
    ci: CIType
    asset: AssetType | None
    supportContract: ContractType | None = strawberry.field(
        description="The SUPPORT or MAINTENANCE contract covering the asset on that day."
    )
    vendor: VendorType | None = strawberry.field(description="The support contract's vendor.")
    warrantyStatus: WarrantyStatus


def to_failed_item(item: FailedItem) -> FailedItemType:
    return FailedItemType(
        ci=to_ci(item.ci),
        asset=to_asset(item.asset) if item.asset else None,
        supportContract=to_contract(item.contract) if item.contract else None,
        vendor=to_vendor(item.vendor) if item.vendor else None,
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
    async def modifies(self, info: Info) -> list[CIType]:
        return [to_ci(r) for r in await info.context.loaders.change_modifies.load(self.id)]

    @strawberry.field(description="The maintenance risk of the modified CIs on today's graph.")
    async def liveRisk(self, info: Info) -> MaintenanceRiskReport:
        graph, risk = await info.context.loaders.change_risk.load(self.id)
        return to_risk(graph, risk)

    @strawberry.field(
        description="Incidents resolved with this change as their cause, newest first."
    )
    async def causedIncidents(self, info: Info) -> list[IncidentType]:
        return [to_incident(r) for r in await info.context.loaders.caused_incidents.load(self.id)]


def to_change(row: Row) -> ChangeType:
    values = _values(ChangeType, row)
    values.update(
        state=g.ChangeState(row["state"]),
        risk=RiskLevel(row["risk"]) if row.get("risk") else None,
    )
    return ChangeType(**values)


IncidentCause = Annotated[CIType | ChangeType, strawberry.union("IncidentCause")]


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

    @strawberry.field(description="States this incident may move to next.")
    def allowedTransitions(self) -> list[IncidentState]:
        return list(INCIDENT_STATES.allowed_next(g.IncidentState(self.state)))

    @strawberry.field(description="The CIs and services the incident affects, by name.")
    async def affects(self, info: Info) -> list[Node]:
        return [to_node(r) for r in await info.context.loaders.incident_affects.load(self.id)]

    @strawberry.field(description="What caused it (a CI or a change), once resolved.")
    async def cause(self, info: Info) -> IncidentCause | None:
        row = await info.context.loaders.incident_cause.load(self.id)
        if row is None:
            return None
        return to_change(row) if "Change" in row.get("labels", []) else to_ci(row)

    @strawberry.field(
        description="Impact analysis with every affected CI and service DOWN, on today's graph."
    )
    async def impact(self, info: Info) -> ImpactReportType:
        return to_report(await info.context.loaders.incident_impact.load(self.id))

    @strawberry.field(description="Services DOWN or DEGRADED by the incident, as impact orders.")
    async def servicesHit(self, info: Info) -> list[ServiceType]:
        report = await info.context.loaders.incident_impact.load(self.id)
        rows = await info.context.loaders.service.load_many([s.node.id for s in report.services])
        return [to_service(r) for r in rows if r is not None]

    @strawberry.field(description="Each affected CI with its asset, support and warranty.")
    async def failedItems(self, info: Info) -> list[FailedItemType]:
        return [to_failed_item(i) for i in await info.context.loaders.failed_items.load(self.id)]


def to_incident(row: Row) -> IncidentType:
    values = _values(IncidentType, row)
    values.update(
        priority=g.IncidentPriority(row["priority"]),
        state=g.IncidentState(row["state"]),
        reopenCount=int(row.get("reopenCount") or 0),
    )
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
    async def sharedServices(self, info: Info) -> list[ServiceType]:
        rows = await info.context.loaders.service.load_many(list(self.serviceIds))
        return sorted((to_service(r) for r in rows if r), key=lambda s: (s.name, s.id))

    @strawberry.field(description="CIs both changes modify, by name.")
    async def sharedCIs(self, info: Info) -> list[CIType]:
        rows = await info.context.loaders.ci.load_many(list(self.ciIds))
        return sorted((to_ci(r) for r in rows if r), key=lambda c: (c.name, c.id))


def to_conflict(conflict: Conflict, changes: dict[str, Row]) -> ChangeConflictType:
    return ChangeConflictType(
        first=to_change(changes[conflict.first.id]),
        second=to_change(changes[conflict.second.id]),
        overlapStart=conflict.overlap_start,
        overlapEnd=conflict.overlap_end,
        serviceIds=conflict.shared_service_ids,
        ciIds=conflict.shared_ci_ids,
    )
