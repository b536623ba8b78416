"""Everything a service needs, as a tree with redundancy groups marked.

The needs graph is a DAG at best (shared dependencies, sometimes cycles), so the tree
shows each node's subtree once; later occurrences are marked ``repeated`` and not
expanded again. Entries come flat, parent first, which is what a UI draws from.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphcmdb.graph.enums import RelType
from graphcmdb.impact.model import Need, NeedsGraph, NodeInfo


@dataclass(frozen=True)
class TreeEntry:
    key: str
    parent_key: str | None
    depth: int
    node: NodeInfo
    via: RelType | None
    hard: bool | None
    repeated: bool

    @property
    def redundancy_group(self) -> bool:
        """A cluster: its MEMBER_OF children are alternatives, ``min_available`` of them needed."""
        return self.node.is_cluster


def _children(graph: NeedsGraph, node_id: str) -> list[Need]:
    needs = graph.needs.get(node_id, [])
    return sorted(
        needs, key=lambda n: (n.is_membership, graph.nodes[n.dependency].name, n.dependency)
    )


def dependency_tree(graph: NeedsGraph, root: str, depth: int) -> list[TreeEntry]:
    """Depth-first, children ordered (non-member needs first, then by name)."""
    entries: list[TreeEntry] = []
    expanded: set[str] = set()
    stack: list[tuple[str, str | None, int, Need | None]] = [(root, None, 0, None)]
    counter = 0
    while stack:
        node_id, parent_key, level, need = stack.pop()
        key = f"{parent_key}.{counter}" if parent_key else "0"
        counter += 1
        repeated = node_id in expanded
        entries.append(
            TreeEntry(
                key=key,
                parent_key=parent_key,
                depth=level,
                node=graph.nodes[node_id],
                via=need.type if need else None,
                hard=need.hard if need else None,
                repeated=repeated,
            )
        )
        if repeated or level >= depth:
            continue
        expanded.add(node_id)
        for child in reversed(_children(graph, node_id)):
            stack.append((child.dependency, key, level + 1, child))
    return entries
