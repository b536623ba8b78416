"""The impact domain's part of the root Query: blast radius, resilience, paths."""

from __future__ import annotations

import strawberry

from graphcmdb.api.graphql.impact.paths_query import PathsQuery
from graphcmdb.api.graphql.impact.query import ImpactReportQuery
from graphcmdb.api.graphql.impact.resilience_query import ResilienceQuery


@strawberry.type
class ImpactQuery(ImpactReportQuery, ResilienceQuery, PathsQuery):
    pass
