"""The composed schema with its limits (depth, aliases, tokens) from settings."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from graphcmdb.api.graphql.extensions import DatabaseUnavailableStatus, mask_internal_errors
from graphcmdb.api.graphql.impact_query import ImpactQuery
from graphcmdb.api.graphql.mutation import CoreMutation
from graphcmdb.api.graphql.query import CoreQuery
from graphcmdb.api.graphql.resilience_query import ResilienceQuery
from graphcmdb.api.graphql.types import CIType, GenericNode, ServiceType
from graphcmdb.config import Settings
from graphcmdb.errors import CmdbError


@strawberry.type
class Query(CoreQuery, ImpactQuery, ResilienceQuery):
    pass


@strawberry.type
class Mutation(CoreMutation):
    pass


class CmdbSchema(strawberry.Schema):
    """Logs unexpected errors only: typed errors are answers, not server faults."""

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        unexpected = [
            e
            for e in errors
            if e.original_error is not None and not isinstance(e.original_error, CmdbError)
        ]
        if unexpected:
            super().process_errors(unexpected, execution_context)


def build_schema(settings: Settings) -> strawberry.Schema:
    extensions: list[Callable[[], SchemaExtension] | type[SchemaExtension]] = [
        lambda: QueryDepthLimiter(max_depth=settings.max_query_depth),
        lambda: MaxAliasesLimiter(max_alias_count=settings.max_aliases),
        lambda: MaxTokensLimiter(max_token_count=settings.max_query_tokens),
        DatabaseUnavailableStatus,
        mask_internal_errors,
    ]
    if not settings.introspection:
        extensions.append(DisableIntrospection)
    return CmdbSchema(
        query=Query,
        mutation=Mutation,
        types=[CIType, ServiceType, GenericNode],
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True),
    )
