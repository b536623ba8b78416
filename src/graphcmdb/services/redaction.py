"""What a scoped caller sees of the answers computed over the whole graph.

Impact analysis, the explorer's drawings and the resilience reports compute on the real
graph (a blast radius, a path, a tree is real whatever the caller may see); their
answers then go through here. Two ways, one per kind of answer:

- **drawn** (a neighbourhood, a path, a dependency tree): a node outside the caller's
  scopes stays in place as a placeholder (``hidden-1``, ``hidden-2`` … per answer, name
  :data:`HIDDEN_NAME`, no labels, nothing of its own), as impact does, so the drawing's
  shape stays true;
- **listed** (single points of failure, root-cause candidates, services at risk): only
  what the caller sees is listed; the counts and the grade stay those of the real graph.

Every function takes the ids the caller sees (``services.visible``); a caller without
scopes never comes here (the callers test for ``None`` first).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from graphcmdb.impact.maintenance import MaintenanceRisk, RedundancyLoss, ServiceAtRisk
from graphcmdb.impact.model import NeedsGraph, NodeInfo
from graphcmdb.impact.rootcause import Candidate
from graphcmdb.impact.tree import TreeEntry

#: what a node the caller may not see is called in an answer (and a path)
HIDDEN_NAME = "(hidden)"


class Placeholders:
    """The placeholder of each hidden node of one answer, numbered as first met."""

    def __init__(self, seen: set[str]) -> None:
        self.seen = seen
        self._ids: dict[str, str] = {}

    def shows(self, node_id: str) -> bool:
        return node_id in self.seen

    def id_of(self, node_id: str) -> str:
        """The node's id, or its placeholder's."""
        if node_id in self.seen:
            return node_id
        return self._ids.setdefault(node_id, f"hidden-{len(self._ids) + 1}")

    def node(self, node: NodeInfo) -> NodeInfo:
        if node.id in self.seen:
            return node
        return NodeInfo(id=self.id_of(node.id), name=HIDDEN_NAME, labels=(), hidden=True)

    def names(self, names: Iterable[str], ids: Iterable[str]) -> tuple[str, ...]:
        """A path of names, hidden nodes' named :data:`HIDDEN_NAME`."""
        return tuple(
            name if i in self.seen else HIDDEN_NAME for name, i in zip(names, ids, strict=False)
        )

    @property
    def count(self) -> int:
        return len(self._ids)


def tree(entries: list[TreeEntry], seen: set[str]) -> list[TreeEntry]:
    """A dependency tree with its hidden nodes as placeholders (same rows, same keys)."""
    marks = Placeholders(seen)
    return [replace(e, node=marks.node(e.node)) for e in entries]


def candidates(candidates: list[Candidate], seen: set[str], limit: int) -> list[Candidate]:
    """Root-cause candidates made only of CIs the caller sees, their predictions only
    about nodes it sees (their counts stay those of the real graph)."""
    shown = [c for c in candidates if all(i in seen for i in c.ids)]
    return [
        replace(c, statuses={i: s for i, s in c.statuses.items() if i in seen})
        for c in shown[:limit]
    ]


def _at_risk(services: Iterable[ServiceAtRisk], marks: Placeholders) -> tuple[ServiceAtRisk, ...]:
    return tuple(
        replace(
            s,
            path=marks.names(s.path, s.path_ids),
            path_ids=tuple(marks.id_of(i) for i in s.path_ids),
        )
        for s in services
        if marks.shows(s.id)
    )


def risk(report: MaintenanceRisk, seen: set[str]) -> MaintenanceRisk:
    """Services and clusters the caller sees, paths through hidden nodes named
    :data:`HIDDEN_NAME`; the grade and ``impacted_count`` stay the real graph's."""
    marks = Placeholders(seen)
    lost: list[RedundancyLoss] = [
        replace(r, services=_at_risk(r.services, marks))
        for r in report.redundancy_lost
        if marks.shows(r.id)
    ]
    return replace(
        report,
        services_down=_at_risk(report.services_down, marks),
        services_degraded=_at_risk(report.services_degraded, marks),
        redundancy_lost=tuple(lost),
    )


def risk_nodes(graph: NeedsGraph, report: MaintenanceRisk) -> list[NodeInfo]:
    """The nodes a maintenance risk names (to ask which the caller sees)."""
    ids = {s.id for s in (*report.services_down, *report.services_degraded)}
    for loss in report.redundancy_lost:
        ids |= {loss.id, *(s.id for s in loss.services)}
    for s in (*report.services_down, *report.services_degraded):
        ids |= set(s.path_ids)
    for loss in report.redundancy_lost:
        ids |= {i for s in loss.services for i in s.path_ids}
    return [graph.nodes[i] for i in sorted(ids) if i in graph.nodes]
