"""Impact analysis as a service: fetch the region, run the engine, order the answer."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from graphcmdb.db.database import Database
from graphcmdb.errors import LimitExceeded, ValidationFailed
from graphcmdb.impact.engine import Impacted, evaluate
from graphcmdb.impact.model import NeedsGraph, NodeInfo, Status
from graphcmdb.services import impact_fetch

MAX_INPUT_IDS = 10_000


@dataclass(frozen=True)
class ImpactedNode:
    node: NodeInfo
    status: Status
    distance: int
    path: tuple[str, ...]
    path_ids: tuple[str, ...]


@dataclass(frozen=True)
class ImpactSummary:
    nodes_down: int
    nodes_degraded: int
    services_down: int
    services_degraded: int
    users_affected: int


@dataclass(frozen=True)
class ImpactReport:
    summary: ImpactSummary
    services: list[ImpactedNode]
    nodes: list[ImpactedNode]


def order_key(item: ImpactedNode) -> tuple[int, int, int, int, str, str]:
    """DESIGN's order: DOWN before DEGRADED, then criticality, then users (highest first)."""
    node = item.node
    return (
        -int(item.status),
        -(node.criticality or 0),
        -(node.users or 0),
        item.distance,
        node.name,
        node.id,
    )


def check_inputs(down: Collection[str], degraded: Collection[str], max_depth: int | None) -> None:
    if not down and not degraded:
        raise ValidationFailed("Give at least one CI in 'down' or 'degraded'.", field="down")
    if len(down) + len(degraded) > MAX_INPUT_IDS:
        raise LimitExceeded(
            f"At most {MAX_INPUT_IDS} input ids.", field="down", limit=MAX_INPUT_IDS
        )
    if max_depth is not None and max_depth < 0:
        raise ValidationFailed("'maxDepth' must be zero or more.", field="maxDepth")


def build_report(graph: NeedsGraph, impacted: dict[str, Impacted]) -> ImpactReport:
    nodes = sorted(
        (
            ImpactedNode(graph.nodes[i.id], i.status, i.distance, i.path, i.path_ids)
            for i in impacted.values()
        ),
        key=order_key,
    )
    services = [n for n in nodes if n.node.is_service]
    summary = ImpactSummary(
        nodes_down=sum(1 for n in nodes if n.status is Status.DOWN),
        nodes_degraded=sum(1 for n in nodes if n.status is Status.DEGRADED),
        services_down=sum(1 for n in services if n.status is Status.DOWN),
        services_degraded=sum(1 for n in services if n.status is Status.DEGRADED),
        users_affected=sum(n.node.users or 0 for n in services),
    )
    return ImpactReport(summary=summary, services=services, nodes=nodes)


async def analyze(
    db: Database,
    down: Collection[str],
    degraded: Collection[str] = (),
    max_depth: int | None = None,
) -> ImpactReport:
    """Everything impacted when ``down`` fail and ``degraded`` degrade, ordered as DESIGN says.

    ``max_depth`` is an analysis horizon: dependencies are followed at most that many
    hops from the inputs, and only nodes that close are reported.
    """
    check_inputs(down, degraded, max_depth)
    graph = await impact_fetch.upstream(db, [*down, *degraded], max_depth)
    return build_report(graph, evaluate(graph, set(down), set(degraded) - set(down), max_depth))
