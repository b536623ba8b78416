"""Duplicate CIs and how merging them rewires the graph (pure parts).

Merging moves every relationship of the merged CIs (both directions, every type, with
its properties) onto the kept CI. A relationship the kept CI already has is not
duplicated: same type, other end and direction (for ``CONNECTED_TO``: the same cable,
i.e. the same ports at both ends, in either direction); the kept CI's own relationship
wins and the dropped one is recorded in the audit entry. Relationships between the CIs
being merged would become self-links and are dropped too. The kept CI's properties stay;
its sources, addresses and MACs are unioned with the others', ``firstSeen`` becomes the
earliest and ``lastSeen`` the latest, and its empty discoverable fields are filled from
the merged CIs (first in the order given).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from graphcmdb.db.database import Row
from graphcmdb.discovery.identity import identifying_mac, manufacturer_word
from graphcmdb.discovery.precedence import OWNED, DiscoverableField
from graphcmdb.graph.enums import RelType

UNIONED = ("ipAddresses", "macAddresses")


class DuplicateKind(StrEnum):
    SERIAL = "SERIAL"
    MAC = "MAC"
    FQDN = "FQDN"


@dataclass(frozen=True)
class Edge:
    """One relationship, its ends by id (for the plan) and by element id (for the write)."""

    key: str
    type: str
    from_id: str
    to_id: str
    from_key: str
    to_key: str
    props: dict[str, Any]

    @classmethod
    def of(cls, row: Row) -> Edge:
        ends = [(row["ciId"], row["ciKey"]), (row["otherId"], row["otherKey"])]
        (fid, fkey), (tid, tkey) = ends if row["outgoing"] else ends[::-1]
        return cls(row["relKey"], row["type"], fid, tid, fkey, tkey, dict(row["props"]))

    def describe(self) -> dict[str, Any]:
        return {"type": self.type, "fromId": self.from_id, "toId": self.to_id, **self.props}


@dataclass
class EdgePlan:
    #: what ``discovery/merge_move`` recreates (ends by element id)
    moves: list[dict[str, Any]] = field(default_factory=list)
    #: the same, for the audit entry (ends by id, before and after)
    moved: list[dict[str, Any]] = field(default_factory=list)
    dropped: list[dict[str, Any]] = field(default_factory=list)
    #: assets that would track the kept CI after the merge (one is allowed)
    trackers: set[str] = field(default_factory=set)


def _identity(rel_type: str, src: str, dst: str, props: dict[str, Any]) -> Hashable:
    if rel_type == RelType.CONNECTED_TO.value:
        ends = frozenset({(src, props.get("localPort")), (dst, props.get("remotePort"))})
        return (rel_type, ends)
    return (rel_type, src, dst)


def plan_edges(keep_id: str, keep_key: str, merge_ids: list[str], rows: list[Row]) -> EdgePlan:
    edges = list({r["relKey"]: Edge.of(r) for r in rows if r["relKey"] is not None}.values())
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
            reason = "SELF_LINK" if src == dst else "ALREADY_PRESENT"
            plan.dropped.append(e.describe() | {"reason": reason})
            continue
        taken.add(identity)
        if e.type == RelType.TRACKS.value:
            plan.trackers.add(src)
        plan.moves.append({"fromKey": src_key, "toKey": dst_key, "type": e.type, "props": e.props})
        plan.moved.append(e.describe() | {"newFromId": src, "newToId": dst})
    return plan


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def merged_props(keep: Row, others: list[Row]) -> dict[str, Any]:
    """The kept CI's property changes (see the module docstring)."""
    everyone = [keep, *others]
    out: dict[str, Any] = {}
    sources = [s for ci in everyone for s in ci.get("sources") or []]
    out["sources"] = list(dict.fromkeys(sources))
    for name in UNIONED:
        out[name] = sorted({v for ci in everyone for v in ci.get(name) or []})
    first = [ci["firstSeen"] for ci in everyone if ci.get("firstSeen") is not None]
    last = [ci["lastSeen"] for ci in everyone if ci.get("lastSeen") is not None]
    out["firstSeen"] = min(first) if first else None
    out["lastSeen"] = max(last) if last else None
    owned = set(keep.get(OWNED) or [])
    for f in DiscoverableField:
        if f.value in UNIONED or not _empty(keep.get(f.value)):
            continue
        donor = next((ci for ci in others if not _empty(ci.get(f.value))), None)
        if donor is not None:
            out[f.value] = donor[f.value]
            if f.value in (donor.get(OWNED) or []):
                owned.add(f.value)
    for name in UNIONED:  # a union is discovery's only if every part was
        parts = [ci for ci in everyone if ci.get(name)]
        if parts and all(name in (ci.get(OWNED) or []) for ci in parts):
            owned.add(name)
        else:
            owned.discard(name)
    out[OWNED] = sorted(owned)
    return {k: v for k, v in out.items() if not _same(keep.get(k), v)}


def _same(have: Any, want: Any) -> bool:
    return have == want or (_empty(have) and _empty(want))


def split_by_maker(cis: list[Row]) -> list[list[Row]]:
    """A serial group split by manufacturer; CIs without one belong to every part."""
    words = sorted({w for c in cis if (w := manufacturer_word(c.get("manufacturer")))})
    if len(words) <= 1:
        return [cis]
    unknown = [c for c in cis if manufacturer_word(c.get("manufacturer")) is None]
    parts = [
        [c for c in cis if manufacturer_word(c.get("manufacturer")) == w] + unknown for w in words
    ]
    return [p for p in parts if len(p) > 1]


def duplicate_groups(rows: list[Row]) -> list[tuple[DuplicateKind, str, list[Row]]]:
    """Groups from ``discovery/duplicates`` that really share an identity."""
    out: list[tuple[DuplicateKind, str, list[Row]]] = []
    for row in rows:
        kind, value, cis = DuplicateKind(row["kind"]), str(row["value"]), list(row["cis"])
        if kind is DuplicateKind.MAC and identifying_mac(value) is None:
            continue
        parts = split_by_maker(cis) if kind is DuplicateKind.SERIAL else [cis]
        out.extend((kind, value, part) for part in parts if len(part) > 1)
    return out
