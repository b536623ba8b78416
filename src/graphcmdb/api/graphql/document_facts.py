"""What the API needs to know of a document before executing it, from one parse kept by
digest: its metrics label (``operation_metrics.py``) and whether it is expensive, to
be handed to the worker process or the second loop (``shedding.py``). Every request
asks; strawberry parses again for execution (its own cache)."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from graphql import GraphQLError, GraphQLSchema, parse

from graphcmdb.api.graphql.operation_metrics import UNKNOWN, label_of
from graphcmdb.api.graphql.shedding import expensive_in

#: the longest document looked at (bulk rows travel in variables): a longer one is
#: executed on the API's loop, labelled ``(unknown)``; parsing it once more would cost
#: more than it saves
MAX_CHARS = 64 * 1024
#: documents remembered, by digest (a text is not kept)
REMEMBERED = 512


@dataclass(frozen=True)
class DocumentFacts:
    kind: str
    field: str
    expensive: bool


UNCLASSIFIED = DocumentFacts("unknown", UNKNOWN, expensive=False)
_known: OrderedDict[bytes, DocumentFacts] = OrderedDict()


def _facts(schema: GraphQLSchema, query: str, name: str | None, max_tokens: int) -> DocumentFacts:
    try:
        document = parse(query, no_location=True, max_tokens=max_tokens or None)
    except (GraphQLError, RecursionError):
        return UNCLASSIFIED  # refused where it is executed, at once
    kind, field = label_of(schema, document, name)
    return DocumentFacts(kind, field, expensive_in(schema, document))


def facts(
    schema: GraphQLSchema, query: str | None, name: str | None, max_tokens: int
) -> DocumentFacts:
    """The facts of ``query`` (operation ``name``), remembered by digest."""
    if query is None or len(query) > MAX_CHARS:
        return UNCLASSIFIED
    key = hashlib.sha256(f"{max_tokens}\0{name}\0{query}".encode()).digest()
    known = _known.get(key)
    if known is None:
        known = _facts(schema, query, name, max_tokens)
        _known[key] = known
        if len(_known) > REMEMBERED:
            _known.popitem(last=False)
    else:
        _known.move_to_end(key)
    return known
