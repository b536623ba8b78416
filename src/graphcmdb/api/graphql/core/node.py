"""The ``Node`` interface every typed node implements, and the labels it shows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import strawberry
from pydantic import BaseModel
from strawberry.types import get_object_definition

HIDDEN_LABELS = frozenset({"Entity"})


@strawberry.interface(description="Anything with a server-generated id.")
class Node:
    id: strawberry.ID
    name: str
    labels: list[str]


@strawberry.type(description="A node of a label without a richer type yet.")
class GenericNode(Node):
    pass


def public_labels(labels: Iterable[str]) -> list[str]:
    return [label for label in labels if label not in HIDDEN_LABELS]


def plain_values(record: BaseModel, cls: type) -> dict[str, Any]:
    """The plain (resolver-less) fields of ``cls`` taken from ``record``, labels filtered."""
    definition = get_object_definition(cls, strict=True)
    names = {f.python_name for f in definition.fields if f.base_resolver is None}
    return {name: getattr(record, name, None) for name in names} | {
        "labels": public_labels(getattr(record, "labels", ()))
    }
