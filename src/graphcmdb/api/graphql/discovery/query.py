"""Root queries for discovery: runs and their progress, duplicate CIs, credential sets."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphcmdb.api.graphql.connections import Connection, request_page, to_connection
from graphcmdb.api.graphql.discovery.merge_types import DuplicateCIGroup, to_group
from graphcmdb.api.graphql.discovery.quality_query import DataQualityQuery
from graphcmdb.api.graphql.discovery.types import (
    CredentialSetType,
    DiscoveryRunType,
    to_credential_set,
    to_run,
)
from graphcmdb.api.graphql.permissions import IsEditor, IsViewer
from graphcmdb.discovery.duplicates import Confidence
from graphcmdb.services import discovery_credentials, discovery_duplicates, discovery_runs


@strawberry.type
class DiscoveryQuery(DataQualityQuery):
    @strawberry.field(permission_classes=[IsViewer])
    async def discoveryRun(self, info: Info, id: strawberry.ID) -> DiscoveryRunType | None:
        row = (await discovery_runs.get_runs(info.context.db, [id])).get(id)
        return to_run(row) if row else None

    @strawberry.field(permission_classes=[IsViewer], description="Newest first.")
    async def discoveryRuns(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[DiscoveryRunType]:
        db = info.context.db
        req = request_page(info, first, after)
        page = await discovery_runs.list_runs(db, req)
        return to_connection(page, to_run, lambda: discovery_runs.count_runs(db))

    @strawberry.field(
        permission_classes=[IsViewer],
        description="Device CIs sharing a serial number (same manufacturer), a MAC address, "
        "an FQDN, a host name / short name / name, or an address; logical CIs (applications, "
        "databases, clusters) of one class whose names differ only in case (NAME) or in "
        "blanks and punctuation (NAME_LIKE). Each group with a confidence, the evidence and "
        "a remedy that never merges things that differ. CIs whose serials differ are two "
        "boxes, listed (as NONE) only when minConfidence is NONE.",
    )
    async def duplicateCIs(
        self, info: Info, limit: int = 1000, minConfidence: Confidence = Confidence.LOW
    ) -> list[DuplicateCIGroup]:
        db = info.context.db
        groups = await discovery_duplicates.duplicate_cis(db, limit, minConfidence)
        return [to_group(g) for g in groups]

    @strawberry.field(
        permission_classes=[IsEditor], description="Names to start discovery with; no secrets."
    )
    async def credentialSets(self, info: Info) -> list[CredentialSetType]:
        rows = await discovery_credentials.list_credential_sets(info.context.db)
        return [to_credential_set(r) for r in rows]
