"""How hard an edge of the 'needs' graph is."""

from __future__ import annotations

from graphcmdb.graph.enums import DependencyKind, RelType


def edge_kind(rel_type: str, stored: str | None) -> DependencyKind | None:
    """DEPENDS_ON carries its kind; RUNS_ON and HOSTED_ON are hard by definition."""
    if stored:
        return DependencyKind(stored.upper())
    hard_by_type = rel_type in (RelType.RUNS_ON.value, RelType.HOSTED_ON.value)
    return DependencyKind.HARD if hard_by_type else None
