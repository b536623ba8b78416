"""Each GraphQL operation timed and its errors counted (``opsmetrics``), in the API
process, around the whole execution: an operation handed to the expensive-query worker
is timed here too.

The label is the operation's type and its root field, taken from the schema, never from
the client's text: a field the schema does not have, a document that does not parse or
is too long to classify (``document_facts.py``) is ``(unknown)``; several root fields ``(several)``;
introspection ``(introspection)``. So the label has at most as many values as the schema
has root fields, plus four.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable

from graphql import (
    DocumentNode,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
)
from strawberry.types import ExecutionResult

from graphcmdb import opsmetrics

UNKNOWN = "(unknown)"
SEVERAL = "(several)"
INTROSPECTION = "(introspection)"


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is not None:
        operations = [o for o in operations if o.name is not None and o.name.value == name]
    return operations[0] if len(operations) == 1 else None


def label_of(
    schema: GraphQLSchema, document: DocumentNode | None, name: str | None
) -> tuple[str, str]:
    """(operation type, root field) of a parsed document (None: it did not parse)."""
    operation = _operation(document, name) if document is not None else None
    if operation is None:
        return "unknown", UNKNOWN
    kind = operation.operation
    root = {
        OperationType.QUERY: schema.query_type,
        OperationType.MUTATION: schema.mutation_type,
        OperationType.SUBSCRIPTION: schema.subscription_type,
    }[kind]
    selected = operation.selection_set.selections
    names = {s.name.value for s in selected if isinstance(s, FieldNode)}
    if not names or len(names) != len(selected) or root is None:
        return kind.value, UNKNOWN  # fragments at the root, or an empty selection
    if all(n.startswith("__") for n in names):
        return kind.value, INTROSPECTION
    if len(names) > 1:
        return kind.value, SEVERAL
    (field,) = names
    return kind.value, field if field in root.fields else UNKNOWN


def _code(error: GraphQLError) -> str:
    code = (error.extensions or {}).get("code")
    if code is None:  # a masked fault says so in its message (``extensions.py``)
        masked = error.original_error is not None or error.message.startswith("Internal error")
        return "INTERNAL_ERROR" if masked else "GRAPHQL_ERROR"
    return opsmetrics.bounded_code(code)


async def measured(work: Awaitable[ExecutionResult], kind: str, field: str) -> ExecutionResult:
    """``work``'s result, its time observed under (kind, field) and its errors counted
    by code; a cancelled operation (client gone, deadline passed) counts CANCELLED."""
    started = time.perf_counter()
    try:
        result = await work
    except asyncio.CancelledError:
        opsmetrics.GRAPHQL_ERRORS.labels("CANCELLED").inc()
        raise
    finally:
        opsmetrics.GRAPHQL_DURATION.labels(kind, field).observe(time.perf_counter() - started)
    for error in result.errors or ():
        opsmetrics.GRAPHQL_ERRORS.labels(_code(error)).inc()
    return result
