"""The ``Node`` interface every typed node implements, and the labels it shows."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import get_object_definition

from graphcmdb.db.database import Row

HIDDEN_LABELS = frozenset({"Entity"})


def public_labels(labels: list[str]) -> list[str]:
    return [label for label in labels if label not in HIDDEN_LABELS]


@strawberry.interface(description="Anything with a server-generated id.")
class Node:
    id: strawberry.ID
    name: str
    labels: list[str]


@strawberry.type(description="A node of a label without a richer type yet.")
class GenericNode(Node):
    pass


def plain_values(row: Row, cls: type) -> dict[str, Any]:
    """The plain (resolver-less) fields of ``cls`` taken from ``row``, labels filtered."""
    definition = get_object_definition(cls, strict=True)
    names = {f.python_name for f in definition.fields if f.base_resolver is None}
    return {name: row.get(name) for name in names} | {
        "labels": public_labels(row.get("labels", []))
    }
