"""GraphQL types for single points of failure, root causes, change risk and trees."""

from __future__ import annotations

import strawberry

from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.api.graphql.impact.node_ref import ImpactNodeRef, ImpactStatus, to_ref, to_status
from graphcmdb.api.graphql.impact.risk_level import RiskLevel
from graphcmdb.graph.enums import DependencyKind, RelType
from graphcmdb.impact import maintenance as m
from graphcmdb.impact.model import NeedsGraph, Status
from graphcmdb.impact.rootcause import Candidate
from graphcmdb.impact.tree import TreeEntry
from graphcmdb.services.resilience import SinglePoint


@strawberry.type
class SinglePointOfFailure:
    ci: ImpactNodeRef
    servicesTakenDown: list[ImpactNodeRef] = strawberry.field(
        description="Every service this CI alone takes DOWN (for a token with scopes: "
        "those it sees)."
    )
    serviceCount: int = strawberry.field(
        description="How many services it takes DOWN, those outside your scopes included "
        "(the ranking key)."
    )


def to_spof(point: SinglePoint) -> SinglePointOfFailure:
    return SinglePointOfFailure(
        ci=to_ref(point.ci),
        servicesTakenDown=[to_ref(s) for s in point.services_down],
        serviceCount=point.service_count,
    )


@strawberry.type
class PredictedStatus:
    node: ImpactNodeRef
    status: ImpactStatus | None = strawberry.field(description="null: not impacted.")


@strawberry.type
class RootCauseCandidate:
    cis: list[ImpactNodeRef]
    explains: int = strawberry.field(description="How many of the symptoms it explains.")
    extraImpacted: int = strawberry.field(
        description="Nodes it would also impact that were not reported (fewer = more specific)."
    )
    predicted: list[PredictedStatus]


def to_candidate(graph: NeedsGraph, candidate: Candidate) -> RootCauseCandidate:
    return RootCauseCandidate(
        cis=[to_ref(graph.nodes[i]) for i in candidate.ids],
        explains=candidate.explains,
        extraImpacted=candidate.extra_impacted,
        predicted=[
            PredictedStatus(node=to_ref(graph.nodes[i]), status=to_status(s) if s else None)
            for i, s in candidate.statuses.items()
        ],
    )


@strawberry.type(description="One row of a dependency tree; parentKey links rows into the tree.")
class DependencyTreeEntry:
    key: str
    parentKey: str | None
    depth: int
    node: ImpactNodeRef
    via: RelType | None
    kind: DependencyKind | None
    redundancyGroup: bool = strawberry.field(
        description="A cluster: minAvailable of its MEMBER_OF children must be up."
    )
    minAvailable: int | None
    memberCount: int | None
    repeated: bool = strawberry.field(
        description="Already shown elsewhere in the tree; not expanded again."
    )


def to_tree_entry(entry: TreeEntry) -> DependencyTreeEntry:
    kind = None
    if entry.via is not None and entry.via is not RelType.MEMBER_OF:
        kind = DependencyKind.HARD if entry.hard else DependencyKind.SOFT
    cluster = entry.node.is_cluster
    return from_record(
        DependencyTreeEntry,
        entry,
        node=to_ref(entry.node),
        kind=kind,
        redundancyGroup=cluster,
        minAvailable=entry.node.min_available if cluster else None,
        memberCount=entry.node.member_count if cluster else None,
    )


@strawberry.type
class ServiceAtRisk:
    service: ImpactNodeRef
    status: ImpactStatus | None = strawberry.field(description="null: still fully up.")
    users: int | None
    path: list[str]


@strawberry.type
class RedundancyLoss:
    cluster: ImpactNodeRef
    minAvailable: int
    memberCount: int
    membersDown: int
    services: list[ServiceAtRisk] = strawberry.field(
        description="Services above the cluster that still run: one more failure hits them."
    )


@strawberry.type
class MaintenanceRiskReport:
    risk: RiskLevel
    servicesDown: list[ServiceAtRisk]
    servicesDegraded: list[ServiceAtRisk]
    redundancyLost: list[RedundancyLoss]
    impactedCount: int


def _at_risk(graph: NeedsGraph, s: m.ServiceAtRisk) -> ServiceAtRisk:
    status = to_status(s.status) if s.status is not Status.OK else None
    return ServiceAtRisk(
        service=to_ref(graph.nodes[s.id]), status=status, users=s.users, path=list(s.path)
    )


def to_risk(graph: NeedsGraph, risk: m.MaintenanceRisk) -> MaintenanceRiskReport:
    return MaintenanceRiskReport(
        risk=RiskLevel(risk.risk),
        servicesDown=[_at_risk(graph, s) for s in risk.services_down],
        servicesDegraded=[_at_risk(graph, s) for s in risk.services_degraded],
        redundancyLost=[
            RedundancyLoss(
                cluster=to_ref(graph.nodes[r.id]),
                minAvailable=r.min_available,
                memberCount=r.member_count,
                membersDown=r.members_down,
                services=[_at_risk(graph, s) for s in r.services],
            )
            for r in risk.redundancy_lost
        ],
        impactedCount=risk.impacted_count,
    )
