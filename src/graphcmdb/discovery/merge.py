"""Duplicate CIs and how merging them rewires the graph (pure parts).

Merging moves every relationship of the merged CIs (both directions, every type, with
its properties) onto the kept CI. A relationship the kept CI already has is not
duplicated: same type, other end and direction (for ``CONNECTED_TO``: the same cable,
i.e. the same ports at both ends, in either direction); the kept CI's own relationship
wins and the dropped one is recorded in the audit entry. Relationships between the CIs
being merged would become self-links and are dropped too. What happens to each field is
the merge policy of ``discovery/merge_policy.py``.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from graphcmdb.discovery.records import CIRelationship
from graphcmdb.graph.enums import RelType


class RelOutcome(StrEnum):
    MOVED = "MOVED"
    DROPPED = "DROPPED"


class DropReason(StrEnum):
    SELF_LINK = "SELF_LINK"
    ALREADY_PRESENT = "ALREADY_PRESENT"


@dataclass(frozen=True)
class RelationshipChange:
    """What a merge does to one relationship of a merged CI (ends by CI id)."""

    type: str
    from_id: str
    to_id: str
    props: Mapping[str, object]
    outcome: RelOutcome
    #: the ends after the merge (a moved one); the same as before for a dropped one
    new_from_id: str
    new_to_id: str
    reason: DropReason | None = None

    def describe(self) -> dict[str, object]:
        """As the audit entry keeps it."""
        out = {"type": self.type, "fromId": self.from_id, "toId": self.to_id, **self.props}
        if self.reason is not None:
            return out | {"reason": self.reason.value}
        return out | {"newFromId": self.new_from_id, "newToId": self.new_to_id}


@dataclass(frozen=True)
class Edge:
    """One relationship, its ends by id (for the plan) and by element id (for the write)."""

    key: str
    type: str
    from_id: str
    to_id: str
    from_key: str
    to_key: str
    props: dict[str, object]

    @classmethod
    def of(cls, rel: CIRelationship) -> Edge:
        ends = [(rel.ci_id, rel.ci_key), (rel.other_id, rel.other_key)]
        (fid, fkey), (tid, tkey) = ends if rel.outgoing else ends[::-1]
        return cls(rel.rel_key, rel.type, fid, tid, fkey, tkey, dict(rel.props))

    def change(
        self, outcome: RelOutcome, src: str, dst: str, reason: DropReason | None = None
    ) -> RelationshipChange:
        return RelationshipChange(
            self.type, self.from_id, self.to_id, self.props, outcome, src, dst, reason
        )


@dataclass
class EdgePlan:
    #: what ``discovery/merge_move`` recreates (ends by element id)
    moves: list[dict[str, object]] = field(default_factory=list)
    #: every relationship of a merged CI: moved (ends by id before and after) or dropped
    changes: list[RelationshipChange] = field(default_factory=list)
    #: assets that would track the kept CI after the merge (one is allowed)
    trackers: set[str] = field(default_factory=set)

    @property
    def moved(self) -> list[dict[str, object]]:
        return [c.describe() for c in self.changes if c.outcome is RelOutcome.MOVED]

    @property
    def dropped(self) -> list[dict[str, object]]:
        return [c.describe() for c in self.changes if c.outcome is RelOutcome.DROPPED]


def _identity(rel_type: str, src: str, dst: str, props: Mapping[str, object]) -> Hashable:
    if rel_type == RelType.CONNECTED_TO.value:
        ends = frozenset({(src, props.get("localPort")), (dst, props.get("remotePort"))})
        return (rel_type, ends)
    return (rel_type, src, dst)


def plan_edges(
    keep_id: str, keep_key: str, merge_ids: list[str], rels: Sequence[CIRelationship]
) -> EdgePlan:
    """``rels``: the relationships of every CI taking part (one seen from both ends when
    it joins two of them, counted once)."""
    edges = list({r.rel_key: Edge.of(r) for r in rels}.values())
    merged = set(merge_ids)

    def end(node_id: str, node_key: str) -> tuple[str, str]:
        return (keep_id, keep_key) if node_id in merged else (node_id, node_key)

    plan = EdgePlan()
    own = [e for e in edges if e.from_id not in merged and e.to_id not in merged]
    taken = {_identity(e.type, e.from_id, e.to_id, e.props) for e in own}
    plan.trackers = {e.from_id for e in own if e.type == RelType.TRACKS.value}
    order = {mid: i for i, mid in enumerate(merge_ids)}
    moving = [e for e in edges if e.from_id in merged or e.to_id in merged]
    moving.sort(key=lambda e: (min(order.get(e.from_id, 99), order.get(e.to_id, 99)), e.key))
    for e in moving:
        (src, src_key), (dst, dst_key) = end(e.from_id, e.from_key), end(e.to_id, e.to_key)
        identity = _identity(e.type, src, dst, e.props)
        if src == dst or identity in taken:
            reason = DropReason.SELF_LINK if src == dst else DropReason.ALREADY_PRESENT
            plan.changes.append(e.change(RelOutcome.DROPPED, e.from_id, e.to_id, reason))
            continue
        taken.add(identity)
        if e.type == RelType.TRACKS.value:
            plan.trackers.add(src)
        plan.moves.append({"fromKey": src_key, "toKey": dst_key, "type": e.type, "props": e.props})
        plan.changes.append(e.change(RelOutcome.MOVED, src, dst))
    return plan
