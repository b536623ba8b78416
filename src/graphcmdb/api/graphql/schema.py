"""The composed schema with its limits (depth, aliases, tokens) from settings."""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    SchemaExtension,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

import graphcmdb.api.graphql.enums  # noqa: F401  registers the GraphQL enums before the build
from graphcmdb.api.graphql.core.import_mutation import ImportMutation
from graphcmdb.api.graphql.core.mutation import CoreMutation
from graphcmdb.api.graphql.core.query import CoreQuery
from graphcmdb.api.graphql.core.types import CIType, GenericNode, ServiceType
from graphcmdb.api.graphql.discovery.mutation import DiscoveryMutation
from graphcmdb.api.graphql.discovery.query import DiscoveryQuery
from graphcmdb.api.graphql.extensions import DatabaseUnavailableStatus, mask_internal_errors
from graphcmdb.api.graphql.impact.paths_query import ExplorerQuery
from graphcmdb.api.graphql.impact.query import ImpactQuery
from graphcmdb.api.graphql.impact.resilience_query import ResilienceQuery
from graphcmdb.api.graphql.itam.contract_mutation import ContractMutation
from graphcmdb.api.graphql.itam.contract_query import ContractQuery
from graphcmdb.api.graphql.itam.cost_query import CostQuery
from graphcmdb.api.graphql.itam.licence_mutation import LicenseMutation
from graphcmdb.api.graphql.itam.licence_query import LicenseQuery
from graphcmdb.api.graphql.itam.mutation import ItamMutation
from graphcmdb.api.graphql.itam.query import ItamQuery
from graphcmdb.api.graphql.itam.reconciliation_query import ReconciliationQuery
from graphcmdb.api.graphql.itsm.metrics_query import MetricsQuery
from graphcmdb.api.graphql.itsm.mutation import ItsmMutation
from graphcmdb.api.graphql.itsm.query import ItsmQuery
from graphcmdb.config import Settings
from graphcmdb.errors import CmdbError


@strawberry.type
class Query(
    CoreQuery,
    ImpactQuery,
    ResilienceQuery,
    ItamQuery,
    ContractQuery,
    LicenseQuery,
    ReconciliationQuery,
    ItsmQuery,
    CostQuery,
    MetricsQuery,
    DiscoveryQuery,
    ExplorerQuery,
):
    pass


@strawberry.type
class Mutation(
    CoreMutation,
    ItamMutation,
    ContractMutation,
    LicenseMutation,
    ImportMutation,
    ItsmMutation,
    DiscoveryMutation,
):
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
    # Limit rules are built once so that their classes are the same for every request:
    # the validation cache keys on them (fresh classes per request would never hit).
    limits = [
        *QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
    ]
    extensions: list[Callable[[], SchemaExtension] | type[SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=settings.max_query_tokens),
        # parsing and validating the same document again costs more than a small answer;
        # the rules must be added before the cached validation runs
        lambda: ParserCache(maxsize=256),
        lambda: AddValidationRules(limits),
        lambda: ValidationCache(maxsize=256),
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
