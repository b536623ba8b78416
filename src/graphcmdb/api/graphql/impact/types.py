"""GraphQL types of impact analysis."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.compact import Compact, Shape
from graphcmdb.api.graphql.core import types as core_types
from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.api.graphql.impact.node_ref import ImpactNodeRef, ImpactStatus, to_ref, to_status
from graphcmdb.api.graphql.refs import IncidentRef, ServiceRef
from graphcmdb.impact.model import Status
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
    nodes: Compact[ImpactedNode, NodeImpactType] = strawberry.field(
        graphql_type=list[NodeImpactType]
    )


def _ids(item: ImpactedNode) -> list[strawberry.ID]:
    return [strawberry.ID(i) for i in item.path_ids]


def _node_impact(i: ImpactedNode) -> NodeImpactType:
    return NodeImpactType(
        node=to_ref(i.node, i.hidden),
        status=to_status(i.status),
        distance=i.distance,
        path=list(i.path),
        pathIds=_ids(i),
    )


def _status_name(i: ImpactedNode) -> str:
    return "DOWN" if i.status is Status.DOWN else "DEGRADED"


#: ``NodeImpact`` and its ``node`` read straight from the rows (``api/graphql/compact.py``);
#: each getter gives what completing the field of ``_node_impact``'s item would
NODE_IMPACT = Shape(
    scalars={
        "NodeImpact": {
            "status": _status_name,
            "distance": lambda i: i.distance,
            "path": lambda i: list(i.path),
            "pathIds": lambda i: list(i.path_ids),
        },
        "ImpactNodeRef": {
            "id": lambda i: i.node.id,
            "name": lambda i: i.node.name,
            "labels": lambda i: list(i.node.labels),
            "criticality": lambda i: i.node.criticality,
            "hidden": lambda i: i.hidden or i.node.hidden,
        },
    },
    # the node's fields read the same row (the ImpactedNode holds its NodeInfo)
    objects={"NodeImpact": {"node": (lambda i: i, "ImpactNodeRef")}},
)


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
        nodes=Compact(report.nodes, _node_impact, NODE_IMPACT),
    )
