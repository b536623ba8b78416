"""Beyond the blast radius: single points of failure, root causes, change risk, dependency trees."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from graphcmdb.db.database import Database
from graphcmdb.errors import LimitExceeded, ValidationFailed
from graphcmdb.impact.engine import evaluate
from graphcmdb.impact.maintenance import MaintenanceRisk, maintenance_risk
from graphcmdb.impact.model import NeedsGraph, NodeInfo, Status
from graphcmdb.impact.rootcause import Candidate, root_cause_candidates
from graphcmdb.impact.spof import single_points_of_failure
from graphcmdb.impact.tree import TreeEntry, dependency_tree
from graphcmdb.services import impact_fetch

MAX_TREE_DEPTH = 25
MAX_SYMPTOMS = 200


@dataclass(frozen=True)
class SinglePoint:
    ci: NodeInfo
    services_down: list[NodeInfo]


async def require_service(db: Database, service_id: str) -> NeedsGraph:
    graph = await impact_fetch.downstream(db, [service_id])
    if not graph.nodes[service_id].is_service:
        raise ValidationFailed(
            f"{graph.nodes[service_id].name} is not a business service.", field="serviceId"
        )
    return graph


async def single_points(db: Database, service_id: str) -> list[SinglePoint]:
    """CIs whose failure alone takes the service DOWN, ranked by services they take down."""
    graph = await require_service(db, service_id)
    spofs = single_points_of_failure(graph, service_id)
    if not spofs:
        return []
    above = await impact_fetch.upstream(db, spofs)
    ranked = []
    for ci_id in spofs:
        hit = evaluate(above, {ci_id})
        down = [
            above.nodes[i]
            for i, v in hit.items()
            if v.status is Status.DOWN and above.nodes[i].is_service
        ]
        down.sort(key=lambda n: (-(n.criticality or 0), -(n.users or 0), n.name))
        ranked.append(SinglePoint(ci=graph.nodes[ci_id], services_down=down))
    ranked.sort(key=lambda p: (-len(p.services_down), p.ci.name, p.ci.id))
    return ranked


async def root_causes(
    db: Database,
    impacted: Collection[str],
    observed_down: Collection[str] = (),
    limit: int = 10,
) -> tuple[NeedsGraph, list[Candidate]]:
    """Smallest sets of CIs whose failure explains the observed symptoms, most specific first."""
    symptoms = list(dict.fromkeys([*impacted, *observed_down]))
    if not symptoms:
        raise ValidationFailed("Give at least one impacted CI or service.", field="impacted")
    if len(symptoms) > MAX_SYMPTOMS:
        raise LimitExceeded(
            f"At most {MAX_SYMPTOMS} symptoms.", field="impacted", limit=MAX_SYMPTOMS
        )
    graph = await impact_fetch.downstream(db, symptoms, then_upstream=True)
    return graph, root_cause_candidates(graph, symptoms, observed_down, limit=limit)


async def change_risk(db: Database, ci_ids: Collection[str]) -> tuple[NeedsGraph, MaintenanceRisk]:
    if not ci_ids:
        raise ValidationFailed("Give at least one CI.", field="ciIds")
    graph = await impact_fetch.upstream(db, list(ci_ids))
    return graph, maintenance_risk(graph, ci_ids)


async def service_tree(db: Database, service_id: str, depth: int) -> list[TreeEntry]:
    if not 1 <= depth <= MAX_TREE_DEPTH:
        raise LimitExceeded(
            f"depth must be between 1 and {MAX_TREE_DEPTH}.", field="depth", limit=MAX_TREE_DEPTH
        )
    graph = await require_service(db, service_id)
    return dependency_tree(graph, service_id, depth)
