"""Root queries of data quality: the per-class report and the stale CIs and links
(viewer role; the staleness periods are settings, see ``config.py``)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.core.types import CIType, to_ci
from graphcmdb.api.graphql.discovery.quality_types import (
    DataQualityReport,
    StaleCIEntry,
    StaleLinkEntry,
    to_report,
    to_stale_ci,
    to_stale_link,
)
from graphcmdb.api.graphql.permissions import IsViewer
from graphcmdb.graph.enums import CIClass
from graphcmdb.services import data_quality, staleness


@strawberry.type
class DataQualityQuery:
    @strawberry.field(
        permission_classes=[IsViewer],
        description="Per CI class: duplicate suspects, CIs without an asset, stale CIs and "
        "links, missing mandatory fields and a completeness score; and the totals.",
    )
    async def dataQuality(self, info: Info, asOf: datetime | None = None) -> DataQualityReport:
        policy = staleness.policy_of(info.context.settings)
        return to_report(await data_quality.data_quality(info.context.db, policy, asOf))

    @strawberry.field(
        permission_classes=[IsViewer],
        description="CIs not confirmed (seen by a source, else edited) within their class's "
        "staleAfterDays; flagged, never deleted. The longest unconfirmed first.",
    )
    async def staleCIs(
        self,
        info: Info,
        ciClass: CIClass | None = None,
        asOf: datetime | None = None,
        limit: int = 1000,
    ) -> list[StaleCIEntry]:
        policy = staleness.policy_of(info.context.settings)
        rows = await staleness.stale_cis(info.context.db, policy, ciClass, asOf, limit)
        return [to_stale_ci(r) for r in rows]

    @strawberry.field(
        permission_classes=[IsViewer],
        description="Discovered links that the last run covering both ends did not see, or "
        "not confirmed within the shorter staleAfterDays of their ends; never deleted.",
    )
    async def staleLinks(
        self, info: Info, asOf: datetime | None = None, limit: int = 1000
    ) -> list[StaleLinkEntry]:
        policy = staleness.policy_of(info.context.settings)
        rows = await staleness.stale_links(info.context.db, policy, asOf, limit)
        return [to_stale_link(r) for r in rows]

    @strawberry.field(
        permission_classes=[IsViewer],
        description="CIs no relationship (DEPENDS_ON, RUNS_ON, HOSTED_ON, MEMBER_OF, "
        "CONNECTED_TO) touches: nothing depends on them, they depend on nothing, so no "
        "impact analysis reaches them. Oldest first; replaced CIs are left out.",
    )
    async def orphanCIs(self, info: Info, limit: int = 1000) -> list[CIType]:
        return [to_ci(c) for c in await data_quality.orphan_cis(info.context.db, limit)]
