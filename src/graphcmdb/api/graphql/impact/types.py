"""GraphQL types of impact analysis."""

from __future__ import annotations

from enum import Enum

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.core.affectable import IncidentRef, incidents_of
from graphcmdb.api.graphql.core.types import ServiceType, to_service
from graphcmdb.impact.model import NodeInfo, Status
from graphcmdb.services.impact import ImpactedNode, ImpactReport


@strawberry.enum(description="How badly a node is hit.")
class ImpactStatus(Enum):
    DOWN = "DOWN"
    DEGRADED = "DEGRADED"


def to_status(status: Status) -> ImpactStatus:
    return ImpactStatus.DOWN if status is Status.DOWN else ImpactStatus.DEGRADED


@strawberry.type(description="A node as impact analysis sees it (fetch more with node(id)).")
class ImpactNodeRef:
    id: strawberry.ID
    name: str
    labels: list[str]
    criticality: int | None


def to_ref(node: NodeInfo) -> ImpactNodeRef:
    return ImpactNodeRef(
        id=strawberry.ID(node.id),
        name=node.name,
        labels=list(node.labels),
        criticality=node.criticality,
    )


@strawberry.type
class ImpactSummaryType:
    nodesDown: int
    nodesDegraded: int
    servicesDown: int
    servicesDegraded: int
    usersAffected: int = strawberry.field(description="Sum of users of impacted services.")


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
    async def service(self, info: Info) -> ServiceType:
        row = await info.context.loaders.service.load(self.serviceId)
        return to_service(row)

    @strawberry.field(
        description="Open incidents (NEW, IN_PROGRESS) affecting the service or anything it "
        "needs, newest first (one query for the whole report)."
    )
    async def openIncidents(self, info: Info) -> list[IncidentRef]:
        return await incidents_of(info, self.serviceId, open_only=True)


@strawberry.type(name="ImpactReport")
class ImpactReportType:
    summary: ImpactSummaryType
    services: list[ServiceImpactType]
    nodes: list[NodeImpactType]


def _ids(item: ImpactedNode) -> list[strawberry.ID]:
    return [strawberry.ID(i) for i in item.path_ids]


def to_report(report: ImpactReport) -> ImpactReportType:
    s = report.summary
    return ImpactReportType(
        summary=ImpactSummaryType(
            nodesDown=s.nodes_down,
            nodesDegraded=s.nodes_degraded,
            servicesDown=s.services_down,
            servicesDegraded=s.services_degraded,
            usersAffected=s.users_affected,
        ),
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
                node=to_ref(i.node),
                status=to_status(i.status),
                distance=i.distance,
                path=list(i.path),
                pathIds=_ids(i),
            )
            for i in report.nodes
        ],
    )
