"""Beyond the blast radius: single points of failure, root causes, change risk, dependency trees.

For a scoped caller an input it does not see is "not found" like a missing id; the
reports compute on the real graph and then list only what it sees (trees keep hidden
nodes as placeholders): ``services.redaction``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from graphcmdb.db import scoping
from graphcmdb.db.database import Database
from graphcmdb.errors import LimitExceeded, ValidationFailed
from graphcmdb.graph.enums import Label
from graphcmdb.impact.engine import evaluate
from graphcmdb.impact.maintenance import MaintenanceRisk, maintenance_risk
from graphcmdb.impact.model import NeedsGraph, NodeInfo, Status
from graphcmdb.impact.rootcause import Candidate, root_cause_candidates
from graphcmdb.impact.spof import single_points_of_failure
from graphcmdb.impact.tree import TreeEntry, dependency_tree
from graphcmdb.services import impact_fetch, redaction, visible

MAX_TREE_DEPTH = 25
MAX_SYMPTOMS = 200
MAX_CANDIDATES = 50
NEEDS_LABELS = (Label.CI, Label.SERVICE)


@dataclass(frozen=True)
class SinglePoint:
    ci: NodeInfo
    services_down: list[NodeInfo]
    #: every service it takes down, those the caller does not see included
    service_count: int


async def require_service(db: Database, service_id: str) -> NeedsGraph:
    await visible.require_seen(db, [service_id], NEEDS_LABELS)
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
        ranked.append(SinglePoint(graph.nodes[ci_id], down, len(down)))
    ranked.sort(key=lambda p: (-p.service_count, p.ci.name, p.ci.id))
    nodes = [n for p in ranked for n in (p.ci, *p.services_down)]
    seen = await visible.visible_nodes(db, nodes)
    if seen is None:
        return ranked
    return [
        SinglePoint(p.ci, [s for s in p.services_down if s.id in seen], p.service_count)
        for p in ranked
        if p.ci.id in seen
    ]


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
    await visible.require_seen(db, symptoms, NEEDS_LABELS)
    graph = await impact_fetch.downstream(db, symptoms, then_upstream=True)
    scoped = scoping.is_scoped()  # candidates of hidden CIs are left out: ask for more
    wanted = max(limit, MAX_CANDIDATES) if scoped else limit
    found = root_cause_candidates(graph, symptoms, observed_down, limit=wanted)
    seen = await visible.visible_nodes(db, [graph.nodes[i] for c in found for i in c.ids])
    if seen is None:
        return graph, found
    return graph, redaction.candidates(found, seen, limit)


async def visible_risk(
    db: Database, risks: dict[str, tuple[NeedsGraph, MaintenanceRisk]]
) -> dict[str, tuple[NeedsGraph, MaintenanceRisk]]:
    """Maintenance risks as the caller may see them (one visibility question for all)."""
    nodes = [n for graph, risk in risks.values() for n in redaction.risk_nodes(graph, risk)]
    seen = await visible.visible_nodes(db, nodes)
    if seen is None:
        return risks
    return {k: (graph, redaction.risk(risk, seen)) for k, (graph, risk) in risks.items()}


async def change_risk(db: Database, ci_ids: Collection[str]) -> tuple[NeedsGraph, MaintenanceRisk]:
    if not ci_ids:
        raise ValidationFailed("Give at least one CI.", field="ciIds")
    await visible.require_seen(db, ci_ids, (Label.CI,))
    graph = await impact_fetch.upstream(db, list(ci_ids))
    return (await visible_risk(db, {"": (graph, maintenance_risk(graph, ci_ids))}))[""]


async def service_tree(db: Database, service_id: str, depth: int) -> list[TreeEntry]:
    if not 1 <= depth <= MAX_TREE_DEPTH:
        raise LimitExceeded(
            f"depth must be between 1 and {MAX_TREE_DEPTH}.", field="depth", limit=MAX_TREE_DEPTH
        )
    graph = await require_service(db, service_id)
    entries = dependency_tree(graph, service_id, depth)
    seen = await visible.visible_nodes(db, (e.node for e in entries))
    return entries if seen is None else redaction.tree(entries, seen)
