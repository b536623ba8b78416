"""Reconciliation reports ITAM <-> CMDB (viewer role)."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.core.node import public_labels
from graphcmdb.api.graphql.impact.node_ref import ImpactNodeRef
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.domain.records import AnyNodeRecord, ServiceRecord
from graphcmdb.services import reconciliation


def _ref(node: AnyNodeRecord) -> ImpactNodeRef:
    return ImpactNodeRef(
        id=strawberry.ID(node.id),
        name=node.name or node.id,
        labels=public_labels(node.labels),
        criticality=None,
    )


@strawberry.type
class ShadowCI:
    id: strawberry.ID
    name: str
    ciClass: str
    serialNumber: str | None
    lastSeen: datetime | None
    sources: list[str]


@strawberry.enum
class GhostReason(Enum):
    NO_CI = "NO_CI"
    NEVER_SEEN = "NEVER_SEEN"
    NOT_SEEN_SINCE = "NOT_SEEN_SINCE"


@strawberry.type
class GhostAsset:
    assetId: strawberry.ID
    assetTag: str
    name: str | None
    ciId: strawberry.ID | None
    ciName: str | None
    lastSeen: datetime | None
    reason: GhostReason


@strawberry.type
class RetiredStillNeeded:
    assetId: strawberry.ID
    assetTag: str
    lifecycleState: str
    ciId: strawberry.ID
    ciName: str
    dependents: list[ImpactNodeRef]


@strawberry.type
class UnsupportedCriticalAsset:
    assetId: strawberry.ID
    assetTag: str
    name: str | None
    lifecycleState: str
    warrantyEnd: date | None = strawberry.field(description="Null: no warranty on record.")
    ciId: strawberry.ID
    ciName: str
    services: list[ImpactNodeRef] = strawberry.field(
        description="Services of at least minCriticality that need the CI, most critical first."
    )


def _service_ref(service: ServiceRecord) -> ImpactNodeRef:
    return ImpactNodeRef(
        id=strawberry.ID(service.id),
        name=service.name,
        labels=public_labels(service.labels),
        criticality=service.criticality,
    )


@strawberry.type
class ReconciliationQuery:
    @strawberry.field(
        permission_classes=[IsViewer],
        description=(
            "Hardware CIs (servers, network, storage, load balancers) that no asset tracks."
        ),
    )
    async def shadowIT(self, info: Info, limit: int = 1000) -> list[ShadowCI]:
        cis = await reconciliation.shadow_it(info.context.db, limit)
        return [
            ShadowCI(
                id=strawberry.ID(c.id),
                name=c.name,
                ciClass=c.ciClass.value,
                serialNumber=c.serialNumber,
                lastSeen=c.lastSeen,
                sources=c.sources or [],
            )
            for c in cis
        ]

    @strawberry.field(
        permission_classes=[IsViewer],
        description=("DEPLOYED assets with no CI, or whose CI was not seen for notSeenDays."),
    )
    async def ghostAssets(
        self, info: Info, notSeenDays: int = 30, asOf: datetime | None = None, limit: int = 1000
    ) -> list[GhostAsset]:
        ghosts = await reconciliation.ghost_assets(info.context.db, notSeenDays, asOf, limit)
        return [
            GhostAsset(
                assetId=strawberry.ID(g.asset.id),
                assetTag=g.asset.assetTag,
                name=g.asset.name,
                ciId=strawberry.ID(g.ci.id) if g.ci else None,
                ciName=g.ci.name if g.ci else None,
                lastSeen=g.ci.lastSeen if g.ci else None,
                reason=GhostReason(g.reason),
            )
            for g in ghosts
        ]

    @strawberry.field(
        permission_classes=[IsViewer],
        description=("Retired or disposed assets whose CI something still needs."),
    )
    async def retiredStillDependedOn(
        self, info: Info, limit: int = 1000
    ) -> list[RetiredStillNeeded]:
        rows = await reconciliation.retired_still_needed(info.context.db, limit)
        return [
            RetiredStillNeeded(
                assetId=strawberry.ID(r.asset.id),
                assetTag=r.asset.assetTag,
                lifecycleState=r.asset.lifecycleState.value,
                ciId=strawberry.ID(r.ci.id),
                ciName=r.ci.name,
                dependents=[_ref(d) for d in r.dependents],
            )
            for r in rows
        ]

    @strawberry.field(
        permission_classes=[IsViewer],
        description=(
            "Assets in use that are out of warranty (or have none recorded) and under no active "
            "SUPPORT or MAINTENANCE contract on asOf, yet needed by a service of criticality >= "
            "minCriticality."
        ),
    )
    async def unsupportedCriticalAssets(
        self, info: Info, minCriticality: int = 4, asOf: date | None = None, limit: int = 1000
    ) -> list[UnsupportedCriticalAsset]:
        rows = await reconciliation.unsupported_critical(
            info.context.db, minCriticality, asOf, limit
        )
        return [
            UnsupportedCriticalAsset(
                assetId=strawberry.ID(r.asset.id),
                assetTag=r.asset.assetTag,
                name=r.asset.name,
                lifecycleState=r.asset.lifecycleState.value,
                warrantyEnd=r.asset.warrantyEnd,
                ciId=strawberry.ID(r.ci.id),
                ciName=r.ci.name,
                services=[_service_ref(s) for s in r.services],
            )
            for r in rows
        ]
