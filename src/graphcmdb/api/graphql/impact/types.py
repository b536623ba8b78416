"""GraphQL types of impact analysis."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.core import types as core_types
from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.api.graphql.impact.node_ref import ImpactNodeRef, ImpactStatus, to_ref, to_status
from graphcmdb.api.graphql.refs import IncidentRef, ServiceRef
from graphcmdb.services.impact import ImpactedNode, ImpactReport


@strawberry.type
class ImpactSummaryType:
    nodesDown: int
    nodesDegraded: int
    servicesDown: int
    servicesDegraded: int
    usersAffected: int = strawberry.field(description="Sum of users of impacted services.")
    nodesHidden: int = strawberry.field(
        description="Impacted nodes outside your token's scopes: counted in every total "
        "here, listed as placeholders (hidden: true, no id or name of theirs), left out "
        "of services. Always 0 for a token without scopes."
    )


@strawberry.type(name="NodeImpact")
class NodeImpactType:
    node: ImpactNodeRef
    status: ImpactStatus
    distance: int = strawberry.field(description="Hops from the nearest failed input.")
    path: list[str] = strawberry.field(
        description="Names from a failed input to this node, along the edges that carried it."
    )
    pathIds: list[strawberry.ID]


@strawberry.type(name="ServiceImpact")
class ServiceImpactType:
    serviceId: strawberry.Private[str]
    status: ImpactStatus
    distance: int
    path: list[str]
    pathIds: list[strawberry.ID]

    @strawberry.field
    async def service(self, info: Info) -> ServiceRef:
        row = await info.context.loaders.service.load(self.serviceId)
        return core_types.to_service(row)

    @strawberry.field(
        description="Open incidents (NEW, IN_PROGRESS) affecting the service or anything it "
        "needs, newest first (one query for the whole report)."
    )
    async def openIncidents(self, info: Info) -> list[IncidentRef]:
        return await core_types.incidents_of(info, self.serviceId, open_only=True)


@strawberry.type(name="ImpactReport")
class ImpactReportType:
    summary: ImpactSummaryType
    services: list[ServiceImpactType]
    nodes: list[NodeImpactType]


def _ids(item: ImpactedNode) -> list[strawberry.ID]:
    return [strawberry.ID(i) for i in item.path_ids]


def to_report(report: ImpactReport) -> ImpactReportType:
    return ImpactReportType(
        summary=from_record(ImpactSummaryType, report.summary),
        services=[
            ServiceImpactType(
                serviceId=i.node.id,
                status=to_status(i.status),
                distance=i.distance,
                path=list(i.path),
                pathIds=_ids(i),
            )
            for i in report.services
        ],
        nodes=[
            NodeImpactType(
                node=to_ref(i.node, i.hidden),
                status=to_status(i.status),
                distance=i.distance,
                path=list(i.path),
                pathIds=_ids(i),
            )
            for i in report.nodes
        ],
    )
