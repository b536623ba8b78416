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


def to_ref(node: NodeInfo) -> ImpactNodeRef:
    return ImpactNodeRef(
        id=strawberry.ID(node.id),
        name=node.name,
        labels=list(node.labels),
        criticality=node.criticality,
    )
