"""GraphQL object types for the core CMDB. Built from service-layer rows."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info, get_object_definition

from graphcmdb.api.graphql.core.affectable import Affectable
from graphcmdb.db.database import Row
from graphcmdb.graph.enums import CIClass, CIStatus, DependencyKind, Environment, RelType, Role
from graphcmdb.services.graph_view import GraphView as ServiceGraphView

if TYPE_CHECKING:
    from graphcmdb.api.graphql.itam.asset_types import AssetType
    from graphcmdb.api.graphql.itam.licence_types import Installation

HIDDEN_LABELS = frozenset({"Entity"})


def public_labels(labels: list[str]) -> list[str]:
    return [label for label in labels if label not in HIDDEN_LABELS]


@strawberry.interface(description="Anything with a server-generated id.")
class Node:
    id: strawberry.ID
    name: str
    labels: list[str]


@strawberry.type(description="One edge of the 'needs' graph, seen from one of its ends.")
class DependencyEdge:
    id: strawberry.ID | None
    type: RelType
    kind: DependencyKind | None
    node: Node


def edge_kind(rel_type: str, stored: str | None) -> DependencyKind | None:
    """DEPENDS_ON carries its kind; RUNS_ON and HOSTED_ON are hard by definition."""
    if stored:
        return DependencyKind(stored.upper())
    hard_by_type = rel_type in (RelType.RUNS_ON.value, RelType.HOSTED_ON.value)
    return DependencyKind.HARD if hard_by_type else None


def to_edge(row: Row) -> DependencyEdge:
    return DependencyEdge(
        id=row.get("relId"),
        type=RelType(row["type"]),
        kind=edge_kind(row["type"], row.get("kind")),
        node=to_node(row["node"]),
    )


@strawberry.interface(description="A node of the 'needs' graph: a CI or a business service.")
class Dependable(Node):
    @strawberry.field(description="What this node needs (for a cluster: also its members).")
    async def dependsOn(self, info: Info) -> list[DependencyEdge]:
        return [to_edge(r) for r in await info.context.loaders.depends_on.load(self.id)]

    @strawberry.field(description="What needs this node (for a cluster member: its clusters).")
    async def dependents(self, info: Info) -> list[DependencyEdge]:
        return [to_edge(r) for r in await info.context.loaders.dependents.load(self.id)]


@strawberry.type(name="CI", description="A configuration item.")
class CIType(Dependable, Affectable):
    ciClass: CIClass
    status: CIStatus
    environment: Environment | None
    criticality: int | None
    hostname: str | None
    fqdn: str | None
    ipAddresses: list[str]
    macAddresses: list[str]
    serialNumber: str | None
    manufacturer: str | None
    model: str | None
    os: str | None
    cores: int | None
    minAvailable: int | None
    sysObjectId: str | None
    description: str | None
    sources: list[str]
    firstSeen: datetime | None
    lastSeen: datetime | None
    createdAt: datetime
    updatedAt: datetime

    @strawberry.field(description="Business services that need this CI, directly or transitively.")
    async def services(self, info: Info) -> list[ServiceType]:
        return [to_service(r) for r in await info.context.loaders.supported_services.load(self.id)]

    @strawberry.field(description="The ITAM record (asset) of this CI, if any.")
    async def asset(
        self, info: Info
    ) -> Annotated[AssetType, strawberry.lazy("graphcmdb.api.graphql.itam.asset_types")] | None:
        from graphcmdb.api.graphql.itam.asset_types import (
            to_asset,  # itam_types imports this module
        )

        row = await info.context.loaders.asset_by_ci.load(self.id)
        return to_asset(row) if row else None

    @strawberry.field(description="Software installed on this CI (HAS_INSTALLED), by product.")
    async def installedSoftware(
        self, info: Info
    ) -> list[Annotated[Installation, strawberry.lazy("graphcmdb.api.graphql.itam.licence_types")]]:
        from graphcmdb.api.graphql.itam.licence_types import to_installation  # imports this module

        return [to_installation(r) for r in await info.context.loaders.installed.load(self.id)]


@strawberry.type(name="Service", description="A business service.")
class ServiceType(Dependable, Affectable):
    criticality: int
    users: int
    slaTarget: float | None
    owner: str | None
    description: str | None
    createdAt: datetime
    updatedAt: datetime


def _pick(row: Row, cls: type) -> dict[str, Any]:
    definition = get_object_definition(cls, strict=True)
    names = {f.name for f in definition.fields if f.base_resolver is None}
    return {name: row.get(name) for name in names}


def to_ci(row: Row) -> CIType:
    values = _pick(row, CIType)
    values.update(
        id=row["id"],
        labels=public_labels(row.get("labels", [])),
        ciClass=CIClass(row["ciClass"]),
        status=CIStatus(row.get("status") or "UNKNOWN"),
        environment=Environment(row["environment"]) if row.get("environment") else None,
        ipAddresses=row.get("ipAddresses") or [],
        macAddresses=row.get("macAddresses") or [],
        sources=row.get("sources") or [],
    )
    return CIType(**values)


def to_service(row: Row) -> ServiceType:
    values = _pick(row, ServiceType)
    values.update(
        id=row["id"],
        labels=public_labels(row.get("labels", [])),
        criticality=row.get("criticality") or 3,
        users=row.get("users") or 0,
    )
    return ServiceType(**values)


def to_node(row: Row) -> Node:
    labels = row.get("labels", [])
    if "CI" in labels:
        return to_ci(row)
    if "Service" in labels:
        return to_service(row)
    return GenericNode(id=row["id"], name=row.get("name") or "", labels=public_labels(labels))


@strawberry.type(description="A node of a label without a richer type yet.")
class GenericNode(Node):
    pass


@strawberry.type
class PageInfo:
    hasNextPage: bool
    hasPreviousPage: bool
    startCursor: str | None
    endCursor: str | None


@strawberry.type
class GraphNode:
    id: strawberry.ID
    name: str
    labels: list[str]
    status: str | None


@strawberry.type
class GraphEdge:
    id: strawberry.ID
    source: strawberry.ID
    target: strawberry.ID
    type: RelType
    kind: DependencyKind | None


@strawberry.type(description="A neighbourhood for the explorer.")
class GraphView:
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool


def to_graph_view(view: ServiceGraphView) -> GraphView:
    """The same node and edge shape as the ``graph`` query, in the service's order."""
    return GraphView(
        nodes=[
            GraphNode(
                id=n["id"],
                name=n.get("name") or "",
                status=n.get("status"),
                labels=public_labels(n["labels"]),
            )
            for n in view.nodes.values()
        ],
        edges=[
            GraphEdge(
                id=e["id"],
                source=e["source"],
                target=e["target"],
                type=RelType(e["type"]),
                kind=edge_kind(e["type"], e.get("kind")),
            )
            for e in view.edges.values()
        ],
        truncated=view.truncated,
    )


@strawberry.type
class AuditEntry:
    id: strawberry.ID
    at: datetime
    actor: str
    operation: str
    targetIds: list[strawberry.ID]
    before: strawberry.scalars.JSON | None
    after: strawberry.scalars.JSON | None
    requestId: str | None


@strawberry.type
class ApiToken:
    id: strawberry.ID
    name: str
    role: Role
    prefix: str
    createdAt: datetime
    revokedAt: datetime | None


def to_token(row: Row) -> ApiToken:
    return ApiToken(
        id=row["id"],
        name=row["name"],
        role=Role(row["role"]),
        prefix=row["prefix"],
        createdAt=row["createdAt"],
        revokedAt=row.get("revokedAt"),
    )


@strawberry.type
class IssuedToken:
    token: str = strawberry.field(description="Shown once; only its hash is stored.")
    apiToken: ApiToken


@strawberry.type
class UpsertResult:
    created: int
    updated: int
    unchanged: int = strawberry.field(description="Rows that matched and changed nothing.")
    ids: list[strawberry.ID]
