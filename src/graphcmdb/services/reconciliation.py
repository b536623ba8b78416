"""ITAM <-> CMDB reconciliation reports: where the asset register and the CMDB disagree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from graphcmdb.db.database import Database
from graphcmdb.db.queries import Q
from graphcmdb.domain.records import AnyNodeRecord, AssetRecord, CIRecord, ServiceRecord
from graphcmdb.domain.specs import ASSET_SPEC, CI_SPEC, SERVICE_SPEC
from graphcmdb.errors import LimitExceeded, ValidationFailed
from graphcmdb.graph.enums import CIClass, ContractKind
from graphcmdb.services import nodes
from graphcmdb.services.expiring import INACTIVE

#: CI classes that are hardware and so belong in the asset register. Applications,
#: databases, clusters and VMs are logical and need no asset of their own.
HARDWARE_CLASSES: tuple[CIClass, ...] = (
    CIClass.SERVER,
    CIClass.NETWORK_DEVICE,
    CIClass.STORAGE_DEVICE,
    CIClass.LOAD_BALANCER,
)
MAX_ROWS = 10_000
#: Contract kinds that keep hardware supported once its warranty has ended.
SUPPORT_KINDS: tuple[ContractKind, ...] = (ContractKind.SUPPORT, ContractKind.MAINTENANCE)


@dataclass(frozen=True)
class Ghost:
    asset: AssetRecord
    ci: CIRecord | None
    reason: str  # NO_CI, NEVER_SEEN or NOT_SEEN_SINCE


@dataclass(frozen=True)
class RetiredStillNeeded:
    """A retired or disposed asset, its CI, and what still needs that CI."""

    asset: AssetRecord
    ci: CIRecord
    dependents: list[AnyNodeRecord]


@dataclass(frozen=True)
class UnsupportedCritical:
    """An asset in use without warranty or support, its CI, and the critical services
    that need it (most critical first)."""

    asset: AssetRecord
    ci: CIRecord
    services: list[ServiceRecord]


def row_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_ROWS:
        raise LimitExceeded(
            f"limit must be between 1 and {MAX_ROWS}.", field="limit", limit=MAX_ROWS
        )
    return limit


async def shadow_it(db: Database, limit: int = 1000) -> list[CIRecord]:
    """Hardware CIs that no asset tracks: seen (or recorded) but never bought on paper."""
    rows = await db.read(
        Q.REPORT_SHADOW_IT, classes=[c.value for c in HARDWARE_CLASSES], limit=row_limit(limit)
    )
    return nodes.as_records(CI_SPEC, [r["ci"] for r in rows])


async def ghost_assets(
    db: Database, not_seen_days: int = 30, as_of: datetime | None = None, limit: int = 1000
) -> list[Ghost]:
    """DEPLOYED assets with no CI, or whose CI nobody has seen for ``not_seen_days``."""
    if not_seen_days < 0:
        raise ValidationFailed("notSeenDays must be zero or more.", field="notSeenDays")
    cutoff = (as_of or datetime.now(UTC)) - timedelta(days=not_seen_days)
    rows = await db.read(Q.REPORT_GHOST_ASSETS, cutoff=cutoff, limit=row_limit(limit))
    return [
        Ghost(
            asset=nodes.as_record(ASSET_SPEC, r["asset"]),
            ci=nodes.as_record(CI_SPEC, r["ci"]) if r["ci"] is not None else None,
            reason=r["reason"],
        )
        for r in rows
    ]


async def retired_still_needed(db: Database, limit: int = 1000) -> list[RetiredStillNeeded]:
    """Retired or disposed assets whose CI is still needed by something."""
    rows = await db.read(Q.REPORT_RETIRED_STILL_NEEDED, limit=row_limit(limit))
    return [
        RetiredStillNeeded(
            asset=nodes.as_record(ASSET_SPEC, r["asset"]),
            ci=nodes.as_record(CI_SPEC, r["ci"]),
            dependents=[nodes.as_node(d) for d in r["dependents"]],
        )
        for r in rows
    ]


async def unsupported_critical(
    db: Database, min_criticality: int = 4, as_of: date | None = None, limit: int = 1000
) -> list[UnsupportedCritical]:
    """Assets in use, out of warranty (or with none recorded) and under no active support
    or maintenance contract, that a service of criticality >= ``min_criticality`` needs."""
    if not 1 <= min_criticality <= 5:
        raise ValidationFailed("minCriticality must be between 1 and 5.", field="minCriticality")
    rows = await db.read(
        Q.REPORT_UNSUPPORTED_CRITICAL,
        asOf=as_of or date.today(),
        minCriticality=min_criticality,
        supportKinds=[k.value for k in SUPPORT_KINDS],
        inactiveStates=[s.value for s in INACTIVE],
        limit=row_limit(limit),
    )
    return [
        UnsupportedCritical(
            asset=nodes.as_record(ASSET_SPEC, r["asset"]),
            ci=nodes.as_record(CI_SPEC, r["ci"]),
            services=nodes.as_records(SERVICE_SPEC, r["services"]),
        )
        for r in rows
    ]
