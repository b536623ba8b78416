"""Root queries of impact analysis (viewer role)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.impact.types import ImpactReportType, to_report
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.services import impact


@strawberry.type
class ImpactReportQuery:
    @strawberry.field(
        permission_classes=[IsViewer],
        description="What fails when these CIs are DOWN (and those DEGRADED), and why.",
    )
    async def impact(
        self,
        info: Info,
        down: list[strawberry.ID],
        degraded: list[strawberry.ID] | None = None,
        maxDepth: int | None = None,
    ) -> ImpactReportType:
        report = await impact.analyze(info.context.db, down, degraded or [], maxDepth)
        return to_report(report)
