"""Schema extensions: the cost limit before validation; HTTP 503 while Neo4j is away or
an operation is shed; internal errors masked."""

from __future__ import annotations

import re
from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import MaskErrors, SchemaExtension

from graphcmdb.api.graphql import cost
from graphcmdb.errors import (
    CmdbError,
    DatabaseBusy,
    DatabaseUnavailable,
    Overloaded,
    QueryTooCostly,
)


class QueryCostLimiter(SchemaExtension):
    """Refuses a document over the cost budget or the fragment-spread cap after parsing
    and before validation (``api/graphql/cost.py``), so no expensive validation or
    database work starts."""

    def __init__(
        self, *, budget: int, max_spreads: int, max_depth: int, page_size: int, max_items: int
    ) -> None:
        self.budget, self.max_spreads, self.max_depth = budget, max_spreads, max_depth
        self.page_size, self.max_items = page_size, max_items

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None:
            try:
                cost.check(
                    context.schema._schema,
                    document,
                    context.variables or {},
                    budget=self.budget,
                    max_spreads=self.max_spreads,
                    max_depth=self.max_depth,
                    page_size=self.page_size,
                    max_items=self.max_items,
                )
            except cost.CostLimitExceeded as exc:
                raise QueryTooCostly(exc.reason, cost=exc.cost, budget=exc.budget) from exc
        yield


_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


class HideSuggestions(SchemaExtension):
    """Validation errors without "Did you mean ...?": they spell out the schema to
    whoever probes it (``field_suggestions`` turns them back on)."""

    def on_validate(self) -> Iterator[None]:
        yield
        errors = self.execution_context.pre_execution_errors
        if errors:
            # in place: the answer holding this list is built before this hook resumes
            errors[:] = [
                GraphQLError(
                    _SUGGESTION.sub("", e.message),
                    nodes=e.nodes,
                    extensions=e.extensions,
                    original_error=e.original_error,
                )
                for e in errors
            ]


#: typed errors that are not the caller's fault, with their HTTP status
STATUS: dict[type[CmdbError], int] = {
    DatabaseUnavailable: 503,
    DatabaseBusy: 503,
    Overloaded: 503,
}


class ErrorStatus(SchemaExtension):
    """A request that failed because Neo4j is unreachable, or that was shed because its
    class of operation is at capacity, answers 503 (with Retry-After when the error says
    when), not 200. Errors raised before execution (shedding) and during it both count."""

    def on_operation(self) -> Iterator[None]:
        try:
            yield
        except CmdbError as exc:
            self._apply(exc)
            raise
        result = self.execution_context.result
        for error in (result.errors if result else None) or ():
            if isinstance(error.original_error, CmdbError) and self._apply(error.original_error):
                return

    def _apply(self, error: CmdbError) -> bool:
        status = STATUS.get(type(error))
        response = getattr(self.execution_context.context, "response", None)
        if status is None or response is None:
            return False
        response.status_code = status
        retry_after = error.details.get("retryAfter")
        if retry_after is not None:
            response.headers["Retry-After"] = str(retry_after)
        return True


#: how graphql-core words a variable whose value does not fit its type (a bad enum, an
#: Int out of range, a malformed DateTime): the caller's input, not a server fault
BAD_VARIABLE = "Variable '$"


def _should_mask(error: GraphQLError) -> bool:
    """Hide unexpected exceptions; typed errors, GraphQL validation errors and
    variables that do not fit their type pass."""
    original = error.original_error
    if original is None or isinstance(original, CmdbError):
        return False
    return not error.message.startswith(BAD_VARIABLE)


class BadInputCode(SchemaExtension):
    """A variable that does not fit its type answers with a code, like typed errors."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        for error in (result.errors if result else None) or ():
            if error.message.startswith(BAD_VARIABLE) and not error.extensions:
                error.extensions = {"code": "BAD_USER_INPUT"}


def mask_internal_errors() -> MaskErrors:
    return MaskErrors(
        should_mask_error=_should_mask,
        error_message="Internal error; the request changed nothing. See the server log.",
    )
