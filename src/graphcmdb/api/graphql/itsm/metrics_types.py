"""GraphQL types for service levels and the KPI dashboard (rules in ``itsm.metrics``)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import strawberry

from graphcmdb.api.graphql.core.types import CIType, ServiceType, to_ci, to_service
from graphcmdb.api.graphql.from_models import from_record
from graphcmdb.api.graphql.itam.fleet_types import FleetValueLine, to_fleet_line
from graphcmdb.api.graphql.itam.money import Money
from graphcmdb.itam.expiry import ExpiringKind
from graphcmdb.itsm.metrics import Resolution
from graphcmdb.services.metrics import Dashboard, ItamKpis, ItsmKpis, ProblemCI, ServiceMetrics


def minutes(span: timedelta | None) -> float | None:
    return None if span is None else round(span.total_seconds() / 60, 2)


@strawberry.type(description="Incidents resolved in the window: how many, how fast.")
class ResolutionStats:
    resolved: int
    mttrMinutes: float | None = strawberry.field(description="Mean time to resolve.")
    firstContactRate: Decimal | None = strawberry.field(
        description="Percent resolved at first contact."
    )


def to_resolution(r: Resolution) -> ResolutionStats:
    return ResolutionStats(
        resolved=r.resolved, mttrMinutes=minutes(r.mttr), firstContactRate=r.first_contact_rate
    )


@strawberry.type
class PriorityResolution:
    priority: str
    resolution: ResolutionStats


@strawberry.type
class PriorityCount:
    priority: str
    count: int


def to_counts(counts: dict[str, int]) -> list[PriorityCount]:
    return [PriorityCount(priority=p, count=n) for p, n in counts.items()]


@strawberry.type(description="One service's level over the window.")
class ServiceLevelType:
    service: ServiceType
    incidents: int = strawberry.field(description="Incidents opened in the window holding it DOWN.")
    downtimeMinutes: float = strawberry.field(
        description="DOWN time in the window; overlapping incidents counted once."
    )
    availability: Decimal = strawberry.field(description="Percent of the window not DOWN.")
    slaTarget: Decimal | None
    compliant: bool | None = strawberry.field(description="Null without an SLA target.")
    resolution: ResolutionStats


def to_level(item: ServiceMetrics) -> ServiceLevelType:
    level = item.level
    return from_record(
        ServiceLevelType,
        level,
        service=to_service(item.service),
        downtimeMinutes=minutes(level.downtime) or 0.0,
        resolution=to_resolution(level.resolution),
    )


@strawberry.type(description="Service management figures over [from, to).")
class ItsmMetrics:
    from_: datetime = strawberry.field(name="from")
    to: datetime
    incidentsOpened: int
    resolution: ResolutionStats
    byPriority: list[PriorityResolution]
    slaCompliance: Decimal | None = strawberry.field(
        description="Percent of services with an SLA target that met it."
    )
    services: list[ServiceLevelType]
    openAtEndByPriority: list[PriorityCount] = strawberry.field(
        description="Incidents open at the window's end (or now, if earlier)."
    )


def to_itsm(k: ItsmKpis) -> ItsmMetrics:
    return from_record(
        ItsmMetrics,
        k,
        from_=k.window.start,
        to=k.window.end,
        resolution=to_resolution(k.resolution),
        byPriority=[
            PriorityResolution(priority=p, resolution=to_resolution(r))
            for p, r in k.by_priority.items()
        ],
        services=[to_level(s) for s in k.services],
        openAtEndByPriority=to_counts(k.open_at_end_by_priority),
    )


@strawberry.type
class ExpiringCount:
    kind: ExpiringKind
    count: int


@strawberry.type(description="Asset management figures.")
class ItamMetrics:
    asOf: date
    licenseSavings: list[Money] | None = strawberry.field(
        description="Yearly saving of the under-used licenses, per currency "
        "(null without the financials permission)."
    )
    overDeployedProducts: int

    @strawberry.field(deprecation_reason="Spelling: use licenseSavings.")
    def licenceSavings(self) -> list[Money] | None:
        return self.licenseSavings

    shortfallUnits: int = strawberry.field(description="License units missing in total.")
    underUsedProducts: int
    expiringWithinDays: int
    expiring: list[ExpiringCount] = strawberry.field(
        description="Warranties, contracts and licenses ending within expiringWithinDays."
    )
    fleetBookValue: list[FleetValueLine] | None = strawberry.field(
        description="One line per currency (null without the financials permission)."
    )


def to_itam(k: ItamKpis) -> ItamMetrics:
    return from_record(
        ItamMetrics,
        k,
        licenseSavings=[Money(amount=v, currency=c) for c, v in k.license_savings.items()],
        expiring=[ExpiringCount(kind=kind, count=n) for kind, n in k.expiring.items()],
        fleetBookValue=[to_fleet_line(x) for x in k.fleet_book_value],
    )


@strawberry.type(description="Everything a dashboard shows, in one query.")
class Metrics:
    itsm: ItsmMetrics
    itam: ItamMetrics
    openNowByPriority: list[PriorityCount]


def to_metrics(d: Dashboard) -> Metrics:
    return Metrics(
        itsm=to_itsm(d.itsm),
        itam=to_itam(d.itam),
        openNowByPriority=to_counts(d.open_now_by_priority),
    )


@strawberry.type(description="A CI with many incidents in a window: a problem candidate.")
class ProblemCandidate:
    ci: CIType
    incidents: int
    numbers: list[str]


def to_candidate(c: ProblemCI) -> ProblemCandidate:
    return from_record(ProblemCandidate, c, ci=to_ci(c.ci))
