"""Schema extensions: HTTP 503 while Neo4j is away; internal errors masked."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import GraphQLError
from strawberry.extensions import MaskErrors, SchemaExtension

from graphcmdb.errors import CmdbError, DatabaseUnavailable


class DatabaseUnavailableStatus(SchemaExtension):
    """A request that failed because Neo4j is unreachable answers 503, not 200."""

    def on_execute(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        errors = result.errors if result else None
        if errors and any(isinstance(e.original_error, DatabaseUnavailable) for e in errors):
            response = getattr(self.execution_context.context, "response", None)
            if response is not None:
                response.status_code = 503


def _should_mask(error: GraphQLError) -> bool:
    """Hide unexpected exceptions; typed errors and GraphQL validation errors pass."""
    original = error.original_error
    return original is not None and not isinstance(original, CmdbError)


def mask_internal_errors() -> MaskErrors:
    return MaskErrors(
        should_mask_error=_should_mask,
        error_message="Internal error; the request changed nothing. See the server log.",
    )
