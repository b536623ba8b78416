"""How impact analysis names a node and how badly it is hit."""

from __future__ import annotations

from enum import Enum

import strawberry

from graphcmdb.impact.model import NodeInfo, Status


@strawberry.enum(description="How badly a node is hit.")
class ImpactStatus(Enum):
    DOWN = "DOWN"
    DEGRADED = "DEGRADED"


def to_status(status: Status) -> ImpactStatus:
    return ImpactStatus.DOWN if status is Status.DOWN else ImpactStatus.DEGRADED


@strawberry.type(description="A node as impact analysis sees it (fetch more with node(id)).")
class ImpactNodeRef:
    id: strawberry.ID
    name: str
    labels: list[str]
    criticality: int | None
    hidden: bool = strawberry.field(
        default=False,
        description="Outside your token's scopes: id is a placeholder (hidden-1, … the "
        "same one in every path of this answer), name is '(hidden)', no labels.",
    )


def to_ref(node: NodeInfo, hidden: bool = False) -> ImpactNodeRef:
    assert not node.counted_only, f"node {node.id} was read to be counted, not shown"
    return ImpactNodeRef(
        id=strawberry.ID(node.id),
        name=node.name,
        labels=list(node.labels),
        criticality=node.criticality,
        hidden=hidden or node.hidden,
    )
