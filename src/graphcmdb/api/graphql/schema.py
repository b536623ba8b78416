"""The schema composed from the domain packages, with its limits from settings."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterable
from typing import Any

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
from strawberry.schema.schema import StreamResult
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.graphql import OperationType

import graphcmdb.api.graphql.enums  # noqa: F401  registers the GraphQL enums before the build
from graphcmdb.api import off_loop
from graphcmdb.api.capacity import Capacities
from graphcmdb.api.expensive_process import ExpensiveWorker, in_worker
from graphcmdb.api.graphql import document_facts, financials, operation_metrics, scope_guard
from graphcmdb.api.graphql.admin.mutation import AdminMutation
from graphcmdb.api.graphql.admin.notify import NotifyMutation, NotifyQuery
from graphcmdb.api.graphql.admin.query import AdminQuery
from graphcmdb.api.graphql.admin.schedules import ScheduleMutation, ScheduleQuery
from graphcmdb.api.graphql.admin.users import UserMutation, UserQuery
from graphcmdb.api.graphql.compact import CompactExecution
from graphcmdb.api.graphql.core import named
from graphcmdb.api.graphql.core.live_types import LiveSubscription
from graphcmdb.api.graphql.core.node import GenericNode
from graphcmdb.api.graphql.core.schema import CoreMutation, CoreQuery
from graphcmdb.api.graphql.core.types import CIType, ServiceType
from graphcmdb.api.graphql.deadline import OperationDeadline, request_deadline
from graphcmdb.api.graphql.discovery.events_query import EventsQuery
from graphcmdb.api.graphql.discovery.mutation import DiscoveryMutation
from graphcmdb.api.graphql.discovery.query import DiscoveryQuery
from graphcmdb.api.graphql.extensions import (
    BadInputCode,
    ErrorStatus,
    HideSuggestions,
    QueryCostLimiter,
    mask_internal_errors,
)
from graphcmdb.api.graphql.impact.schema import ImpactQuery
from graphcmdb.api.graphql.itam.schema import ItamMutation, ItamQuery
from graphcmdb.api.graphql.itsm.schema import ItsmMutation, ItsmQuery
from graphcmdb.api.graphql.shedding import LoadShedding
from graphcmdb.config import Settings
from graphcmdb.db import coalesce
from graphcmdb.errors import CmdbError
from graphcmdb.services.paging import DEFAULT_PAGE_SIZE


@strawberry.type
class Query(
    CoreQuery,
    ImpactQuery,
    ItamQuery,
    ItsmQuery,
    DiscoveryQuery,
    EventsQuery,
    AdminQuery,
    UserQuery,
    ScheduleQuery,
    NotifyQuery,
):
    """Composed from the per-domain parts (each domain's ``schema`` module)."""


@strawberry.type
class Mutation(
    CoreMutation,
    ItamMutation,
    ItsmMutation,
    DiscoveryMutation,
    AdminMutation,
    UserMutation,
    ScheduleMutation,
    NotifyMutation,
):
    pass


@strawberry.type
class Subscription(LiveSubscription):
    pass


class CmdbSchema(strawberry.Schema):
    """Logs unexpected errors only: typed errors are answers, not server faults. A query
    selecting an expensive field (impact, graph, reports) is executed by the worker
    process (``api/expensive_process.py``) when there is one and it is ready, else on the
    expensive operations' loop (``api/off_loop.py``) when ``off_loop`` is set."""

    off_loop = False
    max_tokens = 0
    read_deadline_s = 0.0
    worker: ExpensiveWorker | None = None

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        """Executed here or handed over, timed either way (``operation_metrics``)."""
        known = document_facts.facts(self._schema, query, operation_name, self.max_tokens)
        here = super().execute(
            query,
            variable_values,
            context_value,
            root_value,
            operation_name,
            allowed_operation_types,
            operation_extensions,
        )
        handed = known.expensive and (self.worker is not None or self.off_loop)
        work = self._handed_or_here(
            query, variable_values, context_value, operation_name, here, handed
        )
        with named.remembered():  # a nested read's selections decided once per field
            if known.kind != "query":
                return await operation_metrics.measured(work, known.kind, known.field)
            with coalesce.one_operation():  # its reads asked together: one statement
                return await operation_metrics.measured(work, known.kind, known.field)

    async def _handed_or_here(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None,
        context_value: Any | None,
        operation_name: str | None,
        here: Coroutine[Any, Any, ExecutionResult],
        expensive: bool,
    ) -> ExecutionResult:
        """``here`` (the execution in this process), unless the worker answers."""
        if expensive and self.worker is not None and query is not None:
            # a query: its deadline is the read deadline, here where the request lives
            deadline = request_deadline(context_value)
            if deadline is not None:
                deadline.narrow(self.read_deadline_s, "query")
            try:
                answered = await in_worker(
                    self.worker, query, variable_values, operation_name, context_value
                )
            except BaseException:
                here.close()  # never awaited
                raise
            if answered is not None:
                here.close()
                return answered
        if expensive and self.off_loop:
            return await off_loop.run(here)
        return await here

    async def stream(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        operation_extensions: dict[str, Any] | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
    ) -> StreamResult:
        """Subscriptions only over websocket: queries and mutations go through
        ``POST /graphql`` and its gate (body size, rate, deadlines)."""
        return await super().stream(
            query,
            variable_values,
            context_value,
            root_value,
            operation_name,
            operation_extensions,
            (OperationType.SUBSCRIPTION,),
        )

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


def build_schema(
    settings: Settings,
    capacities: Capacities | None = None,
    worker: ExpensiveWorker | None = None,
) -> strawberry.Schema:
    """The schema; ``capacities`` bounds the expensive operations (a fresh set per
    schema when not given); ``worker`` executes the expensive queries when ready."""
    if capacities is None:
        capacities = Capacities(settings.expensive_running, settings.expensive_waiting)
    # Limit rules are built once so that their classes are the same for every request:
    # the validation cache keys on them (fresh classes per request would never hit).
    limits = [
        *QueryDepthLimiter(max_depth=settings.max_query_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=settings.max_aliases).validation_rules,
    ]
    extensions: list[Callable[[], SchemaExtension] | type[SchemaExtension]] = [
        lambda: MaxTokensLimiter(max_token_count=settings.max_query_tokens),
        # before any validation rule runs (validation can be made exponential)
        lambda: QueryCostLimiter(
            budget=settings.max_query_cost,
            max_spreads=settings.max_fragment_spreads,
            max_depth=settings.max_query_depth,
            page_size=DEFAULT_PAGE_SIZE,
            max_items=settings.max_page_size,
        ),
        # parsing and validating the same document again costs more than a small answer;
        # the rules must be added before the cached validation runs
        lambda: ParserCache(maxsize=256),
        lambda: AddValidationRules(limits),
        lambda: ValidationCache(maxsize=256),
        # the first hook of execution: when it sheds, no other execution hook was entered
        lambda: LoadShedding(capacities=capacities, retry_after=settings.overloaded_retry_after_s),
        lambda: OperationDeadline(
            read_s=settings.read_deadline_s, mutation_s=settings.mutation_deadline_s
        ),
        ErrorStatus,
        mask_internal_errors,
        BadInputCode,
    ]
    if not settings.introspection:
        extensions.append(DisableIntrospection)
    if not settings.field_suggestions:
        extensions.append(HideSuggestions)
    schema = CmdbSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        types=[CIType, ServiceType, GenericNode],
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True),
        # large lists (impact's nodes) completed in one pass (``compact``)
        execution_context_class=CompactExecution,
    )
    schema.off_loop = settings.expensive_off_loop
    schema.worker = worker
    schema.read_deadline_s = settings.read_deadline_s
    schema.max_tokens = settings.max_query_tokens
    financials.guard(schema._schema)  # cost figures need the financials permission
    scope_guard.guard(schema._schema)  # what scopes do not cover yet: refused when scoped
    return schema
