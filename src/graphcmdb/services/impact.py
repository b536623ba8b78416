"""Impact analysis as a service: fetch the region, run the engine, order the answer."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace

from graphcmdb.db.database import Database
from graphcmdb.errors import LimitExceeded, NotFound, ValidationFailed
from graphcmdb.graph.enums import Label
from graphcmdb.impact.engine import Impacted, evaluate
from graphcmdb.impact.model import NeedsGraph, NodeInfo, Status
from graphcmdb.services import impact_fetch, visible

#: what a node the caller may not see is called in an answer (and a path)
HIDDEN_NAME = "(hidden)"

MAX_INPUT_IDS = 10_000


@dataclass(frozen=True)
class ImpactedNode:
    node: NodeInfo
    status: Status
    distance: int
    path: tuple[str, ...]
    path_ids: tuple[str, ...]
    #: outside the caller's scopes: counted, shown as a placeholder (no id, no name)
    hidden: bool = False


@dataclass(frozen=True)
class ImpactSummary:
    nodes_down: int
    nodes_degraded: int
    services_down: int
    services_degraded: int
    users_affected: int
    #: impacted nodes the caller's scopes hide (counted above, shown as placeholders)
    nodes_hidden: int = 0


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
    inputs = [*down, *degraded]
    seen = await visible.visible_as(db, inputs, (Label.CI, Label.SERVICE))
    if seen is not None and any(i not in seen for i in inputs):  # hidden: as if missing
        raise NotFound("node", list(dict.fromkeys(i for i in inputs if i not in seen)))
    graph = await impact_fetch.upstream(db, [*down, *degraded], max_depth)
    report = build_report(graph, evaluate(graph, set(down), set(degraded) - set(down), max_depth))
    return (await redacted(db, {"": report}))[""]


def _redact(report: ImpactReport, seen: set[str]) -> ImpactReport:
    """Every node outside ``seen`` as a placeholder (``hidden-1`` … in the report's order,
    name :data:`HIDDEN_NAME`, no labels), in the list and in every path; hidden services
    are left out of ``services``. The summary keeps counting them: the blast radius is
    real."""
    placeholders: dict[str, str] = {}
    for item in report.nodes:
        if item.node.id not in seen:
            placeholders[item.node.id] = f"hidden-{len(placeholders) + 1}"
    if not placeholders:
        return report

    def shown(item: ImpactedNode) -> ImpactedNode:
        path_ids = tuple(placeholders.get(i, i) for i in item.path_ids)
        path = tuple(
            HIDDEN_NAME if i in placeholders else name
            for i, name in zip(item.path_ids, item.path, strict=False)
        )
        if item.node.id not in placeholders:
            return replace(item, path=path, path_ids=path_ids)
        node = NodeInfo(id=placeholders[item.node.id], name=HIDDEN_NAME, labels=())
        return replace(item, node=node, path=path, path_ids=path_ids, hidden=True)

    return ImpactReport(
        summary=replace(report.summary, nodes_hidden=len(placeholders)),
        services=[shown(s) for s in report.services if s.node.id not in placeholders],
        nodes=[shown(n) for n in report.nodes],
    )


async def redacted(db: Database, reports: Mapping[str, ImpactReport]) -> dict[str, ImpactReport]:
    """``reports`` as the caller may see them (one statement per label for them all; none
    for a caller without scopes)."""
    seen = await visible.visible_nodes(db, (i.node for r in reports.values() for i in r.nodes))
    if seen is None:
        return dict(reports)
    return {k: _redact(r, seen) for k, r in reports.items()}
