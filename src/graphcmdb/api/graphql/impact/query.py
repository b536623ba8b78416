"""Root queries of impact analysis (viewer role)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.as_of_values import mark
from graphcmdb.api.graphql.impact.types import ImpactReportType, to_report
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.api.graphql.query_fields import AsOf
from graphcmdb.db.history import reading_as_of
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
        asOf: AsOf = None,
    ) -> ImpactReportType:
        with reading_as_of(asOf):
            report = await impact.analyze(info.context.db, down, degraded or [], maxDepth)
        return mark(to_report(report), asOf)
