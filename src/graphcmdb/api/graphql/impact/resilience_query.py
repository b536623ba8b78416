"""Root queries beyond the blast radius (viewer role)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.as_of_values import mark
from graphcmdb.api.graphql.impact.resilience_types import (
    DependencyTreeEntry,
    MaintenanceRiskReport,
    RootCauseCandidate,
    SinglePointOfFailure,
    to_candidate,
    to_risk,
    to_spof,
    to_tree_entry,
)
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.api.graphql.query_fields import AsOf
from graphcmdb.db.history import reading_as_of
from graphcmdb.services import resilience


@strawberry.type
class ResilienceQuery:
    @strawberry.field(
        permission_classes=[IsViewer],
        description=(
            "CIs whose failure alone takes the service DOWN (redundancy respected), ranked by "
            "how many services each would take down."
        ),
    )
    async def singlePointsOfFailure(
        self, info: Info, serviceId: strawberry.ID, asOf: AsOf = None
    ) -> list[SinglePointOfFailure]:
        with reading_as_of(asOf):
            found = await resilience.single_points(info.context.db, serviceId)
        return mark([to_spof(p) for p in found], asOf)

    @strawberry.field(
        permission_classes=[IsViewer],
        description=(
            "The smallest sets of CIs whose failure explains the observed symptoms, most "
            "specific first. observedDown: symptoms known to be DOWN, not just degraded. "
            "asOf: on the graph of that moment."
        ),
    )
    async def rootCauseCandidates(
        self,
        info: Info,
        impacted: list[strawberry.ID],
        observedDown: list[strawberry.ID] | None = None,
        limit: int = 10,
        asOf: AsOf = None,
    ) -> list[RootCauseCandidate]:
        with reading_as_of(asOf):
            graph, found = await resilience.root_causes(
                info.context.db, impacted, observedDown or [], min(max(limit, 1), 50)
            )
        return mark([to_candidate(graph, c) for c in found], asOf)

    @strawberry.field(
        permission_classes=[IsViewer],
        description=(
            "Taking these CIs down for a change: services that go DOWN or DEGRADED, and "
            "clusters left exactly at quorum."
        ),
    )
    async def maintenanceRisk(
        self, info: Info, ciIds: list[strawberry.ID]
    ) -> MaintenanceRiskReport:
        graph, risk = await resilience.change_risk(info.context.db, ciIds)
        return to_risk(graph, risk)

    @strawberry.field(
        permission_classes=[IsViewer],
        description=(
            "Everything a service needs as a tree (flat rows linked by parentKey), clusters "
            "marked as redundancy groups."
        ),
    )
    async def dependencyTree(
        self, info: Info, serviceId: strawberry.ID, depth: int = 10, asOf: AsOf = None
    ) -> list[DependencyTreeEntry]:
        with reading_as_of(asOf):
            entries = await resilience.service_tree(info.context.db, serviceId, depth)
        return mark([to_tree_entry(e) for e in entries], asOf)
