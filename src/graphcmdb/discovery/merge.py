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

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from graphcmdb.discovery.precedence import DiscoverableField
from graphcmdb.discovery.records import CIRelationship, MakerOf, SharedIdentifier
from graphcmdb.graph.enums import RelType
from graphcmdb.identity import normalise
from graphcmdb.identity.candidates import OWNED, DiscoveredProps
from graphcmdb.identity.normalise import manufacturer_word

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
    props: dict[str, object]

    @classmethod
    def of(cls, rel: CIRelationship) -> Edge:
        ends = [(rel.ci_id, rel.ci_key), (rel.other_id, rel.other_key)]
        (fid, fkey), (tid, tkey) = ends if rel.outgoing else ends[::-1]
        return cls(rel.rel_key, rel.type, fid, tid, fkey, tkey, dict(rel.props))

    def describe(self) -> dict[str, object]:
        return {"type": self.type, "fromId": self.from_id, "toId": self.to_id, **self.props}


@dataclass
class EdgePlan:
    #: what ``discovery/merge_move`` recreates (ends by element id)
    moves: list[dict[str, object]] = field(default_factory=list)
    #: the same, for the audit entry (ends by id, before and after)
    moved: list[dict[str, object]] = field(default_factory=list)
    dropped: list[dict[str, object]] = field(default_factory=list)
    #: assets that would track the kept CI after the merge (one is allowed)
    trackers: set[str] = field(default_factory=set)


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
            reason = "SELF_LINK" if src == dst else "ALREADY_PRESENT"
            plan.dropped.append(e.describe() | {"reason": reason})
            continue
        taken.add(identity)
        if e.type == RelType.TRACKS.value:
            plan.trackers.add(src)
        plan.moves.append({"fromKey": src_key, "toKey": dst_key, "type": e.type, "props": e.props})
        plan.moved.append(e.describe() | {"newFromId": src, "newToId": dst})
    return plan


def _empty(value: object) -> bool:
    return value is None or value == "" or value == []


def merged_props(keep: DiscoveredProps, others: Sequence[DiscoveredProps]) -> dict[str, object]:
    """The kept CI's property changes (see the module docstring)."""
    everyone = [keep, *others]
    out: dict[str, object] = {}
    sources = [s for ci in everyone for s in ci.sources]
    out["sources"] = list(dict.fromkeys(sources))
    for name in UNIONED:
        out[name] = sorted({v for ci in everyone for v in ci.texts(name)})
    first = [at for ci in everyone if (at := ci.first_seen) is not None]
    last = [at for ci in everyone if (at := ci.last_seen) is not None]
    out["firstSeen"] = min(first) if first else None
    out["lastSeen"] = max(last) if last else None
    owned = set(keep.owned)
    for f in DiscoverableField:
        if f.value in UNIONED or not _empty(keep.get(f.value)):
            continue
        donor = next((ci for ci in others if not _empty(ci.get(f.value))), None)
        if donor is not None:
            out[f.value] = donor.get(f.value)
            if f.value in donor.owned:
                owned.add(f.value)
    for name in UNIONED:  # a union is discovery's only if every part was
        parts = [ci for ci in everyone if ci.get(name)]
        if parts and all(name in ci.owned for ci in parts):
            owned.add(name)
        else:
            owned.discard(name)
    out[OWNED] = sorted(owned)
    return {k: v for k, v in out.items() if not _same(keep.get(k), v)}


def _same(have: object, want: object) -> bool:
    return have == want or (_empty(have) and _empty(want))


def split_by_maker(cis: list[MakerOf]) -> list[list[MakerOf]]:
    """A serial group split by manufacturer; CIs without one belong to every part."""
    words = sorted({w for c in cis if (w := manufacturer_word(c.manufacturer))})
    if len(words) <= 1:
        return [cis]
    unknown = [c for c in cis if manufacturer_word(c.manufacturer) is None]
    parts = [[c for c in cis if manufacturer_word(c.manufacturer) == w] + unknown for w in words]
    return [p for p in parts if len(p) > 1]


@dataclass(frozen=True)
class Duplicates:
    """CIs that really share one identifier."""

    kind: DuplicateKind
    value: str
    #: oldest first
    ids: tuple[str, ...]


def duplicate_groups(rows: Sequence[SharedIdentifier]) -> list[Duplicates]:
    """Groups from ``discovery/duplicates`` that really share an identity."""
    out: list[Duplicates] = []
    for row in rows:
        kind, value, cis = DuplicateKind(row.kind), row.value, list(row.cis)
        if kind is DuplicateKind.MAC and normalise.mac(value) is None:
            continue
        parts = split_by_maker(cis) if kind is DuplicateKind.SERIAL else [cis]
        out.extend(Duplicates(kind, value, tuple(c.id for c in p)) for p in parts if len(p) > 1)
    return out
