"""GraphQL object types for the core CMDB: CIs, services and their edges.

Plain fields come from ``domain.models`` (``CIFields``, ``ServiceFields``). Core is the
lowest domain: types of the others are lazy references (``refs``) and their converters
are reached through late handles (``late``), so core imports none of them.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.audit_types import AuditEntry, history_field
from graphcmdb.api.graphql.compact import Compact
from graphcmdb.api.graphql.connections import Connection
from graphcmdb.api.graphql.core import named_tree
from graphcmdb.api.graphql.core.edges import edge_kind
from graphcmdb.api.graphql.core.named import names_only, per_field
from graphcmdb.api.graphql.core.node import GenericNode, Node, plain_values, public_labels
from graphcmdb.api.graphql.core.plan_types import IdentityPlan
from graphcmdb.api.graphql.core.status_types import (
    CIStatusChangeType,
    ServiceStatusChangeType,
    to_service_status_change,
    to_status_change,
)
from graphcmdb.api.graphql.from_models import model_output
from graphcmdb.api.graphql.late import asset_types, itsm_types, license_types
from graphcmdb.api.graphql.loaders import RECENT_INCIDENTS
from graphcmdb.api.graphql.refs import AssetRef, IncidentRef, InstallationRef
from graphcmdb.domain.models import CIFields, ServiceFields
from graphcmdb.domain.records import AnyNodeRecord, CIRecord, ServiceRecord
from graphcmdb.graph.enums import CIClass, CIStatus, DependencyKind, Environment, RelType
from graphcmdb.services.relations import Edge


async def incidents_of(info: Info, node_id: str, open_only: bool) -> list[IncidentRef]:
    """Incidents hitting ``node_id`` (batched per request): open ones, or the most recent."""
    loaders = info.context.loaders
    rows = await (loaders.open_incidents if open_only else loaders.recent_incidents).load(node_id)
    return [itsm_types.to_incident(r) for r in rows]


@strawberry.interface(description="A node incidents can affect: a CI or a business service.")
class Affectable:
    id: strawberry.ID

    @strawberry.field(
        description=f"The {RECENT_INCIDENTS} newest incidents affecting this node or anything "
        "it needs (transitively); incidents(filter: {ciId | serviceId}) pages through all."
    )
    async def incidents(self, info: Info) -> list[IncidentRef]:
        return await incidents_of(info, self.id, open_only=False)

    @strawberry.field(
        description="Open incidents (NEW, IN_PROGRESS) affecting this node or anything it needs."
    )
    async def openIncidents(self, info: Info) -> list[IncidentRef]:
        return await incidents_of(info, self.id, open_only=True)


@strawberry.type(description="One edge of the 'needs' graph, seen from one of its ends.")
class DependencyEdge:
    id: strawberry.ID | None
    type: RelType
    kind: DependencyKind | None
    node: Node


def to_edge(edge: Edge, named: bool = False) -> DependencyEdge:
    """``named``: the far node as :func:`to_named_node` builds it (id, name, labels)."""
    return DependencyEdge(
        id=strawberry.ID(edge.rel_id) if edge.rel_id else None,
        type=edge.type,
        kind=edge_kind(edge.type.value, edge.kind),
        node=to_named_node(edge.node) if named else to_node(edge.node),
    )


@strawberry.interface(description="A node of the 'needs' graph: a CI or a business service.")
class Dependable(Node):
    @strawberry.field(description="What this node needs (for a cluster: also its members).")
    async def dependsOn(self, info: Info) -> list[DependencyEdge]:
        loaders = info.context.loaders
        if names_only(info):  # no whole nodes for an {id name} selection
            return await _named_edges(info, await loaders.depends_on_names.load(self.id))
        return [to_edge(r) for r in await loaders.depends_on.load(self.id)]

    @strawberry.field(description="What needs this node (for a cluster member: its clusters).")
    async def dependents(self, info: Info) -> list[DependencyEdge]:
        loaders = info.context.loaders
        if names_only(info):
            return await _named_edges(info, await loaders.dependents_names.load(self.id))
        return [to_edge(r) for r in await loaders.dependents.load(self.id)]


async def _named_edges(info: Info, edges: list[Edge]) -> list[DependencyEdge]:
    """Edges read by name, with the lists asked below them, completed in one pass
    (``named_tree.py``); completed the ordinary way, each is :func:`to_edge`'s."""
    below = per_field(info, named_tree.asked_below)
    if below is None:
        return [to_edge(edge, True) for edge in edges]
    trees = await named_tree.rows(info, edges, below)
    built = Compact(trees, lambda row: to_edge(row.edge, True), named_tree.EDGE_TREE)
    return cast(list[DependencyEdge], built)  # completed by compact.CompactExecution


