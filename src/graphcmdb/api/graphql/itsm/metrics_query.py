"""Root queries for service levels, problem candidates and the dashboard (viewer role)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.itsm.metrics_types import (
    ItsmMetrics,
    Metrics,
    ProblemCandidate,
    to_candidate,
    to_itsm,
    to_metrics,
)
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.services import metrics

From = Annotated[datetime, strawberry.argument(name="from", description="Window start.")]


@strawberry.type
class MetricsQuery:
    @strawberry.field(
        permission_classes=[IsViewer],
        description=(
            "ITAM and ITSM KPIs for one dashboard: service levels over [from, to); license, "
            "expiry (the expiringWithinDays after to, or now if earlier) and fleet figures."
        ),
    )
    async def metrics(
        self,
        info: Info,
        from_: From,
        to: datetime,
        expiringWithinDays: int = 90,
    ) -> Metrics:
        window = metrics.window_of(from_, to)
        return to_metrics(await metrics.dashboard(info.context.db, window, expiringWithinDays))

    @strawberry.field(
        permission_classes=[IsViewer],
        description="Availability, SLA compliance, MTTR per service and overall over [from, to).",
    )
    async def serviceLevels(
        self,
        info: Info,
        from_: From,
        to: datetime,
    ) -> ItsmMetrics:
        window = metrics.window_of(from_, to)
        return to_itsm(await metrics.itsm_kpis(info.context.db, window))

    @strawberry.field(
        permission_classes=[IsViewer],
        description="CIs with at least minIncidents incidents opened in [from, to).",
    )
    async def problemCandidates(
        self,
        info: Info,
        from_: From,
        to: datetime,
        minIncidents: int = 3,
        limit: int = 100,
    ) -> list[ProblemCandidate]:
        window = metrics.window_of(from_, to)
        rows = await metrics.problem_candidates(info.context.db, window, minIncidents, limit)
        return [to_candidate(r) for r in rows]
