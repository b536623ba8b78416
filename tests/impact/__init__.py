"""Pure tests of the impact algorithms on hand-built needs graphs (no database).

The helpers below build a :class:`NeedsGraph` the way the fetch layer does, with short
readable calls: ``ci(g, "h1")``, ``hard(g, "vm", "h1")``, ``cluster(g, "web", [...], 2)``.
"""

from __future__ import annotations

from collections.abc import Iterable

from graphcmdb.graph.enums import RelType
from graphcmdb.impact.model import Need, NeedsGraph, NodeInfo


def ci(
    g: NeedsGraph,
    node_id: str,
    name: str | None = None,
    *,
    labels: tuple[str, ...] = ("CI", "Server"),
    criticality: int | None = None,
    users: int | None = None,
) -> str:
    g.add_node(NodeInfo(node_id, name or node_id, labels, criticality=criticality, users=users))
    return node_id


def service(
    g: NeedsGraph, node_id: str, *, criticality: int | None = None, users: int | None = None
) -> str:
    return ci(g, node_id, labels=("Service",), criticality=criticality, users=users)


def cluster(
    g: NeedsGraph,
    node_id: str,
    members: Iterable[str],
    min_available: int | None,
    *,
    outside: int = 0,
    name: str | None = None,
) -> str:
    """A cluster with in-graph ``members`` plus ``outside`` members not loaded."""
    members = list(members)
    g.add_node(
        NodeInfo(
            node_id,
            name or node_id,
            ("CI", "Cluster"),
            min_available=min_available,
            member_count=len(members) + outside,
        )
    )
    for m in members:
        g.add_need(Need(node_id, m, RelType.MEMBER_OF, True))
    return node_id


def hard(g: NeedsGraph, dependent: str, dependency: str) -> None:
    g.add_need(Need(dependent, dependency, RelType.DEPENDS_ON, True))


def soft(g: NeedsGraph, dependent: str, dependency: str) -> None:
    g.add_need(Need(dependent, dependency, RelType.DEPENDS_ON, False))


def hosted_on(g: NeedsGraph, vm: str, host: str) -> None:
    g.add_need(Need(vm, host, RelType.HOSTED_ON, True))


def runs_on(g: NeedsGraph, app: str, host: str) -> None:
    g.add_need(Need(app, host, RelType.RUNS_ON, True))


def worked_example() -> NeedsGraph:
    """DESIGN's example: shop -> web cluster (web1..3, min 2); web1, web2 on h1, web3 on h2."""
    g = NeedsGraph()
    service(g, "shop", criticality=5, users=1000)
    for host in ("h1", "h2"):
        ci(g, host)
    for vm, host in (("web1", "h1"), ("web2", "h1"), ("web3", "h2")):
        ci(g, vm, labels=("CI", "VirtualMachine"))
        hosted_on(g, vm, host)
    cluster(g, "web", ["web1", "web2", "web3"], 2)
    hard(g, "shop", "web")
    return g
