"""Change risk: what taking some CIs down for maintenance does to the business services.

Beyond "what goes DOWN or DEGRADED", a change reviewer needs to know which clusters end
up exactly at quorum: nothing is down yet, but one more failure during the window (an
unrelated fault, a second change) takes the cluster and whatever hard-needs it down.
Those clusters are reported with the services above them that are still running.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal

from graphcmdb.impact.engine import Impacted, evaluate, members_of, quorum
from graphcmdb.impact.model import NeedsGraph, NodeInfo, Status

Risk = Literal["HIGH", "MEDIUM", "LOW"]


@dataclass(frozen=True)
class ServiceAtRisk:
    id: str
    name: str
    status: Status
    criticality: int | None
    users: int | None
    #: witness path of names from a CI under maintenance (empty if the service is OK)
    path: tuple[str, ...]
    #: the same path's node ids
    path_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class RedundancyLoss:
    """A cluster left exactly at quorum: one more member DOWN takes it DOWN."""

    id: str
    name: str
    min_available: int
    member_count: int
    members_down: int
    #: services that need the cluster (transitively) and are not DOWN, most important first
    services: tuple[ServiceAtRisk, ...]


@dataclass(frozen=True)
class MaintenanceRisk:
    risk: Risk
    services_down: tuple[ServiceAtRisk, ...]
    services_degraded: tuple[ServiceAtRisk, ...]
    redundancy_lost: tuple[RedundancyLoss, ...]
    #: how many nodes the change impacts in all (the CIs themselves included)
    impacted_count: int


def maintenance_risk(graph: NeedsGraph, ci_ids: Collection[str]) -> MaintenanceRisk:
    """Evaluate ``ci_ids`` DOWN and grade it: HIGH if a service goes DOWN, MEDIUM if one
    is DEGRADED or a cluster is left at quorum, else LOW.

    ``graph`` holds the upstream closure of ``ci_ids``; clusters' ``member_count`` counts
    their members outside it too (those never fail here).
    """
    impacted = evaluate(graph, ci_ids)
    services = [_service(graph.nodes[i], hit) for i, hit in impacted.items()]
    down = _ranked(s for s in services if s is not None and s.status is Status.DOWN)
    degraded = _ranked(s for s in services if s is not None and s.status is Status.DEGRADED)
    lost = tuple(
        _loss(graph, impacted, cluster_id)
        for cluster_id in sorted(impacted, key=lambda i: (graph.nodes[i].name, i))
        if _at_quorum(graph, impacted, cluster_id)
    )
    risk: Risk = "HIGH" if down else "MEDIUM" if degraded or lost else "LOW"
    return MaintenanceRisk(risk, down, degraded, lost, len(impacted))


def _down_members(graph: NeedsGraph, impacted: dict[str, Impacted], cluster_id: str) -> int:
    return sum(
        1
        for m in members_of(graph, cluster_id)
        if m in impacted and impacted[m].status is Status.DOWN
    )


def _at_quorum(graph: NeedsGraph, impacted: dict[str, Impacted], cluster_id: str) -> bool:
    """Not DOWN, lost at least one member, and not one member to spare any more."""
    if impacted[cluster_id].status is Status.DOWN:
        return False
    members = members_of(graph, cluster_id)
    if not members:
        return False
    down = _down_members(graph, impacted, cluster_id)
    total, wanted = quorum(graph.nodes[cluster_id], len(members))
    return down > 0 and total - down == wanted


def _loss(graph: NeedsGraph, impacted: dict[str, Impacted], cluster_id: str) -> RedundancyLoss:
    node = graph.nodes[cluster_id]
    total, wanted = quorum(node, len(members_of(graph, cluster_id)))
    above: list[ServiceAtRisk] = []
    for dependent in _needing(graph, cluster_id):
        hit = impacted.get(dependent)
        service = _service(graph.nodes[dependent], hit)
        if service is not None and service.status is not Status.DOWN:
            above.append(service)
    return RedundancyLoss(
        id=cluster_id,
        name=node.name,
        min_available=wanted,
        member_count=total,
        members_down=_down_members(graph, impacted, cluster_id),
        services=_ranked(above),
    )


def _needing(graph: NeedsGraph, start: str) -> list[str]:
    """Everything that transitively needs ``start`` (not ``start`` itself)."""
    seen = {start}
    queue = deque([start])
    while queue:
        for need in graph.needed_by.get(queue.popleft(), []):
            if need.dependent not in seen and need.dependent in graph.nodes:
                seen.add(need.dependent)
                queue.append(need.dependent)
    seen.discard(start)
    return list(seen)


def _service(node: NodeInfo, hit: Impacted | None) -> ServiceAtRisk | None:
    if not node.is_service:
        return None
    status = hit.status if hit else Status.OK
    path, path_ids = (hit.path, hit.path_ids) if hit else ((), ())
    return ServiceAtRisk(node.id, node.name, status, node.criticality, node.users, path, path_ids)


def _ranked(services: Iterable[ServiceAtRisk]) -> tuple[ServiceAtRisk, ...]:
    """DESIGN's order: criticality (highest first), then users (most first), then name."""
    items = list(services)
    items.sort(key=lambda s: (-(s.criticality or 0), -(s.users or 0), s.name, s.id))
    return tuple(items)
