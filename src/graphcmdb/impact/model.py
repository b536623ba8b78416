"""The in-memory "needs" graph the impact algorithms run on.

The fetch layer (``services/impact_fetch.py``) loads the region of the Neo4j graph an analysis
needs; the algorithms never touch the database. An edge ``Need(dependent, dependency)``
reads "dependent needs dependency": DEPENDS_ON (hard or soft), RUNS_ON and HOSTED_ON
(always hard) from dependent to dependency, and for every cluster one MEMBER_OF edge
from the cluster (dependent) to each member (dependency), evaluated by the quorum rule.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import IntEnum
from typing import NamedTuple

from graphcmdb.graph.enums import RelType


class Status(IntEnum):
    """Ordered so that max() combines statuses: OK < DEGRADED < DOWN."""

    OK = 0
    DEGRADED = 1
    DOWN = 2


class NodeInfo(NamedTuple):
    """Immutable; a named tuple because a large region makes one per node (a frozen
    dataclass's ``__init__`` sets each field through ``object.__setattr__``)."""

    id: str
    name: str
    labels: tuple[str, ...]
    criticality: int | None = None
    users: int | None = None
    sla_target: float | None = None
    owner: str | None = None
    #: clusters only: the quorum and the total number of members in the whole graph
    min_available: int | None = None
    member_count: int = 0
    #: a placeholder for a node outside the caller's scopes (``services.redaction``)
    hidden: bool = False
    #: a node read as an id only, to be counted (above a root-cause region): no labels,
    #: no quorum, never evaluated or shown
    counted_only: bool = False

    @property
    def is_cluster(self) -> bool:
        return "Cluster" in self.labels

    @property
    def is_service(self) -> bool:
        return "Service" in self.labels

    @property
    def is_ci(self) -> bool:
        return "CI" in self.labels


class Need(NamedTuple):
    """Immutable and hashed as a tuple: a large region builds and dedupes tens of
    thousands (a frozen dataclass took ~2.5 times as long to make and hash)."""

    dependent: str
    dependency: str
    type: RelType
    hard: bool

    @property
    def is_membership(self) -> bool:
        """Cluster -> member: counted by the quorum rule, not by rule 3."""
        return self.type is RelType.MEMBER_OF


@dataclass
class NeedsGraph:
    nodes: dict[str, NodeInfo] = field(default_factory=dict)
    needs: dict[str, list[Need]] = field(default_factory=lambda: defaultdict(list))
    needed_by: dict[str, list[Need]] = field(default_factory=lambda: defaultdict(list))

    def add_node(self, node: NodeInfo) -> None:
        self.nodes.setdefault(node.id, node)

    def add_need(self, need: Need) -> None:
        """Add an edge once (fetching may see the same edge from both ends)."""
        if need in self.needs[need.dependent]:
            return
        self.needs[need.dependent].append(need)
        self.needed_by[need.dependency].append(need)