@strawberry.type(name="CI", description="A configuration item.")
@model_output(CIFields, non_null=("status", "ipAddresses", "macAddresses"))
class CIType(Dependable, Affectable):
    ciClass: CIClass
    classSource: str | None = strawberry.field(
        description="Who set the class: person, discovery or import (a more trusted "
        "source may correct it; see the README)."
    )
    status: CIStatus
    environment: Environment | None
    sources: list[str]
    firstSeen: datetime | None
    lastSeen: datetime | None
    createdAt: datetime
    updatedAt: datetime
    history: Connection[AuditEntry] = history_field()

    @strawberry.field(description="Business services that need this CI, directly or transitively.")
    async def services(self, info: Info) -> list[ServiceType]:
        rows = await info.context.loaders.supported_services.load(self.id)
        return [to_service(r) for r in rows]

    @strawberry.field(description="The ITAM record (asset) of this CI, if any.")
    async def asset(self, info: Info) -> AssetRef | None:
        row = await info.context.loaders.asset_by_ci.load(self.id)
        return asset_types.to_asset(row) if row else None

    @strawberry.field(description="Software installed on this CI (HAS_INSTALLED), by product.")
    async def installedSoftware(self, info: Info) -> list[InstallationRef]:
        rows = await info.context.loaders.installed.load(self.id)
        return [license_types.to_installation(r) for r in rows]

    @strawberry.field(
        description="Who reported each address (IP, MAC) of this CI, first and last seen."
    )
    async def addressFacts(self, info: Info) -> list[AddressFactType]:
        facts = await info.context.loaders.address_facts.load(self.id)
        return [
            AddressFactType(
                kind=f.kind.value,
                address=f.address,
                source=f.source,
                firstSeen=f.first_seen,
                lastSeen=f.last_seen,
                missedRuns=f.missed,
                droppedAt=f.dropped_at,
            )
            for f in facts
        ]

    @strawberry.field(
        description="Status changes monitoring events made to this CI, newest first (at "
        "most 100): from, to, when, and the alert that did it."
    )
    async def statusHistory(self, info: Info) -> list[CIStatusChangeType]:
        changes = await info.context.loaders.status_history.load(self.id)
        return [to_status_change(c) for c in changes]


@strawberry.type(name="AddressFact")
class AddressFactType:
    kind: str = strawberry.field(description="IP or MAC.")
    address: str
    source: str = strawberry.field(description="snmp, import, api …")
    firstSeen: datetime
    lastSeen: datetime
    missedRuns: int = strawberry.field(
        description="Runs in a row this source reached the CI without seeing the address."
    )
    droppedAt: datetime | None = strawberry.field(
        description="When the address left the CI: seen on another CI, or not seen for "
        "address_drop_after_runs runs (null: the CI still has it)."
    )


@strawberry.type(name="Service", description="A business service.")
@model_output(ServiceFields, non_null=("criticality", "users"))
class ServiceType(Dependable, Affectable):
    createdAt: datetime
    updatedAt: datetime
    history: Connection[AuditEntry] = history_field()

    @strawberry.field(
        description="The service's status as monitoring last set it when it re-ran impact "
        "(its newest status move: DOWN, DEGRADED or OPERATIONAL); OPERATIONAL when "
        "monitoring never moved it. Live: the liveStatus subscription pushes each move."
    )
    async def status(self, info: Info) -> CIStatus:
        status: CIStatus = await info.context.loaders.service_status.load(self.id)
        return status

    @strawberry.field(
        description="Moves of this service's status made when monitoring re-ran impact, "
        "newest first (at most 100), each with the automatic incident that followed or the "
        "change that suppressed it."
    )
    async def statusHistory(self, info: Info) -> list[ServiceStatusChangeType]:
        changes = await info.context.loaders.service_status_history.load(self.id)
        return [to_service_status_change(c) for c in changes]


def to_ci(ci: CIRecord) -> CIType:
    values = plain_values(ci, CIType)
    values.update(
        status=ci.status or CIStatus.UNKNOWN,
        ipAddresses=ci.ipAddresses or [],
        macAddresses=ci.macAddresses or [],
        sources=ci.sources or [],
    )
    return CIType(**values)


def to_service(service: ServiceRecord) -> ServiceType:
    values = plain_values(service, ServiceType)
    values.update(criticality=service.criticality or 3, users=service.users or 0)
    return ServiceType(**values)


def to_node(node: AnyNodeRecord) -> Node:
    if isinstance(node, CIRecord):
        return to_ci(node)
    if isinstance(node, ServiceRecord):
        return to_service(node)
    return GenericNode(id=strawberry.ID(node.id), name=node.name, labels=public_labels(node.labels))


@strawberry.type
class UpsertResult:
    created: int
    updated: int
    unchanged: int = strawberry.field(description="Rows that matched and changed nothing.")
    ids: list[strawberry.ID]
    plan: IdentityPlan | None = strawberry.field(
        default=None, description="Per row, what identification decided (and wrote)."
    )


#: the object a node read by name is built as, per :func:`named_tree.type_name`
_NAMED_KINDS: dict[str, type[Node]] = {"CI": CIType, "Service": ServiceType}


def to_named_node(node: AnyNodeRecord) -> Node:
    """The GraphQL node of a named edge: of its type (so ``... on Dependable`` applies),
    with only its id, name and labels set; :func:`named.names_only` saw to it that nothing
    else is read."""
    labels = public_labels(node.labels)
    kind = _NAMED_KINDS.get(named_tree.type_name(node.labels), GenericNode)
    if kind is GenericNode:
        return GenericNode(id=strawberry.ID(node.id), name=node.name, labels=labels)
    named = kind.__new__(kind)
    named.id, named.name, named.labels = strawberry.ID(node.id), node.name, labels
    return named
