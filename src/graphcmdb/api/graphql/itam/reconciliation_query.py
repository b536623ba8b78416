"""Reconciliation reports ITAM <-> CMDB (viewer role)."""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.core.node import public_labels
from graphcmdb.api.graphql.impact.node_ref import ImpactNodeRef
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.db.database import Row
from graphcmdb.services import reconciliation


def _ref(row: Row) -> ImpactNodeRef:
    return ImpactNodeRef(
        id=strawberry.ID(row["id"]),
        name=row.get("name") or row["id"],
        labels=public_labels(row.get("labels", [])),
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


def _service_ref(row: Row) -> ImpactNodeRef:
    return ImpactNodeRef(
        id=strawberry.ID(row["id"]),
        name=row["name"],
        labels=public_labels(row.get("labels", [])),
        criticality=row.get("criticality"),
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
        rows = await reconciliation.shadow_it(info.context.db, limit)
        return [
            ShadowCI(
                id=r["id"],
                name=r["name"],
                ciClass=r["ciClass"],
                serialNumber=r.get("serialNumber"),
                lastSeen=r.get("lastSeen"),
                sources=r.get("sources") or [],
            )
            for r in rows
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
                assetId=g.asset["id"],
                assetTag=g.asset["assetTag"],
                name=g.asset.get("name"),
                ciId=g.ci["id"] if g.ci else None,
                ciName=g.ci["name"] if g.ci else None,
                lastSeen=g.ci.get("lastSeen") if g.ci else None,
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
                assetId=r["asset"]["id"],
                assetTag=r["asset"]["assetTag"],
                lifecycleState=r["asset"]["lifecycleState"],
                ciId=r["ci"]["id"],
                ciName=r["ci"]["name"],
                dependents=[_ref(d) for d in r["dependents"]],
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
                assetId=r["asset"]["id"],
                assetTag=r["asset"]["assetTag"],
                name=r["asset"].get("name"),
                lifecycleState=r["asset"]["lifecycleState"],
                warrantyEnd=r["asset"].get("warrantyEnd"),
                ciId=r["ci"]["id"],
                ciName=r["ci"]["name"],
                services=[_service_ref(s) for s in r["services"]],
            )
            for r in rows
        ]
