"""The ITSM domain's part of the root Query and Mutation."""

from __future__ import annotations

import strawberry

from graphcmdb.api.graphql.itsm.metrics_query import MetricsQuery
from graphcmdb.api.graphql.itsm.mutation import IncidentChangeMutation
from graphcmdb.api.graphql.itsm.query import IncidentChangeQuery


@strawberry.type
class ItsmQuery(IncidentChangeQuery, MetricsQuery):
    pass


@strawberry.type
class ItsmMutation(IncidentChangeMutation):
    pass
